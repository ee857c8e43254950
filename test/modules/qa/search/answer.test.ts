import { describe, expect, it } from 'vitest';
import { DECISION, createAnswerer } from '../../../../src/modules/qa/answer.js';
import type { KnowledgeBase, KnowledgeEntry } from '../../../../src/modules/qa/knowledge.js';
import { MAX_QUERY_TOKENS } from '../../../../src/modules/qa/search/normalize.js';
import { loadFixture } from './fixture.js';

const { kb, synonyms } = loadFixture();
const { answer, explain } = createAnswerer(kb, synonyms);

describe('answer(): finds the right entry', () => {
  it.each([
    ['bokmål', 'Hvilke kompetansekrav gjelder for rektor etter opplæringsloven?', 'rektor-kompetansekrav'],
    ['nynorsk', 'Kva krev opplæringslova av ein rektor?', 'rektor-kompetansekrav'],
    ['a typo', 'Hva krever opplæringsloven av en rektr?', 'rektor-kompetansekrav'],
    ['an abbreviation', 'hvor ofte skal vi ha MU-samtale', 'medarbeidersamtale-hvor-ofte'],
    ['nynorsk inflection', 'Kor ofte skal ein ha medarbeidarsamtalen?', 'medarbeidersamtale-hvor-ofte'],
    ['a compound written apart', 'hva er en samtale om lønnsutvikling', 'lonnsutviklingssamtale'],
    ['a compound the content splits', 'Hvilken utdanning må en barnehagestyrer ha?', 'styrer-barnehage'],
    ['nynorsk synonym', 'Kor høgt var sjukefråværet i Bærum i 2018?', 'sykefravaer-baerum'],
    ['nynorsk spelling (heiltid)', 'Korleis får vi fleire i heiltid i pleie og omsorg?', 'heltidskultur-baerum'],
    ['dialect', 'åssen er turnoveren blant de eldste i Kristiansund', 'turnover-kristiansund'],
    ['upper-case HA', 'Hva betyr HA i ansvarsmatrisen?', 'ansvarsmatrise-koder'],
    ['a phrase synonym (få beskjed = informere)', 'Må tillitsvalgte få beskjed om ledige stillinger?', 'ledige-stillinger-hovedavtalen'],
    ['an abbreviation of a law (aml)', 'Har jeg rett til utdanningspermisjon etter aml?', 'utdanningspermisjon'],
    ['upper case and punctuation', 'HVA ER ET FORSVARLIG LEDERSPENN???', 'lederspenn'],
  ])('with %s', (_style, question, id) => {
    const r = answer(question);
    expect(r.answered).toBe(true);
    expect(r.entry?.id).toBe(id);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });
});

describe('answer(): declines what the knowledge base does not answer', () => {
  it.each([
    'Hvor lang er arbeidsgiverperioden for sykepenger?',
    'Hvor mange timer overtid kan jeg pålegge en ansatt i Bærum?',
    'Hva er satsen for kilometergodtgjørelse i Kristiansund?',
    'Hvor mye feriepenger får en ansatt over 60 år?',
    'Hvor mye koster en ny bil?',
  ])('%s', (question) => {
    const r = answer(question);
    expect(r.answered).toBe(false);
    expect(r.entry).toBeUndefined();
    expect(r.confidence).toBeLessThan(DECISION.minCoverage);
  });

  it.each([
    ['Hvor høy er turnoveren blant de eldste i Bærum?', 'turnover-kristiansund'],
    ['Hvor høyt var sykefraværet i Kristiansund i 2018?', 'sykefravaer-baerum'],
  ])('does not answer %s with figures from another municipality, but offers them', (question, otherPlace) => {
    const r = answer(question);
    expect(r.answered).toBe(false);
    expect(r.alternatives.map((a) => a.id)).toContain(otherPlace);
  });

  it('does not answer on one shared generic word', () => {
    // "Kristiansund" and "ansatte" occur in the content, the topic does not.
    const r = answer('Hva er oppsigelsestiden for ansatte i Kristiansund?');
    expect(r.answered).toBe(false);
  });
});

describe('answer(): unknown words', () => {
  it('tells a new compound of a known word («rektorvikaren») from a word the entries know nothing of', () => {
    expect([...(explain('Hvilke kompetansekrav gjelder for rektorvikaren?').ctx.knownModifier ?? [])]).toEqual(['rektorvikaren']);
    expect([...(explain('Hvilke kompetansekrav gjelder for en glimbrantvikar?').ctx.knownModifier ?? [])]).toEqual([]);
  });
});

describe('answer(): «Mente du …?» alternatives', () => {
  it('offers the close runner-up when two entries match about equally', () => {
    const r = answer('Hvilke læringsarenaer finnes i kommunene?');
    expect(r.answered).toBe(true);
    const ids = [r.entry?.id, ...r.alternatives.map((a) => a.id)];
    expect(ids).toEqual(expect.arrayContaining(['laeringsarenaer-sorum', 'laeringsarenaer-halden']));
    expect(r.alternatives.length).toBeLessThanOrEqual(3);
    expect(r.alternatives.every((a) => a.title.length > 0)).toBe(true);
  });

  it('offers no alternatives when one entry clearly wins', () => {
    expect(answer('Hva er et forsvarlig lederspenn?').alternatives).toEqual([]);
  });

  it('suggests plausible entries when it declines a half-matching question', () => {
    // Læringsarenaer matches two entries, barnevernet none: not enough to answer, enough to suggest.
    const r = answer('Hvilke læringsarenaer bruker kommunene i barnevernet?');
    expect(r.answered).toBe(false);
    expect(r.alternatives.map((a) => a.id).sort()).toEqual(['laeringsarenaer-halden', 'laeringsarenaer-sorum']);
  });

  it('suggests nothing when the question hardly matches', () => {
    const r = answer('Hvilke læringsarenaer har Drammen brukt i barnevernet og i NAV-samarbeidet?');
    expect(r.answered).toBe(false);
    expect(r.alternatives).toEqual([]);
  });
});

describe('answer(): input without meaning', () => {
  it.each([
    ['empty', ''],
    ['a greeting', 'hei'],
    ['punctuation', '???'],
    ['whitespace', '   \n\t '],
    ['only stop words', 'hva er det egentlig'],
    ['5,000 characters of junk', 'xq'.repeat(2500)],
    ['a long repeated text', 'lorem ipsum dolor sit amet '.repeat(200)],
    ['emoji and symbols', '🙂🙂 §§ ## 12'],
    ['1,000 different made-up words', Array.from({ length: 1000 }, (_, i) => `zq${i.toString(36)}`).join(' ')],
  ])('declines %s without throwing, with the work capped by the query limits', (_name, question) => {
    const r = answer(question);
    // An operation count, not a wall-clock time: however long the text, the search weighs at
    // most MAX_QUERY_TOKENS concepts (the bench:qa script measures the time).
    expect(explain(question).result.concepts.length).toBeLessThanOrEqual(MAX_QUERY_TOKENS);
    expect(r.answered).toBe(false);
    expect(r.alternatives).toEqual([]);
    expect(r.question).toBe(question);
  });

  it('never throws, even for a non-string passed from untyped code', () => {
    expect(answer(undefined as unknown as string).answered).toBe(false);
    expect(answer(42 as unknown as string).answered).toBe(false);
  });
});

describe('answer(): ranking prefers the entry about the topic over one that mentions it', () => {
  const entry = (id: string, title: string, summary: string, body: string): KnowledgeEntry => ({
    id,
    title,
    summary,
    body,
    tags: [],
    audience: ['leder'],
    sources: [{ document: '003', section: '§1' }],
    lastReviewed: '2026-11-23',
    related: [],
    examples: [],
    file: `${id}.md`,
  });
  // Both entries have every word of the question, the plan in a shorter text, but only the
  // second is about the principle.
  const small: KnowledgeBase = {
    entries: [
      entry(
        'plan-rekruttering',
        'Rekrutteringsstrategien i planen',
        'Planen beskriver rekruttering i offentlig sektor.',
        'Kommunen skal rekruttere bredt og bruke kvalifikasjonsprinsippet.',
      ),
      entry('kvalifikasjonsprinsippet', 'Kvalifikasjonsprinsippet', 'Den best kvalifiserte søkeren skal tilsettes.', 'Gjelder ved tilsetting i offentlig sektor.'),
      ...kb.entries,
    ],
    byId: new Map(),
    documents: kb.documents,
  };
  const { answer: answerSmall } = createAnswerer(small, synonyms);

  it('answers «Hva er kvalifikasjonsprinsippet i offentlig sektor?» with the entry titled so', () => {
    const r = answerSmall('Hva er kvalifikasjonsprinsippet i offentlig sektor?');
    expect(r.entry?.id).toBe('kvalifikasjonsprinsippet');
  });
});
