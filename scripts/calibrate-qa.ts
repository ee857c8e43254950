/**
 * `node --import tsx scripts/calibrate-qa.ts [--loo N]` — calibrates the Q&A decision thresholds on
 * data held out from tuning, and prints how each candidate rule scores:
 * - leave-one-out over the entries' example questions: for a sample of N entries (default 60,
 *   spread over the knowledge base), the entry's own examples are removed from the index and each
 *   of them must find its entry (answerable);
 * - test/fixtures/paraphrase-questions.json and test/fixtures/qa-dev-forms.json (answerable by
 *   expectId, and out-of-scope items that must be declined).
 * Not the public eval sets (../shared/eval): those are for measuring only.
 * A rule is scored as: right answers − 3 × out-of-scope questions answered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnswerer, DECISION, decide, loadGlossary, loadSynonyms, type DecisionContext, type DecisionRule } from '../src/modules/qa/answer.js';
import { loadKnowledgeBase } from '../src/modules/qa/knowledge.js';
import type { SearchResult } from '../src/modules/qa/search/index.js';
import { projectRoot } from '../src/util/project-root.js';

const args = process.argv.slice(2);
const looN = Number(args[args.indexOf('--loo') + 1]) || 60;
const content = join(projectRoot, 'content');
const kb = loadKnowledgeBase(join(content, 'knowledge'), join(content, 'documents.yml'));
const synonyms = loadSynonyms(join(content, 'synonyms.yml'));
const glossary = loadGlossary(join(content, 'glossary-en.yml'));

interface Case {
  source: string;
  question: string;
  ok: string[] | null; // null = must decline
  result: SearchResult;
  ctx: DecisionContext;
}
const cases: Case[] = [];

// 1. Leave-one-out over examples.
const step = Math.max(1, Math.floor(kb.entries.length / looN));
for (let i = 0; i < kb.entries.length; i += step) {
  const held = kb.entries[i]!;
  if (held.examples.length === 0) continue;
  const entries = kb.entries.map((e) => (e.id === held.id ? { ...e, examples: [] } : e));
  const answerer = createAnswerer({ ...kb, entries }, synonyms, glossary);
  for (const q of held.examples) cases.push({ source: 'loo', question: q, ok: [held.id], ...answerer.explain(q) });
}
// 2. Our held-out fixtures.
const full = createAnswerer(kb, synonyms, glossary);
for (const f of ['test/fixtures/paraphrase-questions.json', 'test/fixtures/qa-dev-forms.json']) {
  for (const it of JSON.parse(readFileSync(join(projectRoot, f), 'utf8')) as { question: string; expectId?: string | string[]; unanswerable?: boolean }[]) {
    if (!it.unanswerable && it.expectId === undefined) continue;
    cases.push({ source: f.split('/').pop()!, question: it.question, ok: it.unanswerable ? null : ([] as string[]).concat(it.expectId!), ...full.explain(it.question) });
  }
}

function score(rule: DecisionRule) {
  const by = new Map<string, { right: number; n: number; oosAnswered: number; oos: number }>();
  let total = 0;
  for (const c of cases) {
    const r = decide(c.question, c.result, c.ctx, rule);
    const s = by.get(c.source) ?? { right: 0, n: 0, oosAnswered: 0, oos: 0 };
    if (c.ok === null) {
      s.oos++;
      if (r.answered) s.oosAnswered++;
      total -= r.answered ? 3 : 0;
    } else {
      s.n++;
      if (r.answered && c.ok.includes(r.entry!.id)) {
        s.right++;
        total++;
      }
    }
    by.set(c.source, s);
  }
  return { total, by };
}

const fmt = (b: Map<string, { right: number; n: number; oosAnswered: number; oos: number }>) =>
  [...b].map(([k, v]) => `${k}: ${v.right}/${v.n}${v.oos ? `, avslag ${v.oos - v.oosAnswered}/${v.oos}` : ''}`).join('; ');

console.log(`${cases.length} spørsmål (${cases.filter((c) => c.source === 'loo').length} leave-one-out)`);
const current = score(DECISION);
console.log(`nå: ${current.total}  ${fmt(current.by)}`);
const results: { rule: Partial<DecisionRule>; total: number; by: string }[] = [];
for (const hedgeMinCoverage of [0.2, 0.25, 0.3, 0.35, 0.4])
  for (const hedgeMinScore of [2, 3, 4, 5])
    for (const hedgeMaxUnknown of [0.15, 0.25, 0.35, 0.5]) {
      const rule = { ...DECISION, hedgeMinCoverage, hedgeMinScore, hedgeMaxUnknown };
      const s = score(rule);
      results.push({ rule: { hedgeMinCoverage, hedgeMinScore, hedgeMaxUnknown }, total: s.total, by: fmt(s.by) });
    }
results.sort((a, b) => b.total - a.total);
for (const r of results.slice(0, 10)) console.log(r.total, JSON.stringify(r.rule), r.by);
if (args.includes('--misses')) {
  let dec = 0;
  let wrong = 0;
  for (const c of cases) {
    if (c.source !== 'loo') continue;
    const r = decide(c.question, c.result, c.ctx);
    if (!r.answered) dec++;
    else if (!c.ok!.includes(r.entry!.id)) {
      wrong++;
      if (wrong <= 25) console.log(`FEIL ${c.ok![0]} ← «${c.question}» → ${r.entry!.id} (${r.level})`);
    }
  }
  console.log(`loo: avslått ${dec}, feil oppføring ${wrong}`);
}
