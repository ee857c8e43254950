import { describe, expect, it } from 'vitest';
import { exportReferatDocument } from '../../../src/modules/samtale/referat-export.js';
import type { SamtaleRecord, SamtaleReferatRecord } from '../../../src/modules/samtale/model.js';
import { apply, employee, inState, leader, template } from './fixtures.js';

const people = { nameOf: (id: string) => ({ '1004': 'Lars Lærer', '1003': 'Randi Rektor' })[id] ?? id };

function withReferat(steps: Parameters<typeof apply>[1]) {
  const r = apply(inState('gjennomfores'), [...steps, [leader, { type: 'sendReferat' }]]);
  return r as SamtaleRecord & { referat: SamtaleReferatRecord };
}

describe('referat export', () => {
  it('When an action text holds a table separator or Markdown, then the table keeps its four columns and the text shows as written', () => {
    const r = withReferat([[leader, { type: 'addAction', what: 'Kurs | del 1 *viktig*\nog mer', ownerEmployeeId: '1004', dueDate: '2027-01-01' }]]);
    const doc = exportReferatDocument('markdown', r, template, people, new Date('2026-11-24T10:00:00Z')).content;
    const row = doc.split('\n').find((l) => l.startsWith('| Kurs'))!;
    expect(row).toBe('| Kurs \\| del 1 \\*viktig\\* og mer | Lars Lærer | 1. januar 2027 | Åpen |');
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
  });

  it('When the referat is not confirmed yet, then the header says so; once confirmed, it says when', () => {
    const r = withReferat([]);
    const at = new Date('2026-11-24T10:00:00Z');
    expect(exportReferatDocument('markdown', r, template, people, at).content).toContain('| Status | Ikke bekreftet av medarbeideren |');
    const confirmed = apply(r, [[employee, { type: 'confirm' }]]) as typeof r;
    expect(exportReferatDocument('markdown', confirmed, template, people, at).content).toContain('| Status | Bekreftet av medarbeideren 23. november 2026 kl. 11:00 |');
  });
});
