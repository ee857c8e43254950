import { describe, expect, it } from 'vitest';
import { TypoDictionary, editDistance, spellingVariants, typoBudget } from '../../../../src/modules/qa/search/spelling.js';

describe('spellingVariants (nynorsk/dialect → bokmål)', () => {
  it.each([
    ['heiltid', 'heltid'],
    ['oppgåve', 'oppgave'],
    ['sjukefråvær', 'sykefravær'],
    ['vernepleiar', 'vernepleier'],
    ['rapporterast', 'rapporteres'],
    ['halvårleg', 'halvårlig'],
    ['lønspolitikk', 'lønnspolitikk'],
    ['samanheng', 'sammenheng'],
    ['einingsleiar', 'einingsleder'],
    ['sykefravaer', 'sykefravær'],
    ['forvaltingslova', 'forvaltningsloven'],
  ])('%s → %s', (from, to) => {
    expect(spellingVariants(from)).toContain(to);
  });

  it('does not list the word itself and stays bounded', () => {
    const v = spellingVariants('medarbeidarsamtalane');
    expect(v).not.toContain('medarbeidarsamtalane');
    expect(v.length).toBeLessThanOrEqual(40);
  });
});

describe('editDistance', () => {
  it('counts substitutions, insertions, deletions and adjacent transpositions', () => {
    expect(editDistance('rektor', 'rektor', 2)).toBe(0);
    expect(editDistance('rektr', 'rektor', 2)).toBe(1);
    expect(editDistance('kompetnase', 'kompetanse', 2)).toBe(1);
    expect(editDistance('lønn', 'lønn', 0)).toBe(0);
  });

  it('stops early and reports max + 1 when the words are too far apart', () => {
    expect(editDistance('sykepenger', 'stilling', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 1)).toBe(2);
  });
});

describe('TypoDictionary', () => {
  const dict = new TypoDictionary(
    new Map([
      ['kompetanse', 10],
      ['kompetansen', 2],
      ['medarbeidersamtale', 5],
      ['rektor', 3],
      ['egentlig', 100],
    ]),
  );

  it('corrects a typo to the closest known word', () => {
    expect(dict.correct('kompetnase')).toBe('kompetanse');
    expect(dict.correct('medarbiedersamtale')).toBe('medarbeidersamtale');
    expect(dict.correct('egentli')).toBe('egentlig');
  });

  it('does not guess for short words or far-off words', () => {
    expect(typoBudget(4)).toBe(0);
    expect(dict.correct('rekt')).toBeUndefined();
    expect(dict.correct('overtid')).toBeUndefined();
  });
});
