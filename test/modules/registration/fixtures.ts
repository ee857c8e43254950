/**
 * Small, stable test content for the competence module: a catalogue and two profiles written
 * for the tests (so HR edits to content/competence do not move the expectations), a tiny
 * organisation, and helpers to build registrations.
 */
import type { Employee, OrgSnapshot } from '../../../src/modules/org/model.js';
import { createAccessPolicy, createOrgDirectory } from '../../../src/modules/org/org-directory.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import { recordingLogger } from '../../helpers/logger.js';
import { parseCompetenceContent } from '../../../src/modules/registration/catalogue/catalogue.js';
import type { CompetenceContent } from '../../../src/modules/registration/catalogue/content.js';
import { type CompetenceRegistration, emptyRegistration } from '../../../src/modules/registration/sections.js';

export const CATALOGUE_YML = `
levels:
  - { level: 1, name: Grunnleggende, description: Kjenner til området og trenger veiledning. }
  - { level: 2, name: Selvstendig, description: Løser vanlige oppgaver på egen hånd. }
  - { level: 3, name: Erfaren, description: Mestrer krevende oppgaver og veileder andre. }
  - { level: 4, name: Ekspert, description: Lærer bort og utvikler praksis på tvers. }
categories:
  - { id: utdanning, name: Utdanning }
  - { id: sertifisering, name: Sertifikater }
  - { id: erfaring, name: Erfaring }
  - { id: ledelse, name: Ledelse }
  - { id: digital, name: Digital }
  - { id: sprak, name: Språk }
competences:
  - { id: utdanning-bachelor, name: Bachelor, category: utdanning, kind: formal, educationLevel: bachelor, description: Minst bachelornivå. }
  - { id: utdanning-master, name: Master, category: utdanning, kind: formal, educationLevel: master, description: Masternivå eller høyere. }
  - { id: utd-pedagogisk, name: Pedagogisk utdanning, category: utdanning, kind: formal, description: Godkjent pedagogisk utdanning. }
  - { id: utd-laerer, name: Lærerutdanning, category: utdanning, kind: formal, implies: [utd-pedagogisk], description: Lærerutdanning av alle slag. }
  - { id: fagbrev-a, name: Fagbrev helsearbeider, category: utdanning, kind: formal, description: Fagbrev i helsearbeiderfaget. }
  - { id: lederutdanning, name: Lederutdanning, category: utdanning, kind: formal, description: Formell lederutdanning. }
  - { id: sert-a, name: Førstehjelp, category: sertifisering, kind: formal, hasValidity: true, description: Førstehjelp som fornyes. }
  - { id: erfaring-3ar, name: Tre års erfaring, category: erfaring, kind: formal, minYears: 3, description: Minst tre års erfaring. }
  - { id: ledelse-personal, name: Personalledelse, category: ledelse, kind: skill, description: Personalledelse og arbeidsgiveransvar. }
  - { id: digital-grunnleggende, name: Digital grunnkompetanse, category: digital, kind: skill, description: Grunnleggende digitale ferdigheter. }
  - { id: norsk, name: Norsk som arbeidsspråk, category: sprak, kind: skill, languages: [norsk, bokmål], description: Norsk muntlig og skriftlig. }
  - { id: veiledning, name: Veiledning, category: ledelse, kind: skill, description: Veiledning av kolleger og studenter. }
`;

export const PROFILES_YML = `
profiles:
  - id: rektor
    title: Rektor
    sector: oppvekst
    codes: ['1000']
    titles: [rektor]
    requirements:
      - id: lov-pedagogisk
        competenceId: utd-pedagogisk
        priority: required
        legal: { source: lov, reference: Opplæringsloven § 17-2, qaEntryId: lovkrav-rektor }
      - competenceId: utdanning-bachelor
        priority: required
        legal: { source: kommunalt, kommune: kristiansund, reference: Temaplan § 4.2, qaEntryId: lovkrav-utdanningskrav-enhetsledere }
      - { competenceId: ledelse-personal, level: 3, priority: required }
      - { competenceId: sert-a, priority: required }
      - { competenceId: utdanning-master, priority: desired }
      - id: framtidig
        label: Master eller bachelor med tre års erfaring
        priority: required
        alternatives:
          - label: a) Master
            allOf: [{ competenceId: utdanning-master }]
          - label: b) Bachelor og tre års erfaring
            allOf: [{ competenceId: utdanning-bachelor }, { competenceId: erfaring-3ar }]
        legal: { source: lov, reference: Framtidig lov § 1, qaEntryId: lovkrav-barnevernsleder, effectiveFrom: 2031-01-01 }
  - id: assistent
    title: Assistent
    sector: helse
    codes: ['2000']
    titles: [assistent]
    requirements:
      - { competenceId: digital-grunnleggende, level: 2, priority: required }
      - { competenceId: norsk, level: 3, priority: required }
      - { competenceId: fagbrev-a, priority: desired }
`;

export function testContent(): CompetenceContent {
  return parseCompetenceContent({ catalogue: CATALOGUE_YML, profiles: PROFILES_YML });
}

/** 23 November 2026, 10:00 UTC (11:00 in Oslo). */
export const NOW = new Date('2026-11-23T10:00:00.000Z');

export function employee(employeeId: string, unitId: string, title: string, code: string, extra: Partial<Employee> = {}): Employee {
  return {
    employeeId,
    name: `Person ${employeeId}`,
    upn: `p${employeeId}@kommune.example`,
    unitId,
    position: { title, code },
    employmentPercent: 100,
    roles: [],
    ...extra,
  };
}

/** Registration with the given sections filled in (version 1). */
export function registration(employeeId: string, parts: Partial<CompetenceRegistration> = {}): CompetenceRegistration {
  return { ...emptyRegistration(employeeId, NOW), version: 1, ...parts };
}

/**
 * A tiny municipality: the top (kommunedirektør), a school (rektor + 2 assistants), a nursing
 * home (leader + 1 assistant), and HR. Employee ids: 1 top, 2 rektor, 3–4 assistants school,
 * 5 leader nursing home, 6 assistant nursing home, 7 HR.
 */
export function testOrg(): OrgSnapshot {
  return {
    units: [
      { id: 'topp', name: 'Kommunedirektøren', leaderEmployeeId: '1' },
      { id: 'skole', name: 'Fjellet skole', leaderEmployeeId: '2', parentUnitId: 'topp' },
      { id: 'sykehjem', name: 'Åsen sykehjem', leaderEmployeeId: '5', parentUnitId: 'topp' },
      { id: 'hr', name: 'Personal', leaderEmployeeId: '7', parentUnitId: 'topp' },
    ],
    employees: [
      employee('1', 'topp', 'Kommunedirektør', '9000', { name: 'Kari Topp', roles: ['leder'] }),
      employee('2', 'skole', 'Rektor', '1000', { name: 'Rita Rektor', roles: ['leder'] }),
      employee('3', 'skole', 'Assistent', '2000', { name: 'Åse Æren' }),
      employee('4', 'skole', 'Assistent', '2000', { name: 'Øystein Ø' }),
      employee('5', 'sykehjem', 'Enhetsleder', '3000', { name: 'Sigurd Syk', roles: ['leder'] }),
      employee('6', 'sykehjem', 'Assistent', '2000', { name: 'Anna Assistent' }),
      employee('7', 'hr', 'HR-rådgiver', '4000', { name: 'Hanne HR', roles: ['hr'] }),
    ],
    importedAt: '2026-11-01T00:00:00.000Z',
    source: 'test',
  };
}

/**
 * What the registration and gap services are built from in their tests: a memory store, the test
 * organisation and content, a fixed clock and a logger that keeps every line (to check that no
 * competence data is logged).
 */
export async function serviceDeps() {
  const store = await openMemoryStore();
  const directory = createOrgDirectory(testOrg());
  const access = createAccessPolicy(directory);
  const clock = fixedClock(NOW);
  const { logger, lines } = recordingLogger();
  const deps = {
    content: testContent(),
    registrations: store.registrations,
    org: { directory: () => directory, access: () => access },
    clock,
    logger,
  };
  return { deps, store, access, clock, lines };
}
