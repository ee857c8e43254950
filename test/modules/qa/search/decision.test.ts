import { describe, expect, it } from 'vitest';
import { DECISION, decide } from '../../../../src/modules/qa/answer.js';
import type { KnowledgeEntry } from '../../../../src/modules/qa/knowledge.js';
import type { Hit, SearchResult, WeightedConcept } from '../../../../src/modules/qa/search/index.js';
import { outOfScopeTopic, storyPlaceIsOurs, unknownPlaces, unknownRoles } from '../../../../src/modules/qa/search/scope.js';

const entry = (id: string, title = id, tags: string[] = []): KnowledgeEntry => ({
  id,
  title,
  summary: 'Sammendrag.',
  body: '',
  tags,
  audience: ['leder'],
  sources: [{ document: '003', section: '§1' }],
  lastReviewed: '2026-01-01',
  related: [],
  examples: [],
  file: `${id}.md`,
});

const concept = (label: string, importance: number, df: number): WeightedConcept => ({
  label,
  kind: df ? 'exact' : 'unknown',
  alts: df ? [{ terms: [label], weight: 1 }] : [],
  factor: 1,
  importance,
  df,
});

const hit = (id: string, coverage: number, score: number, matched = 2, rank = score): Hit => ({
  entry: entry(id, `Tittel ${id}`),
  index: 0,
  score,
  rank,
  coverage,
  matched,
  matchedMass: coverage,
  facetMisses: 0,
});

const result = (hits: Hit[], concepts = [concept('rektor', 2, 3), concept('krav', 1, 20)]): SearchResult => ({
  concepts,
  totalMass: concepts.reduce((s, c) => s + c.importance, 0),
  hits,
});

describe('decide(): three outcomes', () => {
  it('answers surely («high») when the best entry covers enough of the question', () => {
    const r = decide('q', result([hit('a', 0.8, 12), hit('b', 0.3, 4)]));
    expect(r).toMatchObject({ answered: true, level: 'high', entry: { id: 'a' } });
  });

  it('hedges («low») with the runners-up when the best entry is plausible but not sure', () => {
    const r = decide('q', result([hit('a', DECISION.hedgeMinCoverage + 0.05, 8), hit('b', 0.35, 7), hit('c', 0.1, 2)]));
    expect(r).toMatchObject({ answered: true, level: 'low', entry: { id: 'a' } });
    expect(r.alternatives.map((a) => a.id)).toEqual(['b']);
  });

  it('hedges a sure-looking answer when an unrelated entry ranks just as high, and offers it', () => {
    const r = decide('q', result([hit('a', 0.8, 12), hit('b', 0.8, 11.5)]));
    expect(r).toMatchObject({ answered: true, level: 'low', entry: { id: 'a' } });
    expect(r.alternatives.map((a) => a.id)).toContain('b');
  });

  it('stays sure when the close runner-up is a related entry, or clearly behind', () => {
    const a = hit('a', 0.8, 12);
    const b = hit('b', 0.8, 11.5);
    const related = { ...a, entry: { ...a.entry, related: ['b'] } };
    expect(decide('q', result([related, b])).level).toBe('high');
    expect(decide('q', result([a, hit('b', 0.8, 12 * DECISION.rivalRatio - 1)])).level).toBe('high');
  });

  it('declines when nothing is plausible', () => {
    const r = decide('q', result([hit('a', DECISION.hedgeMinCoverage - 0.1, 8)]));
    expect(r.answered).toBe(false);
    expect(r.level).toBeUndefined();
  });

  it('does not hedge when much of the question is words no entry contains', () => {
    const concepts = [concept('permittering', 3, 0), concept('ansatte', 1, 40)];
    const r = decide('q', result([hit('a', 0.35, 8)], concepts));
    expect(r.answered).toBe(false);
  });

  it('in a long message, hedges on the asking sentence when the story dilutes the coverage', () => {
    const story = { ...hit('a', 0.25, 10), askedCoverage: 0.9 };
    expect(decide('q', result([story]))).toMatchObject({ answered: true, level: 'low' });
    // the same match without a story to blame is too thin
    expect(decide('q', result([hit('a', 0.25, 10)])).answered).toBe(false);
    // and a match that misses the asking sentence too stays declined (when another entry ranks close)
    const thin = [{ ...hit('a', 0.25, 10), askedCoverage: 0.4 }, { ...hit('b', 0.24, 9), askedCoverage: 0.4 }];
    expect(decide('q', result(thin)).answered).toBe(false);
  });

  it('hedges when the unknown word is a new compound of a word the entries use («kompetansehull»)', () => {
    const concepts = [concept('kompetansehull', 3, 0), concept('tiltak', 2, 10), concept('modell', 2, 8)];
    const top = [hit('a', 0.45, 8)];
    expect(decide('q', result(top, concepts)).answered).toBe(false);
    expect(decide('q', result(top, concepts), { knownModifier: new Set(['kompetansehull']) })).toMatchObject({ answered: true, level: 'low' });
  });

  it('in a long story, hedges the one entry that stands clearly above the rest despite low coverage', () => {
    const story = (h: Hit): Hit => ({ ...h, askedCoverage: 0.3 });
    const clear = [story(hit('a', 0.3, 10, 4, 10)), story(hit('b', 0.25, 7, 3, 7))];
    expect(decide('q', result(clear))).toMatchObject({ answered: true, level: 'low', entry: { id: 'a' } });
    // Two entries close together: the story does not say which, so it is declined.
    const close = [story(hit('a', 0.3, 10, 4, 10)), story(hit('b', 0.25, 8, 3, 8))];
    expect(decide('q', result(close)).answered).toBe(false);
    // A short question without a story gets no such leeway.
    expect(decide('q', result([hit('a', 0.3, 10, 4, 10), hit('b', 0.25, 7, 3, 7)])).answered).toBe(false);
  });

  it('offers no «Mente du» when most of the question is words no entry has', () => {
    // «Hva er reglene for hjemmekontor?»: only «regler» is known; entries sharing it are guesses.
    const unknownTopic = [concept('hjemmekontor', 4, 0), concept('regler', 1.5, 10)];
    const weak = [hit('a', 0.33, 3, 1), hit('b', 0.32, 3, 1)];
    expect(decide('q', result(weak, unknownTopic))).toMatchObject({ answered: false, alternatives: [] });
    // A known topic asked in unknown words still gets its alternatives.
    const knownTopic = [concept('hjemmekontor', 1, 0), concept('medarbeidersamtale', 3, 10)];
    expect(decide('q', result(weak, knownTopic)).alternatives.map((a) => a.id)).toEqual(['a', 'b']);
    // …and so does a specific known term beside a larger unknown one.
    const specificTerm = [concept('barnevernet', 4, 0), concept('læringsarenaer', 2, 2)];
    expect(decide('q', result(weak, specificTerm)).alternatives.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('declines an out-of-scope question even with a sure-looking match, and never hedges it', () => {
    const oos = outOfScopeTopic('Hvor mange feriedager har en ansatt over 60?');
    expect(oos?.topic).toBe('ferie');
    expect(decide('q', result([hit('a', 0.9, 15)]), { outOfScope: oos }).answered).toBe(false);
    expect(decide('q', result([hit('a', 0.35, 8)]), { outOfScope: oos })).toMatchObject({ answered: false, outOfScope: 'ferie' });
  });

  it('declines a question about a municipality the sources do not cover', () => {
    const places = unknownPlaces('Hva står i kompetanseplanen til Drammen kommune?', (w) => w === 'bærum');
    expect(places).toEqual(['drammen']);
    expect(decide('q', result([hit('a', 0.9, 15)]), { unknownPlaces: places }).answered).toBe(false);
    expect(unknownPlaces('Hva står i kompetanseplanen til Bærum kommune?', (w) => w === 'bærum')).toEqual([]);
    // a capitalised question word before «kommune(n)» is no place
    expect(unknownPlaces('Når kommunen lager plan, hvem er med?', () => false)).toEqual([]);
    expect(unknownPlaces('Hvilken kommune har lavest turnover?', () => false)).toEqual([]);
    expect(unknownPlaces('Our municipality is about to start a competence plan.', () => false)).toEqual([]);
    // In a story, a place counts where the asker is, not where someone moves.
    expect(storyPlaceIsOurs('Jeg er rektor her i Bodø og har en lærer som vil ta master.', 'bodø')).toBe(true);
    expect(storyPlaceIsOurs('Vi jobber i Bodø kommune.', 'bodø')).toBe(true);
    expect(storyPlaceIsOurs('Maria is moving to Bergen in March.', 'bergen')).toBe(false);
    expect(storyPlaceIsOurs('Hun kom fra Bergen for to år siden.', 'bergen')).toBe(false);
  });
});

describe('outOfScopeTopic', () => {
  it.each([
    ['Hvor mye tjener en lærer?', 'lønnssatser'],
    ['Kor mykje tener ein sjukepleiar?', 'lønnssatser'],
    ['Hva er årslønnen for en assistent?', 'lønnssatser'],
    ['Når kan jeg gå av med pensjon?', 'pensjon'],
    ['Jeg er 62. Hvor stor blir pensjonen min om jeg slutter nå?', 'pensjon'],
    ['Kan eg gå av med AFP til hausten?', 'pensjon'],
    ['Lønner det seg for meg å ta ut AFP før 67?', 'pensjon'],
    ['Hvor mange egenmeldingsdager har jeg?', 'sykefravær for den enkelte'],
    ['Når skal dialogmøtet med NAV være?', 'sykefravær for den enkelte'],
    ['Får jeg betalt overtid på kurs?', 'overtid'],
    ['Hvor mye merarbeid kan en deltidsansatt pålegges?', 'overtid'],
    ['How many days of holiday do I get?', 'ferie'],
    ['What does a nurse earn?', 'lønnssatser'],
    // Pay for one person, however it is put.
    ['Hvor mye kan jeg gi henne ekstra for at hun tar nattevaktene?', 'lønnssatser'],
    ['Kor mykje kan vi by han i tillegg når han får tilbod frå nabokommunen?', 'lønnssatser'],
    ['Hun har fått et jobbtilbud i Asker. Hvor mye kan vi tilby for å beholde henne?', 'lønnssatser'],
    ['Can we make a counter-offer to keep him?', 'lønnssatser'],
    // Employment law the five documents never discuss.
    ['Hvor lang oppsigelsestid har en fagarbeider?', 'oppsigelse og avskjed'],
    ['Kan eg seie opp ein tilsett som ikkje tek etterutdanninga?', 'oppsigelse og avskjed'],
    ['Kan jeg si henne opp når hun ikke vil ta kurset?', 'oppsigelse og avskjed'],
    ['How long is the notice period for a nurse?', 'oppsigelse og avskjed'],
    ['Hvor lang pappapermisjon kan han ta?', 'foreldrepermisjon og velferdspermisjon'],
    ['Can she take parental leave before she finishes the course?', 'foreldrepermisjon og velferdspermisjon'],
    ['En i teamet sier hun blir mobbet av en kollega på kurset. Hva gjør jeg?', 'trakassering, mobbing og varsling'],
    ['Vikaren vår har gått på kontrakter i tre år. Har hun krav på fast stilling?', 'fast ansettelse for midlertidig ansatte'],
    ['Hun har glemt passordet til kompetanseportalen, hvem hjelper?', 'IT og tilganger'],
    ['Kan du si hva han faktisk skal ha i lønn i stillingen sin nå?', 'lønnssatser'],
    ['Hva får hun i pensjon hvis hun går ned til 60 prosent?', 'pensjon'],
    ['Ein kollega har kome med seksuelle kommentarar til ho på nattevakt.', 'trakassering, mobbing og varsling'],
    ['En tidligere ansatt krever innsyn i alt vi har lagret om henne. Hvor lang frist har vi?', 'innsyn i egne personopplysninger'],
  ])('«%s» is out of scope (%s)', (q, topic) => {
    expect(outOfScopeTopic(q)?.topic).toBe(topic);
  });

  it.each([
    'Hvilke krav stilles til en rektor?',
    'Hvor høyt var sykefraværet i Bærum i 2018?',
    'Hvordan brukes lønn som virkemiddel i rekrutteringen?',
    'Hvor mange går av med AFP i Bærum?',
    'Hvor mye kan vi gi ham i lønnstillegg etter videreutdanningen?',
    'Hvor mye permisjon kan jeg gi henne når hun tar master?',
    // HTA 4.2: employees on parental leave take part in the local pay negotiations.
    'Skal de som har foreldrepermisjon være med i de lokale forhandlingene?',
    'Vi skal lyse ut to faste stillinger. Må tillitsvalgte få vite det?',
    'Har deltidsansatte fortrinnsrett til en større stilling?',
    // An employee who resigned is turnover, not dismissal; a town someone moves to is no place rule.
    'Vi har ansatt fem nyutdannede, og to av dem har allerede sagt opp. Hva gjør vi for å beholde dem?',
    // A senior near retirement in the story is kompetanseoverføring, not the asker's pension.
    'Jeg skal snakke med en ansatt i vaskeriet som har jobbet her lenge og skal gå av med pensjon neste år. Hvordan får vi med oss det hun kan?',
    'Halvparten av sykepleierne våre nærmer seg pensjon. Jeg er bekymret for hva vi gjør da. Finnes det en plan for å dele kunnskapen?',
  ])('«%s» is in scope', (q) => {
    expect(outOfScopeTopic(q)).toBeUndefined();
  });
});

describe('unknownRoles', () => {
  const known = new Set(['nærmeste leder', 'daglig leder']);
  const isKnownPair = (a: string, b: string) => known.has(`${a} ${b}`);
  const skip = (w: string) => ['som', 'en', 'ny', 'god', 'min'].includes(w);
  it('names a leader role the sources never write', () => {
    expect(unknownRoles(['krav', 'til', 'en', 'pedagogisk', 'leder'], isKnownPair, skip)).toEqual(['pedagogisk leder']);
  });
  it('accepts roles the sources write, framing words and compounds', () => {
    expect(unknownRoles(['ansvaret', 'til', 'nærmeste', 'leder'], isKnownPair, skip)).toEqual([]);
    expect(unknownRoles(['hva', 'må', 'en', 'ny', 'leder', 'gjøre'], isKnownPair, skip)).toEqual([]);
    expect(unknownRoles(['lederspenn', 'leder'], isKnownPair, skip)).toEqual([]);
  });
  it('makes the decision offer the other roles instead of answering', () => {
    const r = decide('q', result([hit('rektor', 0.9, 15), hit('styrer', 0.8, 12)]), { unknownRoles: ['pedagogisk leder'] });
    expect(r.answered).toBe(false);
    expect(r.alternatives.map((a) => a.id)).toEqual(['rektor', 'styrer']);
  });
});
