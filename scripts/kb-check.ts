/** Validates the knowledge base, the competence catalogue/profiles and the årshjul; exits 1 listing every problem. */
import { join } from 'node:path';
import { ArshjulContentError, loadArshjulCalendar } from '../src/modules/arshjul/calendar.js';
import { CompetenceContentError, loadCompetenceContent } from '../src/modules/competence/catalogue.js';
import { KnowledgeLoadError, loadKnowledgeBase } from '../src/modules/qa/knowledge.js';

const root = process.cwd();
try {
  const kb = loadKnowledgeBase(join(root, 'content/knowledge'), join(root, 'content/documents.yml'));
  const perFolder = new Map<string, number>();
  let longest = { id: '', chars: 0 };
  for (const e of kb.entries) {
    const folder = e.file.split('/')[0] ?? '';
    perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
    const chars = e.title.length + e.summary.length + e.body.length + 2;
    if (chars > longest.chars) longest = { id: e.id, chars };
  }
  for (const [folder, n] of [...perFolder].sort()) console.log(`${folder}: ${n}`);
  console.log(`OK: ${kb.entries.length} oppføringer; lengste svar ${longest.chars} tegn (${longest.id})`);
  const competence = loadCompetenceContent(join(root, 'content'), kb);
  console.log(`OK: kompetansekatalog med ${competence.competences.length} kompetanser og ${competence.profiles.length} stillingsprofiler`);
  const arshjul = loadArshjulCalendar(join(root, 'content'), kb);
  console.log(`OK: årshjul med ${arshjul.events.length} hendelser (${arshjul.file})`);
} catch (err) {
  if (err instanceof KnowledgeLoadError || err instanceof CompetenceContentError || err instanceof ArshjulContentError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
