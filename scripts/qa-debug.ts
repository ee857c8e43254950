/**
 * Shows how the Q&A engine sees a question: its concepts with weights and document frequency,
 * and the top hits with score, coverage and matched concepts. For tuning the decision rule.
 *
 *   node --import tsx scripts/qa-debug.ts "Hvor lang prøvetid …?"
 */
import { join } from 'node:path';
import { loadQaContent } from '../src/modules/qa/qa-service.js';
import { loadSynonyms } from '../src/modules/qa/answer.js';
import { buildIndex, search } from '../src/modules/qa/search/index.js';
import { projectRoot } from '../src/util/project-root.js';

const contentDir = join(projectRoot, 'content');
const { kb } = loadQaContent(contentDir);
const index = buildIndex(kb.entries, loadSynonyms(join(contentDir, 'synonyms.yml')), kb.documents);
for (const q of process.argv.slice(2)) {
  const r = search(index, q);
  console.log(`\n${q}`);
  for (const c of r.concepts) console.log(`  concept ${JSON.stringify(c.alts.map((a) => a.terms.join('+')))} kind=${c.kind} imp=${c.importance.toFixed(2)} df=${c.df}${c.facet ? ' facet' : ''}`);
  for (const h of r.hits.slice(0, 5)) console.log(`  ${h.entry.id} score=${h.score.toFixed(2)} rank=${h.rank.toFixed(2)} cov=${h.coverage.toFixed(2)} matched=${h.matched}`);
}
