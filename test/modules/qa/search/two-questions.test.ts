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

  it('answers two questions asked in one sentence («…, og hvilke …?»)', () => {
    const r = answer('Hvor ofte skal vi holde medarbeidersamtaler, og hvilke kompetansekrav har rektor etter opplæringsloven?');
    expect([r.entry?.id, r.second?.entry.id]).toEqual(['medarbeidersamtale-hvor-ofte', 'rektor-kompetansekrav']);
  });

  it('gives one answer to one question', () => {
    expect(answer('Hvor ofte skal vi ha medarbeidersamtale?').second).toBeUndefined();
  });
});

describe('the hedged answer («low»)', () => {
  it('is shown with «Jeg tror du spør om …» and points to the other suggestions only when there are some', async () => {
    const { presentEntry } = await import('../../../../src/modules/qa/present.js');
    const entry = kb.entries[0]!;
    const withAlts = presentEntry(kb, entry, 'q', [{ id: 'x', title: 'X' }], 0.3, { level: 'low' });
    expect(withAlts.text.startsWith(`Jeg tror du spør om «${entry.title}»`)).toBe(true);
    expect(withAlts.text).toContain('de andre forslagene under');
    const alone = presentEntry(kb, entry, 'q', [], 0.3, { level: 'low' });
    expect(alone.text).not.toContain('forslagene');
    expect(toAskJson(alone).confidence).toBe('low');
    expect(toAskJson(presentEntry(kb, entry, 'q')).confidence).toBe('high');
  });
});
