/**
 * `npm run eval [-- FILE] [--verbose]` — scores the leader Q&A on a question set with the rule
 * in ../shared/eval/README.md, through the same code path as `npm run ask -- --json`
 * (QaService.ask → toAskJson). Prints one line per failing item and ends with
 * `N passed, M failed`. Exit code 0 even when items fail: it is a measurement.
 *
 * Items: `{ id, question, expect: string[][], unanswerable? }` (the dev set), or, for our own
 * paraphrase sets, `{ id, question, expectId: string | string[], unanswerable? }`.
 * If the knowledge base is mid-edit and invalid, the valid entries are used and a warning is
 * printed, so a measurement is still possible.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { silentLogger } from '../src/logging/logger.js';
import { createAnswerer, loadSynonyms } from '../src/modules/qa/answer.js';
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
import { systemClock } from '../src/scheduler/clock.js';
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
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const file = args.find((a) => !a.startsWith('--')) ?? join(projectRoot, '../shared/eval/dev-questions.json');
const contentDir = process.env.CONTENT_DIR ?? join(projectRoot, 'content');
const items = JSON.parse(readFileSync(file, 'utf8')) as Item[];

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

function loadContent(): ReturnType<typeof loadQaContent> {
  try {
    // As a user of KOMMUNE (default fjordvik, the local default) reads the answers: scope labels included.
    return loadQaContent(contentDir, undefined, loadKommuneProfile(contentDir, process.env.KOMMUNE ?? 'fjordvik'));
  } catch (err) {
    if (!(err instanceof KnowledgeLoadError)) throw err;
    console.log(`ADVARSEL: kunnskapsbasen har ${err.problems.length} feil; måler med de gyldige oppføringene.`);
    const kb = loadLenient(contentDir);
    return { kb, answerer: createAnswerer(kb, loadSynonyms(join(contentDir, 'synonyms.yml'))) };
  }
}

const qa = createQaService({
  content: loadContent(),
  store: await openMemoryStore(),
  clock: systemClock,
  hrContact: 'HR',
  logger: silentLogger,
});

let passed = 0;
let failed = 0;
const started = performance.now();
for (const item of items) {
  const out = toAskJson(qa.ask(item.question));
  const shown = `${out.title ?? ''}\n${out.text}`.slice(0, 1500).toLowerCase();
  let problem: string | undefined;
  if (item.unanswerable) {
    if (out.answered) problem = `svarte, men skulle avslått (${out.id})`;
  } else if (!out.answered) {
    const alts = out.alternatives.map((a) => a.id).join(', ');
    problem = `avslo${alts ? ` (Mente du: ${alts})` : ''}`;
  } else if (item.expectId !== undefined) {
    const ok = ([] as string[]).concat(item.expectId);
    if (!ok.includes(out.id ?? '')) problem = `svarte ${out.id}, ventet ${ok.join(' | ')}`;
  } else {
    const missing = (item.expect ?? []).filter((group) => !group.some((s) => shown.includes(s.toLowerCase())));
    if (missing.length) problem = `svarte ${out.id}, mangler ${missing.map((g) => `[${g.join(' | ')}]`).join(' og ')}`;
  }
  if (problem) {
    failed++;
    console.log(`${item.id}: ${problem}`);
  } else {
    passed++;
    if (verbose) console.log(`${item.id}: ok (${out.answered ? out.id : 'avslått'})`);
  }
}
if (verbose) console.log(`(${((performance.now() - started) / Math.max(1, items.length)).toFixed(2)} ms per spørsmål)`);
console.log(`${passed} passed, ${failed} failed`);
