import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/modules/qa/search/analyzer.js';
import { mapWords } from '../../../../src/modules/qa/search/analyzer.js';
import { tokenize } from '../../../../src/modules/qa/search/normalize.js';
import { stem } from '../../../../src/modules/qa/search/stem.js';
import { loadSynonymFile } from '../../../../src/modules/qa/search/synonyms.js';
import { projectRoot } from '../../../../src/util/project-root.js';

const synonyms = loadSynonymFile(join(projectRoot, 'content/synonyms.yml'));
const toBokmal = (s: string): string =>
  mapWords(tokenize(s), synonyms.words)
    .map((t) => t.text)
    .join(' ');

describe('nynorsk → bokmål (content/synonyms.yml)', () => {
  it.each([
    ['kva krav stiller opplæringslova til ein rektor', 'hva krav stiller opplæringslova til en rektor'],
    ['kven har ansvaret for dei tilsette', 'hvem har ansvaret for de ansatte'],
    ['korleis skal leiaren følgje opp', 'hvordan skal lederen følge opp'],
    ['kvifor treng einingsleiarar vidareutdanning', 'hvorfor trenger enhetsledere videreutdanning'],
    ['eg veit ikkje kor ofte me skal ha samtalar', 'jeg vet ikke hvor ofte vi skal ha samtaler'],
    ['stillingane vert lyste ut av verksemda', 'stillingene blir lyste ut av virksomheten'],
    ['er det lovpålagd med jamleg oppfølging av lærarane', 'er det lovpålagt med jevnlig oppfølging av lærerne'],
  ])('«%s»', (nn, nb) => {
    expect(toBokmal(nn)).toBe(nb);
  });

  it('the analyzer reads nynorsk question words as stop words, leaving the topic', () => {
    const a = new Analyzer(synonyms);
    const labels = a.analyze('Kva er det eg ikkje veit om rektoren?').map((c) => c.label);
    expect(labels).toContain('rektoren');
    for (const w of ['kva', 'eg', 'ikkje', 'hva', 'jeg', 'ikke', 'det', 'er']) expect(labels).not.toContain(w);
  });

  it('a nynorsk form the index knows only from a few nynorsk examples also matches its bokmål spelling', () => {
    const a = new Analyzer(synonyms);
    // The index knows «årlege» (a nynorsk example question) and «årlig» (the entries' own text).
    a.setVocabulary(new Map([['årlege', 1], ['årlig', 9]]), { hasTerm: (t) => t === stem('årlege') || t === stem('årlig'), cooccur: () => false }, new Set());
    const c = a.analyze('Skal vi ha årlege møte?').find((x) => x.label === 'årlege');
    expect(c?.alts.map((x) => x.terms.join('+'))).toEqual([stem('årlege'), stem('årlig')]);
  });
});
