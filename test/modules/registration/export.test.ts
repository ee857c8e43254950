import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, toCsv } from '../../../src/shared/csv.js';
import { exportRegistration, registrationCsv } from '../../../src/modules/registration/export.js';
import { NOW, registration, testContent } from './fixtures.js';

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
