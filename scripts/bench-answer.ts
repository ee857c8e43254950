/**
 * `node --import tsx scripts/bench-answer.ts [FILE]` — index build time, and answer() p50/p99
 * over the dev questions ×100 (plus a few junk inputs), on the real content.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnswerer, loadSynonyms } from '../src/modules/qa/answer.js';
import { loadKnowledgeBase } from '../src/modules/qa/knowledge.js';
import { projectRoot } from '../src/util/project-root.js';
import { percentile } from './bench-stats.js';

const file = process.argv[2] ?? join(projectRoot, '../shared/eval/dev-questions.json');
const questions = (JSON.parse(readFileSync(file, 'utf8')) as { question: string }[]).map((q) => q.question);
questions.push('', 'hei', '???', 'x'.repeat(5000), 'lorem ipsum dolor '.repeat(300));

const kb = loadKnowledgeBase(join(projectRoot, 'content/knowledge'), join(projectRoot, 'content/documents.yml'));
const synonyms = loadSynonyms(join(projectRoot, 'content/synonyms.yml'));
const t0 = performance.now();
const answerer = createAnswerer(kb, synonyms);
const buildMs = performance.now() - t0;


for (const q of questions) answerer.answer(q); // warm-up
const times: number[] = [];
for (let round = 0; round < 100; round++) {
  for (const q of questions) {
    const s = performance.now();
    answerer.answer(q);
    times.push(performance.now() - s);
  }
}
console.log(`${kb.entries.length} oppføringer, indeks bygget på ${buildMs.toFixed(0)} ms`);
console.log(`answer(): ${times.length} kall, p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, maks ${Math.max(...times).toFixed(3)} ms`);
