import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQaContent } from '../../../../src/modules/qa/qa-service.js';
import { stem } from '../../../../src/modules/qa/search/stem.js';
import { projectRoot } from '../../../../src/util/project-root.js';

const { answerer } = loadQaContent(join(projectRoot, 'content'));

describe('domain words with typos meet their word in the index (real content)', () => {
  it.each([
    ['medarbeidersamtalle', 'medarbeidersamtale', 'a doubled letter'],
    ['kompetnase', 'kompetanse', 'a transposition'],
    ['rekrutering', 'rekruttering', 'a missing double letter'],
    ['utdaningspermisjon', 'utdanningspermisjon', 'a missing letter'],
  ])('«%s» → «%s» (%s)', (typed, word) => {
    const [concept] = answerer.index.analyzer.analyze(typed);
    expect(concept?.alts.map((a) => a.terms.join(' '))).toContain(stem(word));
  });

  it('a mistyped word in a full question still finds the entry about it', () => {
    const r = answerer.answer('Hvor ofte må jeg egentlig ha medarbeidersamtalle med folka mine?');
    expect(r.answered).toBe(true);
    expect(r.entry?.id).toBe('samtale-hvor-ofte');
  });
});
