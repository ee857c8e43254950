/** Validates the knowledge base, the competence catalogue/profiles and the årshjul; exits 1 listing every problem. */
import { join, relative, resolve } from 'node:path';
import { ArshjulContentError, loadArshjulCalendar } from '../src/modules/arshjul/calendar.js';
import { CompetenceContentError, loadCompetenceContent } from '../src/modules/registration/catalogue/catalogue.js';
import { checkDrafts } from '../src/modules/hr-questions/model.js';
import { KnowledgeLoadError, loadKnowledgeBase, exampleProblems } from '../src/modules/qa/knowledge.js';
import { GlossaryLoadError, loadGlossaryFile } from '../src/modules/qa/search/glossary.js';
import { KommuneProfileError, knownKommuner, loadKommuneNames, loadKommuneProfile } from '../src/modules/kommune/profile.js';

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
  // Example questions: required (≥ 5 per entry) only when KB_REQUIRE_EXAMPLES=1, until every
  // entry has them; otherwise counted.
  const requireExamples = process.env.KB_REQUIRE_EXAMPLES === '1' || process.env.KB_REQUIRE_EXAMPLES === 'true';
  const exProblems = exampleProblems(kb.entries, requireExamples);
  if (exProblems.length) throw new KnowledgeLoadError(exProblems);
  const withExamples = kb.entries.filter((e) => e.examples.length >= 5).length;
  console.log(`Eksempelspørsmål: ${withExamples} av ${kb.entries.length} oppføringer har minst 5${requireExamples ? '' : ' (kravet er av; slå på med KB_REQUIRE_EXAMPLES=1)'}`);
  const glossary = loadGlossaryFile(join(root, 'content/glossary-en.yml'));
  console.log(`OK: engelsk ordliste med ${glossary.terms.size} uttrykk`);
  console.log(`OK: ${kb.entries.length} oppføringer; lengste svar ${longest.chars} tegn (${longest.id})`);
  const competence = loadCompetenceContent(join(root, 'content'), kb);
  console.log(`OK: kompetansekatalog med ${competence.competences.length} kompetanser og ${competence.profiles.length} stillingsprofiler`);
  const arshjul = loadArshjulCalendar(join(root, 'content'), kb);
  console.log(`OK: årshjul med ${arshjul.events.length} hendelser (${arshjul.file})`);
  // Issue #13: every scope names a known municipality, and every municipality profile loads with its own
  // requirements and its årshjul.
  const names = loadKommuneNames(join(root, 'content'));
  const profiles = knownKommuner(join(root, 'content'));
  const unknown = kb.entries.filter((e) => e.scope?.startsWith('kommune:') && !names.has(e.scope.slice(8)) && !profiles.includes(e.scope.slice(8)));
  if (unknown.length) throw new KnowledgeLoadError(unknown.map((e) => `${e.file}: feltet «scope»: ukjent kommune i «${e.scope}» (legg den i kommune/kommuner.yml)`));
  const perScope = new Map<string, number>();
  for (const e of kb.entries) perScope.set(e.scope ?? '?', (perScope.get(e.scope ?? '?') ?? 0) + 1);
  console.log(`OK: scope ${[...perScope].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const id of profiles) {
    const kommune = loadKommuneProfile(join(root, 'content'), id);
    const c = loadCompetenceContent(join(root, 'content'), kb, kommune);
    const own = c.profiles.flatMap((p) => p.requirements).filter((r) => r.scope.startsWith('kommune:')).length;
    const a = loadArshjulCalendar(join(root, 'content'), kb, join('arshjul', `${kommune.arshjul}.yml`));
    console.log(`OK: kommune ${id} (${kommune.name}): ${own} egne krav i stillingsprofilene, årshjul ${kommune.arshjul} med ${a.events.length} hendelser`);
  }
  // HR's drafts (from «Send spørsmålet til HR»): the same schema as live entries, never loaded by the bot.
  const draftsDir = process.env.KNOWLEDGE_DRAFTS_DIR ? resolve(root, process.env.KNOWLEDGE_DRAFTS_DIR) : join(root, 'content/knowledge-drafts');
  const drafts = checkDrafts(draftsDir, kb);
  const where = relative(root, draftsDir) || draftsDir;
  if (drafts.problems.length) {
    console.error(`Utkast i ${where}: ${drafts.drafts}, med ${drafts.problems.length} feil (rett dem før utkastet flyttes til content/knowledge):\n- ${drafts.problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`OK: ${drafts.drafts} utkast i ${where} (boten bruker dem ikke før de flyttes til content/knowledge)`);
} catch (err) {
  if (err instanceof KnowledgeLoadError || err instanceof GlossaryLoadError || err instanceof CompetenceContentError || err instanceof ArshjulContentError || err instanceof KommuneProfileError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
