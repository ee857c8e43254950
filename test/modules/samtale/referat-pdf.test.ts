import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportReferatPdf } from '../../../src/modules/samtale/referat-export.js';
import type { SamtaleRecord, SamtaleReferatRecord } from '../../../src/modules/samtale/model.js';
import { apply, employee, inState, leader, template } from './fixtures.js';

const people = { nameOf: (id: string) => ({ '1004': 'Lars Lærer', '1003': 'Randi Rektor' })[id] ?? id };
const dir = mkdtempSync(join(tmpdir(), 'referat-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PDF's text as `pdftotext` reads it (poppler-utils; `.ci/run` installs it). */
function pdfText(bytes: Buffer, name: string): { text: string; info: string } {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return {
    text: execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
    info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
  };
}

function confirmedReferat() {
  const held = apply(inState('gjennomfores'), [
    [leader, { type: 'addNote', sectionId: 'kompetanse', visibility: 'shared', text: 'Ønsker å lære mer om særskilt språkopplæring' }],
    [leader, { type: 'addAction', what: 'Kurs i veiledning – Høgskolen på Vestlandet', ownerEmployeeId: '1004', dueDate: '2027-01-10' }],
    [leader, { type: 'sendReferat', summary: 'En god samtale om videreutdanning og trivsel på skolen.' }],
    [employee, { type: 'confirm' }],
  ]);
  // Planned for 14 December, held on 7 December: the archive gets the day it was held.
  return { ...held, scheduledFor: '2026-12-14', openedAt: '2026-12-07T09:00:00.000Z', referat: { ...held.referat!, scheduledFor: '2026-12-14' } } as SamtaleRecord & { referat: SamtaleReferatRecord };
}

describe('referat as PDF for the archive', () => {
  it('When the confirmed referat is exported, then the PDF has title, parties, the day it was held, sections, actions and the confirmation, with æøå', async () => {
    const file = await exportReferatPdf(confirmedReferat(), template, people, new Date('2026-12-08T10:00:00Z'));
    expect(file.contentType).toBe('application/pdf');
    expect(file.fileName).toBe('referat-medarbeidersamtale-1004-2026-12-07.pdf');
    expect(file.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, info } = pdfText(file.content, 'referat.pdf');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Referat fra medarbeidersamtale');
    expect(flat).toContain('Medarbeider Lars Lærer (ansattnr. 1004)');
    expect(flat).toContain('Leder Randi Rektor (ansattnr. 1003)');
    expect(flat).toContain('Samtaledato 7. desember 2026');
    expect(flat).toContain('Planlagt dato 14. desember 2026');
    expect(flat).toContain('Kompetanse og læring:');
    expect(flat).toContain('Ønsker å lære mer om særskilt språkopplæring');
    expect(flat).toContain('Kurs i veiledning – Høgskolen på Vestlandet');
    expect(flat).toContain('Ansvarlig: Lars Lærer');
    expect(flat).toContain('Frist: 10. januar 2027');
    expect(flat).toMatch(/Status Bekreftet av medarbeideren \d+\. \w+ 2026 kl\. \d\d:\d\d/);
    expect(flat).toContain('Avtalte tiltak');
    expect(flat).toContain('Utviklingsplan');
    // PDF/A: the font is embedded, the title is in the document information.
    expect(info).toMatch(/Title:\s+Referat fra medarbeidersamtale – Lars Lærer, 7\. desember 2026/);
    expect(execFileSync('pdffonts', [join(dir, 'referat.pdf')], { encoding: 'utf8' })).toMatch(/NotoSans\S*\s.*\byes\b/);
    expect(file.content.toString('latin1')).toContain('<pdfaid:part>2</pdfaid:part>');
  });

  it('When a referat has many notes, then it continues on the next page and nothing is lost', async () => {
    const notes = Array.from({ length: 80 }, (_, i) => [leader, { type: 'addNote', sectionId: 'trivsel', visibility: 'shared', text: `Notat nummer ${i + 1} om trivsel på Ålgård` }] as const);
    const r = apply(inState('gjennomfores'), [...notes, [leader, { type: 'sendReferat' }]] as Parameters<typeof apply>[1]) as SamtaleRecord & { referat: SamtaleReferatRecord };
    const file = await exportReferatPdf(r, template, people, new Date('2026-12-08T10:00:00Z'));
    const { text, info } = pdfText(file.content, 'lang.pdf');
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThan(1);
    expect(text).toContain('Notat nummer 80 om trivsel på Ålgård');
    expect(text).toContain('Ikke bekreftet av medarbeideren');
  });
});
