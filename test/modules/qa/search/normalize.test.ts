import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TOKENS, foldText, isAbbreviation, isStopWord, tokenize } from '../../../../src/modules/qa/search/normalize.js';

describe('foldText', () => {
  it('lower-cases, keeps æøå and folds foreign diacritics and typographic dashes', () => {
    expect(foldText('ÆRLIG Årshjul Ørsta')).toBe('ærlig årshjul ørsta');
    expect(foldText('Café – idé')).toBe('cafe - ide');
    expect(foldText('Bäcker Öl')).toBe('bæcker øl');
  });
});

describe('tokenize', () => {
  const texts = (s: string) => tokenize(s).map((t) => t.text);

  it('splits on punctuation and hyphens, keeping the original spelling in raw', () => {
    const tokens = tokenize('KS-veilederen sier: «Lønn?!»');
    expect(tokens.map((t) => t.text)).toEqual(['ks', 'veilederen', 'sier', 'lønn']);
    expect(tokens[0]?.raw).toBe('KS');
  });

  it('keeps decimal and section numbers whole', () => {
    expect(texts('7,3 prosent etter HTA 4.2.4 og § 12-11')).toEqual(['7,3', 'prosent', 'etter', 'hta', '4.2.4', 'og', '12', '11']);
    expect(tokenize('2018')[0]?.numeric).toBe(true);
    expect(tokenize('år2018')[0]?.numeric).toBe(false);
  });

  it('handles decomposed Unicode (å written as a + ring) like the composed form', () => {
    expect(texts('ma\u030al')).toEqual(['mål']);
  });

  it('stops after the token limit', () => {
    expect(tokenize('ord '.repeat(1000), MAX_QUERY_TOKENS)).toHaveLength(MAX_QUERY_TOKENS);
  });
});

describe('stop words and abbreviations', () => {
  it('treats bokmål, nynorsk and dialect function words as stop words', () => {
    for (const w of ['hva', 'kva', 'ikkje', 'eg', 'hvordan', 'korleis', 'egentlig', 'elr', 'evt', 'omtrent', 'siden', 'slags']) expect(isStopWord(w)).toBe(true);
    // every form of «gi», not only the present tense: «ga kurset effekt» is about kurs and effekt
    for (const w of ['gi', 'gir', 'ga', 'gav', 'gitt']) expect(isStopWord(w)).toBe(true);
    for (const w of ['lønn', 'rektor', 'sykefravær', 'rett']) expect(isStopWord(w)).toBe(false);
  });

  it('recognises upper-case abbreviations such as HA even though "ha" is a stop word', () => {
    const [ha, lower] = tokenize('HA ha');
    expect(isAbbreviation(ha!)).toBe(true);
    expect(isAbbreviation(lower!)).toBe(false);
  });
});
