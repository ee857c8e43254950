import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GlossaryLoadError, isEnglish, loadGlossaryFile, parseGlossary, translateEnglish } from '../../../../src/modules/qa/search/glossary.js';
import { projectRoot } from '../../../../src/util/project-root.js';

const glossary = loadGlossaryFile(join(projectRoot, 'content/glossary-en.yml'));

describe('English glossary', () => {
  it('is valid and has several hundred terms', () => {
    expect(glossary.terms.size).toBeGreaterThan(300);
    expect(glossary.functionWords.size).toBeGreaterThan(100);
  });

  it.each([
    ['principal', 'rektor'],
    ['kindergarten head', 'styrer barnehage'],
    ['head of unit', 'enhetsleder'],
    ['performance review', 'medarbeidersamtale'],
    ['collective agreement', 'hovedtariffavtalen'],
    ['shop steward', 'tillitsvalgt'],
    ['criminal record certificate', 'politiattest'],
    ['skills gap', 'kompetansegap'],
    ['competence plan', 'kompetanseplan'],
    ['annual cycle', 'årshjul'],
    ['job advert', 'utlysning'],
    ['educational leave', 'utdanningspermisjon'],
    // General words: measures, tools, time.
    ['lowest', 'lavest'],
    ['age groups', 'aldersgrupper'],
    ['tool', 'verktøy'],
    ['how long', 'hvor lenge'],
    ['the eighth step', '8 steg'],
  ])('maps «%s» to «%s»', (en, no) => {
    expect(translateEnglish(en, glossary)).toBe(no);
  });

  it('translates a question: longest phrase first, plurals, function words dropped, names kept', () => {
    expect(translateEnglish('What are the requirements for kindergarten heads in Bærum?', glossary)).toBe('krav styrer barnehage Bærum');
    expect(translateEnglish('Do shop stewards have to be involved when we advertise a job?', glossary)).toBe('tillitsvalgte involvere lyse ut stilling');
     // Contractions leave no stray pieces («she'll» is not an unknown word «ll»).
    expect(translateEnglish("I'm not sure: she'll get a pay rise now, won't she? I'd say so.", glossary)).toBe('lønnsøkning');
  });

  it.each([
    ['What are the requirements for a principal?', true],
    ['How often should I hold performance reviews?', true],
    ['Who owns the competence plan?', true],
    ['Hvilke krav stilles til en rektor?', false],
    ['Kva krav er det til ein styrar?', false],
    ['Hva betyr HTA?', false],
    ['hvor ofte skal vi ha MU', false],
  ])('detects English in «%s»: %s', (q, en) => {
    expect(isEnglish(q, glossary)).toBe(en);
  });

  it('rejects a bad file naming the problem', () => {
    expect(() => parseGlossary({ terms: { Principal: 'rektor' } })).toThrow(GlossaryLoadError);
    expect(() => parseGlossary({ terms: { principal: '' } })).toThrow(/tom oversettelse/);
    expect(() => parseGlossary({ terms: { 'a b c d e f': 'x' } })).toThrow(/1–5 ord/);
  });
});
