import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportUnitGap, unitCoverageCsv } from '../../../src/modules/gap/export.js';
import { createGapContext } from '../../../src/modules/gap/context.js';
import { computeUnitGap } from '../../../src/modules/gap/gap.js';
import { employee, NOW, registration, testContent } from '../registration/fixtures.js';

const content = testContent();

const readCsv = (text: string): string[][] => parse(text, { delimiter: ';', bom: true, relax_column_count: false }) as string[][];

describe('export of a unit gap', () => {
  const people = [
    employee('r1', 'skole', 'Rektor', '1000', { name: 'Rønnaug Æsøy' }),
    employee('a1', 'skole', 'Assistent', '2000', { name: 'Åsmund "Åsen" Ødegård' }),
    employee('v1', 'skole', 'Vaktmester', '9999', { name: 'Vidar' }),
  ];
  const regs = new Map([['a1', registration('a1', { selfAssessment: [{ competenceId: 'digital-grunnleggende', level: 2 }] })]]);
  const gap = computeUnitGap(createGapContext(content, NOW), { id: 'skole', name: 'Bøler skole' }, people, regs);

  it('When a unit gap is exported as CSV, then each person and requirement is a row that parses back, with æøå intact', () => {
    const file = exportUnitGap('csv', gap);
    expect(file.fileName).toBe('kompetansegap-skole-2026-11-23.csv');
    const rows = readCsv(file.content);
    const header = rows[0]!;
    expect(header.slice(0, 3)).toEqual(['Enhet', 'Ansattnr', 'Navn']);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    // rektor 6 requirements + assistent 3 + the one without a profile
    expect(rows).toHaveLength(1 + 6 + 3 + 1);
    const col = (name: string) => header.indexOf(name);
    const pedagogisk = rows.find((r) => r[col('Ansattnr')] === 'r1' && r[col('Kompetanse-id')] === 'utd-pedagogisk')!;
    expect(pedagogisk[col('Navn')]).toBe('Rønnaug Æsøy');
    expect(pedagogisk[col('Enhet')]).toBe('Bøler skole');
    expect(pedagogisk[col('Status')]).toBe('Mangler');
    expect(pedagogisk[col('Kritisk')]).toBe('Ja');
    expect(pedagogisk[col('Hjemmel')]).toBe('Opplæringsloven § 17-2');
    const upcoming = rows.find((r) => r[col('Ansattnr')] === 'r1' && r[col('Krav')] === 'Master eller bachelor med tre års erfaring')!;
    expect(upcoming[col('Status')]).toBe('Mangler (gjelder fra 2031-01-01)');
    expect(rows.find((r) => r[col('Ansattnr')] === 'a1')![col('Navn')]).toBe('Åsmund "Åsen" Ødegård');
    expect(rows.find((r) => r[col('Ansattnr')] === 'v1')![col('Profil')]).toBe('Ingen kompetanseprofil for stillingen');
  });

  it('When the coverage matrix is exported, then there is one row per requirement with the share overall and per position', () => {
    const rows = readCsv(unitCoverageCsv(gap));
    expect(rows[0]).toEqual(['Krav', 'Kompetanse-id', 'Lov eller regel', 'Prioritet', 'Gjelder (antall)', 'Oppfylt (antall)', 'Andel oppfylt (%)', 'Assistent (%)', 'Rektor (%)']);
    const digital = rows.find((r) => r[1] === 'digital-grunnleggende')!;
    expect(digital.slice(4)).toEqual(['1', '1', '100', '100', '']);
    expect(exportUnitGap('csv', gap, 'coverage').fileName).toBe('kompetansegap-skole-2026-11-23-dekning.csv');
  });

  it('When a unit gap is exported as JSON, then it parses back to the same data', () => {
    expect(JSON.parse(exportUnitGap('json', gap).content)).toEqual(JSON.parse(JSON.stringify(gap)));
  });
});
