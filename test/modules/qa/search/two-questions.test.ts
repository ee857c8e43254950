import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../../../../src/modules/qa/answer.js';
import { presentResult, toAskJson } from '../../../../src/modules/qa/present.js';
import { loadFixture } from './fixture.js';

const { kb, synonyms } = loadFixture();
const { answer } = createAnswerer(kb, synonyms);

describe('two questions in one message', () => {
  it('answers both, in the order asked, and ask --json carries the second', () => {
    const r = answer('Hvor ofte skal vi ha medarbeidersamtale? Og hvilke kompetansekrav gjelder for rektor etter opplæringsloven?');
    expect(r.entry?.id).toBe('medarbeidersamtale-hvor-ofte');
    expect(r.second?.entry.id).toBe('rektor-kompetansekrav');
    const json = toAskJson(presentResult(kb, r, 'HR'));
    expect(json.second?.id).toBe('rektor-kompetansekrav');
    // both short answers come before the details
    const second = kb.byId.get('rektor-kompetansekrav')!;
    expect(json.text.indexOf(second.summary)).toBeGreaterThan(0);
    expect(json.text.indexOf(second.summary)).toBeLessThan(1500);
  });

  it('gives one answer to one question', () => {
    expect(answer('Hvor ofte skal vi ha medarbeidersamtale?').second).toBeUndefined();
  });
});
