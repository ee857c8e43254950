import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompetenceContentError, loadCompetenceContent, parseCompetenceContent } from '../../../src/modules/registration/catalogue/catalogue.js';
import { loadKnowledgeBase } from '../../../src/modules/qa/knowledge.js';
import { projectRoot } from '../../../src/util/project-root.js';
import { CATALOGUE_YML, PROFILES_YML } from './fixtures.js';

const contentDir = join(projectRoot, 'content');
const kb = loadKnowledgeBase(join(contentDir, 'knowledge'), join(contentDir, 'documents.yml'));

function problemsOf(catalogue: string, profiles: string, withKb = false): string[] {
  try {
    parseCompetenceContent({ catalogue, profiles }, withKb ? kb : undefined);
  } catch (err) {
    expect(err).toBeInstanceOf(CompetenceContentError);
    return (err as CompetenceContentError).problems;
  }
  return [];
}

describe('competence catalogue and profiles: validation', () => {
  it('When the test files are valid, then they load without problems', () => {
    expect(problemsOf(CATALOGUE_YML, PROFILES_YML)).toEqual([]);
  });

  it.each<[string, () => [string, string], RegExp]>([
    [
      'a profile asks for an unknown competence',
      () => [CATALOGUE_YML, PROFILES_YML.replace('{ competenceId: ledelse-personal, level: 3', '{ competenceId: ledelse-ukjent, level: 3')],
      /^profiles\.yml: feltet «profiles\.0\.requirements\.2\.competenceId»: ukjent kompetanse «ledelse-ukjent»$/,
    ],
    [
      'a competence id is used twice',
      () => [`${CATALOGUE_YML}  - { id: veiledning, name: Veiledning igjen, category: ledelse, kind: skill, description: Samme id en gang til. }\n`, PROFILES_YML],
      /^catalogue\.yml: feltet «competences\.12\.id» \(veiledning\) er allerede brukt i competences\.11$/,
    ],
    [
      'a profile id is used twice',
      () => [CATALOGUE_YML, `${PROFILES_YML}  - { id: assistent, title: Igjen, titles: [igjen], requirements: [{ competenceId: norsk, level: 1, priority: required }] }\n`],
      /^profiles\.yml: feltet «profiles\.2\.id» \(assistent\) er allerede brukt$/,
    ],
    [
      'a skill requirement has no level',
      () => [CATALOGUE_YML, PROFILES_YML.replace('{ competenceId: norsk, level: 3, priority: required }', '{ competenceId: norsk, priority: required }')],
      /profiles\.1\.requirements\.1\.level».*ferdighet og trenger et nivå/,
    ],
    [
      'a formal requirement has a level',
      () => [CATALOGUE_YML, PROFILES_YML.replace('{ competenceId: fagbrev-a, priority: desired }', '{ competenceId: fagbrev-a, level: 2, priority: desired }')],
      /profiles\.1\.requirements\.2\.level».*skal ikke ha nivå/,
    ],
    [
      'a legal requirement is only desired',
      () => [CATALOGUE_YML, PROFILES_YML.replace('competenceId: utd-pedagogisk\n        priority: required', 'competenceId: utd-pedagogisk\n        priority: desired')],
      /profiles\.0\.requirements\.0\.priority».*må ha priority: required/,
    ],
    [
      'a competence names an unknown category',
      () => [CATALOGUE_YML.replace('category: sprak, kind: skill', 'category: språk-ukjent, kind: skill'), PROFILES_YML],
      /catalogue\.yml: feltet «competences\.(10)\.category»/,
    ],
    [
      'implies forms a circle',
      () => [CATALOGUE_YML.replace('kind: formal, description: Godkjent pedagogisk utdanning.', 'kind: formal, implies: [utd-laerer], description: Godkjent pedagogisk utdanning.'), PROFILES_YML],
      /implies».*sirkel/,
    ],
    [
      'a skill has a formal-only field',
      () => [CATALOGUE_YML.replace('kind: skill, description: Veiledning', 'kind: skill, hasValidity: true, description: Veiledning'), PROFILES_YML],
      /competences\.11\.hasValidity».*gjelder bare kompetanser av typen «formal»/,
    ],
    [
      'alternatives lack id and label',
      () => [CATALOGUE_YML, PROFILES_YML.replace('      - id: framtidig\n        label: Master eller bachelor med tre års erfaring\n        priority', '      - priority')],
      /requirements\.5\.(id|label)».*må oppgis når kravet har alternativer/,
    ],
    ['the YAML is broken', () => [CATALOGUE_YML, 'profiles: [\n  - {'], /^profiles\.yml: er ikke gyldig YAML/],
    ['a level is described twice', () => [CATALOGUE_YML.replace('{ level: 4, name: Ekspert', '{ level: 3, name: Ekspert'), PROFILES_YML], /levels».*1, 2, 3 og 4/],
  ])('When %s, then loading fails naming the file and the field', (_label, files, pattern) => {
    const [catalogue, profiles] = files();
    const problems = problemsOf(catalogue, profiles);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => pattern.test(p))).toBe(true);
  });

  it('When a Q&A id does not exist and the knowledge base is given, then loading fails; without it, the id is not checked', () => {
    const profiles = PROFILES_YML.replace('qaEntryId: lovkrav-rektor }', 'qaEntryId: finnes-ikke }');
    expect(problemsOf(CATALOGUE_YML, profiles, true)).toEqual([
      'profiles.yml: feltet «profiles.0.requirements.0.legal.qaEntryId»: ukjent Q&A-oppføring «finnes-ikke»',
    ]);
    expect(problemsOf(CATALOGUE_YML, profiles, false)).toEqual([]);
  });

  it('When several things are wrong, then every problem is reported at once', () => {
    const profiles = PROFILES_YML.replace('competenceId: sert-a', 'competenceId: sert-x').replace('competenceId: fagbrev-a', 'competenceId: fagbrev-x');
    expect(problemsOf(CATALOGUE_YML, profiles)).toHaveLength(2);
  });

  it('When a position is matched, then the longest title phrase wins, then the stillingskode, and unknown positions get no profile', () => {
    const content = parseCompetenceContent({ catalogue: CATALOGUE_YML, profiles: PROFILES_YML });
    expect(content.profileFor({ code: '2000', title: 'Rektor' })?.id).toBe('rektor');
    expect(content.profileFor({ code: '1000', title: 'Miljøarbeider' })?.id).toBe('rektor');
    expect(content.profileFor({ code: '9', title: 'Assistent  i  SFO' })?.id).toBe('assistent');
    expect(content.profileFor({ code: '9', title: 'Vaktmester' })).toBeUndefined();
  });
});

describe('competence catalogue and profiles: the shipped content', () => {
  const content = loadCompetenceContent(contentDir, kb);

  it('When the shipped files are loaded with the knowledge base, then every Q&A id exists', () => {
    expect(content.competences.length).toBeGreaterThan(40);
    expect(content.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
  });

  it.each([
    ['rektor', 'Opplæringsloven § 17-2', 'lovkrav-rektor'],
    ['styrer', 'Barnehageloven § 24', 'lovkrav-styrer-barnehage'],
    ['barnevernsleder', 'Barnevernsloven § 15-6', 'lovkrav-barnevernsleder'],
    ['brannsjef', 'Brann- og redningsvesenforskriften § 45', 'lovkrav-brannsjef-forskrift-45'],
    ['enhetsleder', 'Kristiansund kommune, temaplan 2025 § 4.2 (enhetsledere)', 'lovkrav-utdanningskrav-enhetsledere'],
    ['avdelingsleder', 'Kristiansund kommune, temaplan 2025 § 4.2 (avdelingsledere og fagledere)', 'lovkrav-utdanningskrav-avdelingsledere-fagledere'],
  ])('When the %s profile is read, then it has the legal requirement %s linked to %s', (profileId, reference, qaEntryId) => {
    const profile = content.profileById.get(profileId)!;
    expect(profile.requirements.some((r) => r.legal?.reference === reference && r.legal.qaEntryId === qaEntryId && r.priority === 'required')).toBe(true);
  });

  it('When the kommunedirektor profile is read, then kommuneloven § 13-1 is noted but not modelled as a legal requirement that can be «Kritisk» (the law names no education or level)', () => {
    const r = content.profileById.get('kommunedirektor')!.requirements.find((x) => x.key === 'kommuneloven-13-1')!;
    expect(r.legal).toBeUndefined();
    expect(r.note).toContain('Kommuneloven § 13-1');
  });

  it('When the barnevernsleder requirement is read, then it applies from 2031 and has the two alternatives of the law', () => {
    const r = content.profileById.get('barnevernsleder')!.requirements.find((x) => x.key === 'barnevernsloven-15-6')!;
    expect(r.legal?.effectiveFrom).toBe('2031-01-01');
    expect(r.options).toHaveLength(2);
    expect(r.options[1]!.members.map((m) => m.competenceId)).toEqual(['utd-barnevern-bachelor', 'erfaring-barnevern-4ar', 'videreutd-barnevern-30']);
  });

  it.each(['rektor', 'styrer', 'barnevernsleder', 'brannsjef', 'kommunedirektor', 'enhetsleder', 'avdelingsleder', 'laerer', 'barnehagelaerer', 'sykepleier', 'helsefagarbeider', 'vernepleier', 'assistent', 'hr-radgiver'])(
    'When the profiles are read, then there is one for %s',
    (id) => {
      expect(content.profileById.has(id)).toBe(true);
    },
  );

  it('When every position in the demo organisation is matched, then each has a profile', () => {
    const demo = JSON.parse(readFileSync(join(contentDir, 'org', 'demo-org.json'), 'utf8')) as { employees: { position: { title: string; code: string } }[] };
    const missing = demo.employees.map((e) => e.position).filter((p) => !content.profileFor(p));
    expect(missing).toEqual([]);
  });

  it.each([
    ['7451', 'Rektor', 'rektor'],
    ['7438', 'Styrer', 'styrer'],
    ['7211', 'Pedagogisk leder', 'barnehagelaerer'],
    ['7176', 'Spesialsykepleier', 'sykepleier'],
    ['7040', 'Assistent', 'assistent'],
    ['9211', 'Kommunalsjef helse og omsorg', 'kommunalsjef'],
    ['0000', 'Assisterende rektor', 'avdelingsleder'],
    ['0000', 'Barnevernsleder', 'barnevernsleder'],
    ['0000', 'Brannsjef', 'brannsjef'],
  ])('When position %s %s is matched, then the profile is %s', (code, title, profileId) => {
    expect(content.profileFor({ code, title })?.id).toBe(profileId);
  });
});
