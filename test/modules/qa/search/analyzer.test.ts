import { describe, expect, it } from 'vitest';
import { buildIndex, search, searchFocused, type WeightedConcept } from '../../../../src/modules/qa/search/index.js';
import { loadFixture } from './fixture.js';

const { kb, synonyms } = loadFixture();
const index = buildIndex(kb.entries, synonyms, kb.documents);
const concepts = (q: string): WeightedConcept[] => search(index, q).concepts;
const terms = (c: WeightedConcept | undefined) => c?.alts.map((a) => a.terms.join('+')) ?? [];

describe('question analysis', () => {
  it('drops question and filler words, in bokmål, nynorsk and dialect', () => {
    expect(concepts('Hva er egentlig det?')).toEqual([]);
    expect(concepts('kva er det eigentleg, ikkje sant?').map((c) => c.label)).not.toContain('kva');
  });

  it('maps nynorsk words to the bokmål forms the content uses', () => {
    const [krev, laws] = concepts('Kva krev opplæringslova?');
    expect(krev?.label).toBe('krever');
    expect(laws?.kind).toBe('exact'); // opplæringslova and opplæringsloven share a stem
    expect(terms(laws)).toContain('opplæringslov');
  });

  it('expands abbreviations and synonym groups (MU-samtale → medarbeidersamtale)', () => {
    const [c] = concepts('MU-samtalen');
    expect(c?.kind).toBe('synonym');
    expect(terms(c)).toContain('medarbeidersamtal');
  });

  it('reads upper-case HA as an abbreviation but lower-case "ha" as the verb', () => {
    expect(concepts('Hva betyr HA?').map((c) => c.label)).toContain('ha');
    expect(concepts('Hva må vi ha?')).toEqual([]);
  });

  it('splits a compound the content only has in parts', () => {
    const [c] = concepts('barnehagestyrer');
    expect(c?.kind).toBe('compound');
    expect(terms(c)).toEqual(['barnehag+styr']);
  });

  it('corrects a typo to a word of the knowledge base', () => {
    const [c] = concepts('rektr');
    expect(c?.kind).toBe('typo');
    expect(terms(c)).toContain('rektor');
  });

  it('corrects a typo in a nynorsk spelling (heiltdskultur → heltidskultur)', () => {
    const [c] = concepts('heiltdskultur');
    expect(c?.kind).toBe('typo');
    expect(terms(c)).toContain('heltidskultur');
  });

  it('drops a misspelt filler word even when it looks like a content word', () => {
    expect(concepts('egnetlig')).toEqual([]);
  });

  it('keeps words the knowledge base does not know as unknown concepts that weigh heavily', () => {
    const [c, lonn] = concepts('kilometergodtgjørelse lønn');
    expect(c?.kind).toBe('unknown');
    expect(c?.importance).toBeGreaterThan(lonn?.importance ?? Infinity);
  });

  it('marks names the content writes capitalised as facets', () => {
    const c = concepts('turnover i Kristiansund').find((x) => x.label === 'kristiansund');
    expect(c?.facet).toBe(true);
  });

  it('reads «spørsmål» as the topic when the leader asks for questions, and as framing otherwise', () => {
    const asked = concepts('Hvilke spørsmål bør jeg stille i medarbeidersamtalen?').find((c) => c.label === 'spørsmål');
    const framing = concepts('Jeg har et spørsmål om medarbeidersamtalen').find((c) => c.label === 'spørsmål');
    expect(asked?.factor).toBe(1);
    expect(framing?.factor ?? 0).toBeLessThan(1);
  });

  it('a name in the story that no entry is about is no facet; a place an entry is about still is', () => {
    const first = kb.entries[0]!;
    const withName = buildIndex(
      [...kb.entries, { ...first, id: 'arne-sitat', body: 'Arne sa det først. Arne skrev planen. Arne ledet arbeidet. Takk til Arne.' }],
      synonyms,
      kb.documents,
    );
    const story = searchFocused(withName, 'Hvor høy er turnoveren blant de eldste?', 'Arne har sluttet, og vi er i Kristiansund.').concepts;
    expect(search(withName, 'Hva sa Arne?').concepts.find((c) => c.label === 'arne')?.facet).toBe(true);
    expect(story.find((c) => c.label === 'arne')?.facet).toBeFalsy();
    expect(story.find((c) => c.label === 'kristiansund')?.facet).toBe(true);
  });

  it('does not make a common word a name because a synonym of it is an abbreviation', () => {
    // An entry that writes the abbreviation TV, so the index knows it as a name.
    const first = kb.entries[0]!;
    const withTv = buildIndex([...kb.entries, { ...first, id: 'tv-rolle', body: 'TV deltar i arbeidet. TV får planen. TV gir innspill. Spør TV.' }], synonyms, kb.documents);
    const c = search(withTv, 'hva gjør en tillitsvalgt').concepts.find((x) => x.label === 'tillitsvalgt');
    expect(terms(c)).toContain('tv');
    expect(c?.facet).toBeFalsy();
  });
});

describe('ranking', () => {
  const top = (q: string) => search(index, q).hits[0]?.entry.id;

  it('ranks the entry whose title and tags match first', () => {
    expect(top('Hva er et forsvarlig lederspenn?')).toBe('lederspenn');
    expect(top('utdanningspermisjon etter arbeidsmiljøloven')).toBe('utdanningspermisjon');
  });

  it('prefers the entry about the place the question names', () => {
    expect(top('Hvilke læringsarenaer bruker Sørum?')).toBe('laeringsarenaer-sorum');
    expect(top('Hvilke læringsarenaer bruker Halden?')).toBe('laeringsarenaer-halden');
  });

  it('gives coverage 1 when an entry matches every concept', () => {
    const hit = search(index, 'sykefravær Bærum 2018').hits[0];
    expect(hit?.entry.id).toBe('sykefravaer-baerum');
    expect(hit?.coverage).toBeCloseTo(1, 5);
  });
});
