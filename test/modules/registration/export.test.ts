import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  CSV_BOM,
  csvField,
  exportRegistration,
  exportUnitGap,
  registrationCsv,
  toCsv,
  unitCoverageCsv,
} from '../../../src/modules/registration/export.js';
import { computeUnitGap, createGapContext } from '../../../src/modules/gap/gap.js';
import { employee, NOW, registration, testContent } from './fixtures.js';

const content = testContent();

const readCsv = (text: string): string[][] => parse(text, { delimiter: ';', bom: true, relax_column_count: false }) as string[][];

const reg = registration('1234', {
  education: [{ level: 'bachelor', field: 'Barnehagelærer; Høgskolen i Østfold', institution: 'HiØ', credits: 180, inProgress: false, competenceIds: ['utd-laerer'] }],
  experience: [{ role: 'Pedagogisk leder', workplace: 'Bjørkelia barnehage', from: '2015-08', competenceIds: [] }],
  courses: [{ name: 'Førstehjelp for ansatte', completedOn: '2026-03-01', hours: 4, inProgress: false, competenceIds: [] }],
  certifications: [{ competenceId: 'sert-a', name: 'Førstehjelp', issuedOn: '2025-03-01', validUntil: '2027-03-01' }],
  languages: [{ language: 'Norsk', level: 4 }, { language: 'Tigrinja', level: 3 }],
  digitalSkills: [{ tool: 'Visma Flyt', level: 2 }],
  selfAssessment: [{ competenceId: 'veiledning', level: 3 }],
  mobilisation: { competenceIds: ['veiledning'], note: 'Jeg har «veiledet» studenter;\nog vil gjerne "bruke" det mer. =1+1' },
});

describe('CSV basics', () => {
  it.each([
    ['plain', 'abc', 'abc'],
    ['separator', 'a;b', '"a;b"'],
    ['quotes', 'si "hei"', '"si ""hei"""'],
    ['line break', 'to\nlinjer', '"to\nlinjer"'],
    ['formula', '=SUM(A1:A3)', `"'=SUM(A1:A3)"`],
    ['minus first', '-5 timer', `"'-5 timer"`],
    ['number', 12, '12'],
    ['negative number stays a number', -3, '-3'],
    ['boolean', true, 'Ja'],
    ['empty', undefined, ''],
    ['æøå', 'Ærlig og åpen, Østre', 'Ærlig og åpen, Østre'],
  ])('When a %s field is written, then it becomes %s', (_label, value, expected) => {
    expect(csvField(value as string)).toBe(expected);
  });

  it('When a document is written, then it starts with a UTF-8 byte order mark and ends lines with CRLF', () => {
    const text = toCsv(['Navn', 'By'], [['Åse', 'Bærum']]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect([...Buffer.from(text, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toBe('\uFEFFNavn;By\r\nÅse;Bærum\r\n');
  });
});

describe('export of a registration', () => {
  it('When a registration is exported as CSV, then it parses back with a header, one row per item, and æøå, quotes and line breaks intact', () => {
    const rows = readCsv(registrationCsv(reg, content));
    expect(rows[0]).toEqual(['Del', 'Kompetanse-id', 'Kompetanse', 'Beskrivelse', 'Nivå', 'Fra', 'Til', 'Gyldig til', 'Pågår', 'Detaljer']);
    expect(rows).toHaveLength(1 + 1 + 1 + 1 + 1 + 2 + 1 + 1 + 1 + 1);
    expect(rows.every((r) => r.length === 10)).toBe(true);
    expect(rows[1]).toEqual(['Utdanning', 'utd-laerer', 'Lærerutdanning', 'Barnehagelærer; Høgskolen i Østfold', 'Bachelor (universitet eller høgskole)', '', '', '', 'Nei', 'HiØ, 180 studiepoeng']);
    const cert = rows.find((r) => r[0] === 'Autorisasjoner og sertifikater')!;
    expect(cert).toEqual(['Autorisasjoner og sertifikater', 'sert-a', 'Førstehjelp', 'Førstehjelp', '', '2025-03-01', '', '2027-03-01', '', '']);
    const note = rows.at(-1)!;
    expect(note[3]).toBe('Jeg har «veiledet» studenter;\nog vil gjerne "bruke" det mer. =1+1');
  });

  it('When a registration is exported as JSON, then it parses back with the record and the competence names', () => {
    const file = exportRegistration('json', reg, content, { employeeId: '1234', name: 'Åse Ødegård' }, NOW);
    expect(file.fileName).toBe('kompetanse-1234-2026-11-23.json');
    expect(file.contentType).toBe('application/json; charset=utf-8');
    const parsed = JSON.parse(file.content);
    expect(parsed.registration).toEqual(reg);
    expect(parsed.employee).toEqual({ employeeId: '1234', name: 'Åse Ødegård' });
    expect(parsed.competenceNames).toEqual({ 'sert-a': 'Førstehjelp', 'utd-laerer': 'Lærerutdanning', veiledning: 'Veiledning' });
    expect(exportRegistration('csv', reg, content, { employeeId: '1234', name: 'x' }, NOW).fileName).toBe('kompetanse-1234-2026-11-23.csv');
  });
});

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
