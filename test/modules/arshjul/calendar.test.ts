import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ArshjulContentError,
  describeTarget,
  loadArshjulCalendar,
  parseArshjulCalendar,
  peopleMatching,
  rolesOf,
} from '../../../src/modules/arshjul/calendar.js';
import { occurrencesBetween, osloToUtc } from '../../../src/modules/arshjul/due-dates.js';
import { loadKnowledgeBase } from '../../../src/modules/qa/knowledge.js';
import { projectRoot } from '../../../src/util/project-root.js';
import { P, TEST_ARSHJUL_YML, TEST_KB, testCalendar, testDirectory } from './fixtures.js';

const contentDir = join(projectRoot, 'content');

/** The test file with one event's line replaced. */
const variant = (from: string, to: string) => {
  expect(TEST_ARSHJUL_YML).toContain(from);
  return TEST_ARSHJUL_YML.replace(from, to);
};

function problemsOf(yml: string, kb: typeof TEST_KB | undefined = TEST_KB): string[] {
  try {
    parseArshjulCalendar(yml, kb, 'arshjul/hr-endring.yml');
  } catch (err) {
    expect(err).toBeInstanceOf(ArshjulContentError);
    return (err as ArshjulContentError).problems;
  }
  throw new Error('expected the file to be refused');
}

describe('the default årshjul (fits any municipality)', () => {
  const kb = loadKnowledgeBase(join(contentDir, 'knowledge'), join(contentDir, 'documents.yml'));
  const calendar = loadArshjulCalendar(contentDir, kb);

  it('When the shipped file is loaded against the knowledge base, then every event is valid, says whose rule it is and links to existing Q&A entries', () => {
    expect(calendar.events.length).toBeGreaterThanOrEqual(6);
    for (const e of calendar.events) {
      expect(e.qaEntryIds.length, e.id).toBeGreaterThan(0);
      for (const id of e.qaEntryIds) expect(kb.byId.has(id), `${e.id} → ${id}`).toBe(true);
      // No other municipality's practice in the default: national (lov/avtale), KS advice or the municipality's own.
      expect(['lov', 'avtale', 'ks', 'kommune'], e.id).toContain(e.scope);
    }
  });

  it('When a year is laid out, then it has medarbeidersamtaler, the plan and its evaluation, budget, local negotiations after HTA and reporting', () => {
    const ids = calendar.events.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['medarbeidersamtaler', 'evaluer-kompetanseplan', 'ny-kompetanseplan', 'budsjett-kompetansetiltak', 'lokale-lonnsforhandlinger', 'rapportering-kompetanse', 'drofting-kompetansebehov']));
    expect(calendar.byId.get('lokale-lonnsforhandlinger')?.scope).toBe('avtale');
    expect(calendar.byId.get('medarbeidersamtaler')?.audience.everyone).toBe(true);
  });

  it('When the texts are read, then no event uses an unexplained acronym or another municipality’s plan name', () => {
    for (const e of calendar.events) {
      const text = `${e.title} ${e.description}`;
      expect(text, e.id).not.toMatch(/SKUP|Bærum|Kristiansund|MBM|Easycruit/);
      // HTA only after «hovedtariffavtalen» is written out in the same event.
      if (/\bHTA\b/.test(text)) expect(text.toLowerCase(), e.id).toContain('hovedtariffavtalen');
    }
  });
});

describe('the Bærum SKUP årshjul (a profile a municipality can adopt)', () => {
  const kb = loadKnowledgeBase(join(contentDir, 'knowledge'), join(contentDir, 'documents.yml'));
  const calendar = loadArshjulCalendar(contentDir, kb, 'arshjul/baerum-skup.yml');

  it('When a year is laid out, then the Bærum SKUP cycle runs from evaluation in Q1 to adoption in December', () => {
    const year = calendar.events.flatMap((e) => occurrencesBetween(e, osloToUtc({ year: 2027, month: 1, day: 1 }), osloToUtc({ year: 2028, month: 1, day: 1 })).map((o) => ({ e, o })));
    const monthOf = (id: string) => year.find((x) => x.e.id === id)!.o.endDate.month;
    expect(monthOf('skup-sektorevaluering')).toBe(3);
    expect(monthOf('skole-opplaeringsplan-klar')).toBe(4);
    expect(monthOf('skole-opplaeringsplan-mbm')).toBe(5);
    expect(monthOf('skup-utkast-kompetanseforum')).toBe(9);
    expect(monthOf('skup-endelig-utkast')).toBe(11);
    expect(monthOf('skup-vedtak')).toBe(12);
    expect(calendar.byId.get('drofting-hta-3-2')?.qaEntryIds).toContain('lovkrav-hta-3-2-drofting-rekruttering');
    expect(calendar.byId.get('skup-vedtak')?.scope).toBe('kommune:baerum');
  });

  it('When an event mentions SKUP, then its description says what SKUP is', () => {
    for (const e of calendar.events) if (e.description.includes('SKUP')) expect(e.description, e.id).toContain('SKUP (Bærums strategiske kompetanseutviklingsplan)');
  });

  it('When the demo organisation is used, then a rektor is not reminded of the general MBM deadline but of the school deadlines', () => {
    const dir = testDirectory();
    const mbm = peopleMatching(dir, calendar.byId.get('lokal-kompetanseplan-mbm')!.responsible).map((e) => e.employeeId);
    expect(mbm).toContain(P.styrer);
    expect(mbm).not.toContain(P.rektor);
    expect(peopleMatching(dir, calendar.byId.get('skole-opplaeringsplan-klar')!.responsible).map((e) => e.employeeId)).toEqual([P.rektor]);
  });
});

describe('the Kristiansund process årshjul', () => {
  it('When it is loaded, then every event is valid and marked as Kristiansund’s own or the agreement’s', () => {
    const kb = loadKnowledgeBase(join(contentDir, 'knowledge'), join(contentDir, 'documents.yml'));
    const calendar = loadArshjulCalendar(contentDir, kb, 'arshjul/kristiansund-prosess.yml');
    expect(calendar.events.length).toBeGreaterThanOrEqual(4);
    for (const e of calendar.events) expect(['kommune:kristiansund', 'avtale'], e.id).toContain(e.scope);
  });
});

describe('validation of an edited file', () => {
  it('When the test file is valid, then defaults fill in time, offsets and escalation', () => {
    const cal = testCalendar();
    const plan = cal.byId.get('plan-mbm')!;
    expect(plan).toMatchObject({ time: { hour: 12, minute: 0 }, allDay: true, reminderOffsetsDays: [14, 3], escalateAfterDays: 1, completion: 'per-person' });
    expect(cal.byId.get('var-frist')).toMatchObject({ allDay: false, completion: 'shared' });
    expect(cal.byId.get('nyttar')?.escalateAfterDays).toBeNull();
  });

  it.each([
    ['an unknown Q&A entry', ['qaEntryIds: [kb-mbm]', 'qaEntryIds: [kb-mbm, finnes-ikke]'], 'events.0.qaEntryIds.1', /ukjent Q&A-oppføring «finnes-ikke»/],
    ['30 February', ['from: "--01-01", to: "--03-31"', 'from: "--01-01", to: "--02-30"'], 'events.0.recurrence.to', /«--02-30» er ikke en gyldig dato/],
    ['29 February', ['date: "--04-01", time: "12:00"', 'date: "--02-29", time: "12:00"'], 'events.1.recurrence.date', /skuddår/],
    ['an unknown role', ['responsible: { roles: [hr] }', 'responsible: { roles: [hr, sjef] }'], 'events.1.responsible.roles.1', /ukjent rolle «sjef»; gyldige roller er leder/],
    ['a time out of range', ['time: "12:00"', 'time: "24:00"'], 'events.1.recurrence.time', /klokkeslett/],
    ['both a date and a window', ['date: "--05-15"', 'date: "--05-15", from: "--05-01", to: "--05-31"'], 'events.6.recurrence', /enten date, eller from og to/],
    ['a window without its end', ['from: "--09-01", to: "--11-30"', 'from: "--09-01"'], 'events.5.recurrence.to', /både from og to/],
    ['everyone as responsible', ['responsible: { roles: [kommunedirektor] }', 'responsible: { everyone: true }'], 'events.3.responsible', /everyone kan ikke være ansvarlig/],
    ['a negative reminder offset', ['escalateAfterDays: 2', 'escalateAfterDays: 2\n    reminderOffsetsDays: [7, -1]'], 'events.5.reminderOffsetsDays.1', /negativ/],
    ['a duplicate id', ['id: rektor-frist', 'id: plan-mbm'], 'events.6.id', /allerede brukt/],
    ['an unknown field', ['completion: shared', 'completion: shared\n    farge: rød'], 'events.1', /ukjent felt «farge»/],
    ['a missing title', ['    title: Vårfrist for HR\n', ''], 'events.1.title', /mangler/],
    ['an unknown completion', ['completion: shared', 'completion: alle'], 'events.1.completion', /må være en av per-person, shared/],
  ])('When the file has %s, then loading fails naming the file and the field', (_label, [from, to], field, message) => {
    const problems = problemsOf(variant(from!, to!));
    const hit = problems.find((p) => p.includes(`«${field}»`));
    expect(hit, problems.join('\n')).toBeDefined();
    expect(hit).toContain('arshjul/hr-endring.yml');
    expect(hit).toMatch(message);
  });

  it('When the YAML itself is broken, then the file is named', () => {
    expect(problemsOf('version: 1\nevents: [\n')[0]).toMatch(/^arshjul\/hr-endring\.yml: er ikke gyldig YAML/);
  });

  it('When the file is missing, then the error names it', () => {
    expect(() => loadArshjulCalendar(contentDir, TEST_KB, 'arshjul/finnes-ikke.yml')).toThrow(/arshjul\/finnes-ikke\.yml: kan ikke leses/);
  });
});

describe('roles from the organisation', () => {
  const dir = testDirectory();

  it.each([
    [P.radmann, ['leder', 'kommunedirektor']],
    [P.kommunalsjef, ['leder', 'kommunalsjef']],
    [P.rektor, ['leder', 'enhetsleder']],
    [P.hr, ['leder', 'enhetsleder', 'hr']],
    [P.tillitsvalgt, ['tillitsvalgt', 'verneombud']],
    [P.laerer, []],
  ])('When employee %s is looked up, then the årshjul roles follow the unit tree and the org roles', (id, roles) => {
    expect(rolesOf(dir, id)).toEqual(roles);
  });

  it('When a target names units, then everyone in the unit and below matches', () => {
    const target = { everyone: false, roles: [], units: ['oppvekst'], positionCodes: [] };
    expect(peopleMatching(dir, target).map((e) => e.employeeId).sort()).toEqual([P.kommunalsjef, P.rektor, P.laerer, P.styrer, P.assistent, P.tillitsvalgt].sort());
  });

  it('When a target is described, then the group is named in Norwegian', () => {
    expect(describeTarget({ everyone: false, roles: ['leder', 'hr'], units: ['oppvekst'], positionCodes: [] }, dir)).toBe('ledere, HR og Oppvekst');
    expect(describeTarget({ everyone: true, roles: [], units: [], positionCodes: [] })).toBe('alle');
    expect(describeTarget({ everyone: false, roles: ['leder'], units: [], positionCodes: [], except: { roles: ['hr'], units: [], positionCodes: [] } })).toBe('ledere (unntatt HR)');
  });
});
