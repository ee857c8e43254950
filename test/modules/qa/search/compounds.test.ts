import { describe, expect, it } from 'vitest';
import { splitCompound, type PartLexicon } from '../../../../src/modules/qa/search/compounds.js';

const words = new Set(['barnehage', 'styrer', 'lønnsutvikling', 'lønn', 'utvikling', 'samtale', 'arbeidsgiver', 'periode', 'trekke', 'kompetanse', 'plan', 'for']);
const lexicon: PartLexicon = {
  resolveHead: (p) => (words.has(p) ? p : undefined),
  // a tail may be inflected: accept known word + common endings
  resolveTail: (p) => {
    for (const end of ['', 'en', 'er', 'ne', 'ene', 'n']) {
      if (p.endsWith(end) && words.has(p.slice(0, p.length - end.length))) return p.slice(0, p.length - end.length);
    }
    return undefined;
  },
};

describe('splitCompound', () => {
  it('splits a compound into known parts', () => {
    expect(splitCompound('barnehagestyrer', lexicon)).toEqual(['barnehage', 'styrer']);
    expect(splitCompound('kompetanseplanen', lexicon)).toEqual(['kompetanse', 'plan']);
  });

  it('understands the linking -s- and prefers the fewest parts', () => {
    expect(splitCompound('lønnsutviklingssamtale', lexicon)).toEqual(['lønnsutvikling', 'samtale']);
    expect(splitCompound('arbeidsgiverperioden', lexicon)).toEqual(['arbeidsgiver', 'periode']);
  });

  it('returns undefined when some part is unknown or a head is only a prefix', () => {
    expect(splitCompound('kilometergodtgjørelse', lexicon)).toBeUndefined();
    expect(splitCompound('fortrekke', lexicon)).toBeUndefined(); // "for" is too short to be a head
    expect(splitCompound('styrer', lexicon)).toBeUndefined();
  });
});
