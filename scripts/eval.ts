/**
 * `npm run eval [-- FILE…] [--verbose]` — scores the leader Q&A on one or more question sets with
 * the rule in ../shared/eval/README.md, through the same code path as `npm run ask -- --json`
 * (QaService.ask → toAskJson). Prints one line per failing item, a table per category and per
 * form (the item's `form`, or one detected from the text: english / nynorsk / long-situational /
 * other), and ends with `N passed, M failed` summed over all files. Exit code 0 even when items
 * fail: it is a measurement.
 *
 * Items: `{ id, question, expect: string[][], unanswerable?, category?, form? }` (the dev sets),
 * or, for our own paraphrase sets, `{ id, question, expectId: string | string[], unanswerable? }`.
 * If the knowledge base is mid-edit and invalid, the valid entries are used and a warning is
 * printed, so a measurement is still possible.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { silentLogger } from '../src/logging/logger.js';
import { createAnswerer, loadGlossary, loadSynonyms } from '../src/modules/qa/answer.js';
import {
  type DocumentId,
  type KnowledgeBase,
  KnowledgeLoadError,
  type KnowledgeEntry,
  type SourceDocument,
  parseEntry,
  sourceDocumentSchema,
} from '../src/modules/qa/knowledge.js';
import { toAskJson } from '../src/modules/qa/present.js';
import { loadKommuneProfile } from '../src/modules/kommune/profile.js';
import { createQaService, loadQaContent } from '../src/modules/qa/qa-service.js';
import { detectForm } from '../src/modules/qa/search/forms.js';
import { emptyGlossary } from '../src/modules/qa/search/glossary.js';
import { systemClock } from '../src/shared/dates.js';
import { openMemoryStore } from '../src/storage/open-store.js';
import { projectRoot } from '../src/util/project-root.js';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

interface Item {
  id: string;
  question: string;
  expect?: string[][];
  expectId?: string | string[];
  unanswerable?: boolean;
  category?: string;
  form?: string;
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0) files.push(join(projectRoot, '../shared/eval/dev-questions.json'));
const contentDir = process.env.CONTENT_DIR ?? join(projectRoot, 'content');

/** Valid entries only, for a knowledge base that is being edited while we measure. */
function loadLenient(dir: string): KnowledgeBase {
  const documents = new Map<DocumentId, SourceDocument>();
  for (const d of z.array(sourceDocumentSchema).parse(parseYaml(readFileSync(join(dir, 'documents.yml'), 'utf8')))) documents.set(d.id, d);
  const entries: KnowledgeEntry[] = [];
  const byId = new Map<string, KnowledgeEntry>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md') && name !== 'README.md') {
        const { entry } = parseEntry(relative(join(dir, 'knowledge'), p), readFileSync(p, 'utf8'));
        if (entry && !byId.has(entry.id)) {
          entries.push(entry);
          byId.set(entry.id, entry);
        }
      }
    }
  };
  walk(join(dir, 'knowledge'));
  return { entries, byId, documents };
}

const glossaryFile = join(contentDir, 'glossary-en.yml');
const glossary = existsSync(glossaryFile) ? loadGlossary(glossaryFile) : emptyGlossary();

function loadContent(): ReturnType<typeof loadQaContent> {
  try {
    // As a user of KOMMUNE (default fjordvik, the local default) reads the answers: scope labels included.
    return loadQaContent(contentDir, undefined, loadKommuneProfile(contentDir, process.env.KOMMUNE ?? 'fjordvik'));
  } catch (err) {
    if (!(err instanceof KnowledgeLoadError)) throw err;
    console.log(`ADVARSEL: kunnskapsbasen har ${err.problems.length} feil; måler med de gyldige oppføringene.`);
    const kb = loadLenient(contentDir);
    return { kb, answerer: createAnswerer(kb, loadSynonyms(join(contentDir, 'synonyms.yml')), glossary) };
  }
}

const qa = createQaService({
  content: loadContent(),
  store: await openMemoryStore(),
  clock: systemClock,
  hrContact: 'HR',
  logger: silentLogger,
});

/** passed/total per key. */
class Tally {
  readonly rows = new Map<string, [number, number]>();
  add(key: string, ok: boolean): void {
    const r = this.rows.get(key) ?? [0, 0];
    r[0] += ok ? 1 : 0;
    r[1] += 1;
    this.rows.set(key, r);
  }
  print(heading: string): void {
    console.log(heading);
    for (const [k, [p, n]] of [...this.rows].sort()) console.log(`  ${k.padEnd(28)} ${String(p).padStart(3)}/${String(n).padEnd(3)} ${((100 * p) / n).toFixed(0).padStart(3)} %`);
  }
}

let passed = 0;
let failed = 0;
let hedged = 0;
const byCategory = new Tally();
const byForm = new Tally();
const started = performance.now();
let count = 0;
for (const file of files) {
  const items = JSON.parse(readFileSync(file, 'utf8')) as Item[];
  const tag = files.length > 1 ? `${basename(file, '.json')}/` : '';
  for (const item of items) {
    count++;
    const out = toAskJson(qa.ask(item.question));
    const shown = `${out.title ?? ''}\n${out.text}`.slice(0, 1500).toLowerCase();
    let problem: string | undefined;
    if (item.unanswerable) {
      if (out.answered) problem = `svarte, men skulle avslått (${out.id}${out.confidence === 'low' ? ', usikkert' : ''})`;
    } else if (!out.answered) {
      const alts = out.alternatives.map((a) => a.id).join(', ');
      problem = `avslo${alts ? ` (Mente du: ${alts})` : ''}`;
    } else if (item.expectId !== undefined) {
      const ok = ([] as string[]).concat(item.expectId);
      if (!ok.includes(out.id ?? '') && !ok.includes(out.second?.id ?? '')) problem = `svarte ${out.id}, ventet ${ok.join(' | ')}`;
    } else {
      const missing = (item.expect ?? []).filter((group) => !group.some((s) => shown.includes(s.toLowerCase())));
      if (missing.length) problem = `svarte ${out.id}, mangler ${missing.map((g) => `[${g.join(' | ')}]`).join(' og ')}`;
    }
    if (out.answered && out.confidence === 'low') hedged++;
    const form = item.unanswerable ? 'utenfor (avslå)' : (item.form ?? detectForm(item.question, glossary));
    byForm.add(form, !problem);
    byCategory.add(item.unanswerable ? 'utenfor (avslå)' : (item.category ?? 'uten kategori'), !problem);
    if (problem) {
      failed++;
      console.log(`${tag}${item.id}: ${problem}`);
    } else {
      passed++;
      if (verbose) console.log(`${tag}${item.id}: ok (${out.answered ? `${out.id}${out.confidence === 'low' ? ', usikkert' : ''}` : 'avslått'})`);
    }
  }
}
byCategory.print('Per kategori:');
byForm.print('Per form:');
console.log(`(usikre svar, «Jeg tror du spør om …»: ${hedged})`);
if (verbose) console.log(`(${((performance.now() - started) / Math.max(1, count)).toFixed(2)} ms per spørsmål)`);
console.log(`${passed} passed, ${failed} failed`);
