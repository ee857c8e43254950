import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeOrgFile, parseOrgFile, type ParseOrgResult } from '../../../src/modules/org/import.js';
import { CSV_COLUMNS, orgImportSchema } from '../../../src/modules/org/schema.js';
import { projectRoot } from '../../../src/util/project-root.js';

const FIXTURES = join(projectRoot, 'test/fixtures/org');
const csvText = readFileSync(join(FIXTURES, 'small-org.csv'), 'utf8');
const jsonText = readFileSync(join(FIXTURES, 'small-org.json'), 'utf8');
const AT = new Date('2026-11-23T10:00:00Z');

const HEADER = 'ansattnr;navn;epost;entraId;enhetId;enhet;overordnetEnhetId;enhetslederAnsattnr;lederAnsattnr;stilling;stillingskode;stillingsprosent;roller';
/** The fixture CSV with some lines replaced (1-based file line → new text) or appended. */
function csvWith(changes: Record<number, string>, append: string[] = []): string {
  const lines = csvText.trimEnd().split('\n');
  for (const [line, text] of Object.entries(changes)) lines[Number(line) - 1] = text;
  return [...lines, ...append].join('\n') + '\n';
}
const row = (cells: Partial<Record<'id' | 'name' | 'upn' | 'aad' | 'unit' | 'unitName' | 'parent' | 'unitLeader' | 'leader' | 'title' | 'code' | 'pct' | 'roles', string>>) =>
  [
    cells.id ?? '1009',
    cells.name ?? 'Ny Ansatt',
    cells.upn ?? 'ny.ansatt@testvik.kommune.no',
    cells.aad ?? '',
    cells.unit ?? 'nordby-skole',
    cells.unitName ?? 'Nordby skole',
    cells.parent ?? 'oppvekst',
    cells.unitLeader ?? '1003',
    cells.leader ?? '1003',
    cells.title ?? 'Lærer',
    cells.code ?? '7958',
    cells.pct ?? '100',
    cells.roles ?? '',
  ].join(';');

function errorsOf(result: ParseOrgResult) {
  expect(result.ok, 'expected the file to be refused').toBe(false);
  return result.ok ? [] : result.errors;
}

describe('org import: CSV', () => {
  it('When HR imports a valid CSV export, then every unit and employee is read, with unit data taken from the unit columns', () => {
    const result = parseOrgFile('ansatte.csv', csvText, AT);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { snapshot } = result;
    expect(snapshot.source).toBe('ansatte.csv');
    expect(snapshot.importedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(snapshot.units.map((u) => u.id)).toEqual(['topp', 'oppvekst', 'nordby-skole', 'sorby-barnehage', 'personal']);
    expect(snapshot.units.find((u) => u.id === 'nordby-skole')).toEqual({ id: 'nordby-skole', name: 'Nordby skole', parentUnitId: 'oppvekst', leaderEmployeeId: '1003' });
    const kjell = snapshot.employees.find((e) => e.employeeId === '1002')!;
    expect(kjell.upn).toBe('kjell.kommunalsjef@testvik.kommune.no'); // lower-cased
    const anne = snapshot.employees.find((e) => e.employeeId === '1006')!;
    expect(anne.aadObjectId).toBeUndefined();
    expect(anne.employmentPercent).toBe(50.5); // «50,5»
    expect(snapshot.employees.find((e) => e.employeeId === '1004')!.employmentPercent).toBe(80); // «80 %»
    expect(snapshot.employees.find((e) => e.employeeId === '1007')!.roles).toEqual(['hr']); // «HR»
    expect(snapshot.employees.find((e) => e.employeeId === '1008')!.roles).toEqual(['tillitsvalgt', 'verneombud']);
  });

  it('When the same organisation comes as CSV and as JSON, then both give the same result', () => {
    const a = parseOrgFile('a.csv', csvText, AT);
    const b = parseOrgFile('a.json', jsonText, AT);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      const byId = <T extends { id?: string; employeeId?: string }>(xs: T[]) => [...xs].sort((x, y) => (x.id ?? x.employeeId!).localeCompare(y.id ?? y.employeeId!));
      expect(byId(a.snapshot.units)).toEqual(byId(b.snapshot.units));
      expect(byId(a.snapshot.employees)).toEqual(byId(b.snapshot.employees));
    }
  });

  it('When the export uses commas, English column names, Windows line endings and a BOM, then it is read all the same', () => {
    const english = csvText
      .replace(/^.*\n/, 'employeeId,name,upn,aadObjectId,unitId,unitName,parentUnitId,unitLeaderEmployeeId,leaderEmployeeId,positionTitle,positionCode,employmentPercent,roles\n')
      .split('\n')
      .map((line, i) => (i === 0 ? line : line.replace(/"/g, '').split(';').map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')))
      .join('\r\n');
    const result = parseOrgFile('export.csv', `\uFEFF${english}`, AT);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.snapshot.employees).toHaveLength(8);
  });

  it('When Excel saved the file as Windows-1252, then æøå come through', () => {
    const bytes = Buffer.from(csvText, 'latin1');
    const result = parseOrgFile('ansatte.csv', decodeOrgFile(bytes), AT);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.snapshot.units.find((u) => u.id === 'sorby-barnehage')?.name).toBe('Sørby barnehage');
  });

  it('When a unit has no employees of its own, then a row with only unit columns describes it', () => {
    const result = parseOrgFile('a.csv', csvWith({}, [';;;;helse;Helse og omsorg;topp;;;;;;']), AT);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.snapshot.units.find((u) => u.id === 'helse')).toEqual({ id: 'helse', name: 'Helse og omsorg', parentUnitId: 'topp' });
  });

  it.each([
    ['employmentPercent above 100', row({ pct: '120' }), /stillingsprosent: må være mellom 0 og 100 \(verdi «120»\)/],
    ['employmentPercent not a number', row({ pct: 'full' }), /stillingsprosent: må være et tall fra 0 til 100 \(verdi «full»\)/],
    ['missing name', row({ name: '' }), /navn: mangler/],
    ['invalid e-mail', row({ upn: 'ny.ansatt' }), /epost: må være en e-postadresse/],
    ['invalid Entra object id', row({ aad: 'ikke-en-guid' }), /entraId: må være en Entra-objekt-id/],
    ['unknown role', row({ roles: 'hr, sjef' }), /roller: ukjent rolle «sjef»/],
    ['unknown leader', row({ leader: '9999' }), /lederAnsattnr: lederen «9999» finnes ikke/],
    ['own leader', row({ leader: '1009' }), /lederAnsattnr: en ansatt kan ikke være sin egen leder/],
    ['duplicate employee number', row({ id: '1004' }), /ansattnr: ansattnummeret «1004» er brukt flere ganger \(også linje 5\)/],
    ['duplicate e-mail (other case)', row({ upn: 'Lars.Laerer@testvik.kommune.no' }), /epost: e-postadressen «lars\.laerer@testvik\.kommune\.no» er brukt flere ganger \(også linje 5\)/],
    ['duplicate Entra object id', row({ aad: '11111111-1111-4111-8111-111111111004' }), /entraId: Entra-objekt-id-en .* er brukt flere ganger \(også linje 5\)/],
    ['missing unit id', row({ unit: '' }), /enhetId: mangler/],
    ['unit name that contradicts an earlier line', row({ unitName: 'Nordby barneskole' }), /enhet: enheten «nordby-skole» har navnet «Nordby skole» på linje 4, men «Nordby barneskole» her/],
    ['unknown parent unit', row({ unit: 'ny-enhet', unitName: 'Ny enhet', parent: 'finnes-ikke', unitLeader: '' }), /overordnetEnhetId: overordnet enhet «finnes-ikke» finnes ikke/],
    ['unknown unit leader', row({ unit: 'ny-enhet', unitName: 'Ny enhet', unitLeader: '9999' }), /enhetslederAnsattnr: lederen «9999» finnes ikke/],
    ['too many columns', `${row({})};ekstra`, /raden har 14 kolonner, overskriftsraden har 13/],
  ])('When a row has %s, then the error names line 10 and the column, and nothing is imported', (_label, line, message) => {
    const errors = errorsOf(parseOrgFile('a.csv', csvWith({}, [line]), AT));
    expect(errors).toContainEqual({ line: 10, message: expect.stringMatching(message) });
  });

  it('When the unit tree goes in a circle, then the error shows the circle', () => {
    // oppvekst under nordby-skole, which is under oppvekst
    const errors = errorsOf(parseOrgFile('a.csv', csvWith({ 3: csvWith({}).split('\n')[2]!.replace(';oppvekst;Oppvekst;topp;', ';oppvekst;Oppvekst;nordby-skole;') }), AT));
    expect(errors.map((e) => e.message).join('\n')).toMatch(/enhetstreet går i sirkel: «(oppvekst|nordby-skole)» → «(oppvekst|nordby-skole)» → «\1»/);
    expect(errors).toHaveLength(1);
  });

  it('When several rows are wrong, then every error is reported in line order', () => {
    const errors = errorsOf(parseOrgFile('a.csv', csvWith({ 3: csvWith({}).split('\n')[2]!.replace(';100;leder', ';150;leder'), 7: csvWith({}).split('\n')[6]!.replace('anne.assistent@', 'anne assistent@') }), AT));
    expect(errors.map((e) => e.line)).toEqual([3, 7]);
  });

  it('When a quoted value spans two lines, then later errors still name the right file line', () => {
    const text = csvWith({ 2: csvWith({}).split('\n')[1]!.replace('Kommunedirektør;9210', '"Kommune-\ndirektør";9210') }, [row({ pct: '101' })]);
    const errors = errorsOf(parseOrgFile('a.csv', text, AT));
    expect(errors).toEqual([{ line: 11, message: expect.stringContaining('stillingsprosent') }]);
  });

  it('When the header has an unknown or a missing column, then line 1 says which, and the known names', () => {
    const errors = errorsOf(parseOrgFile('a.csv', csvText.replace('stillingsprosent;roller', 'prosentandel;roller'), AT));
    expect(errors).toContainEqual({ line: 1, message: expect.stringMatching(/ukjent kolonne «prosentandel»\. Kjente kolonner: ansattnr, navn/) });
    expect(errors).toContainEqual({ line: 1, message: expect.stringMatching(/mangler kolonnen «stillingsprosent»/) });
  });

  it('When a quote is not closed, then the CSV error says so with its line', () => {
    const errors = errorsOf(parseOrgFile('a.csv', csvWith({}, [row({ name: '"Ny Ansatt' })]), AT));
    expect(errors).toEqual([{ line: expect.any(Number), message: expect.stringMatching(/ikke gyldig CSV: et anførselstegn/) }]);
  });

  it('When the file is empty or has only a header, then it is refused rather than emptying the organisation', () => {
    expect(errorsOf(parseOrgFile('a.csv', '', AT))[0]?.message).toMatch(/filen er tom/);
    expect(errorsOf(parseOrgFile('a.csv', `${HEADER}\n`, AT))[0]?.message).toMatch(/ingen ansatte/);
  });
});

describe('org import: JSON', () => {
  it('When HR imports a valid JSON export, then every unit and employee is read', () => {
    const result = parseOrgFile('org.json', jsonText, AT);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.snapshot.units).toHaveLength(5);
      expect(result.snapshot.employees).toHaveLength(8);
    }
  });

  it('When JSON rows are wrong, then each error names the row as employees[i] with its employee number', () => {
    const org = JSON.parse(jsonText) as { employees: Record<string, unknown>[]; units: Record<string, unknown>[] };
    org.employees[3]!.employmentPercent = -5;
    org.employees[4]!.upn = org.employees[3]!.upn;
    org.employees[5]!.unitId = 'finnes-ikke';
    org.employees[6]!.stilling = 'HR';
    org.units[1]!.parentUnitId = 'mangler';
    const errors = errorsOf(parseOrgFile('org.json', JSON.stringify(org), AT));
    const messages = errors.map((e) => e.message);
    expect(errors.every((e) => e.line === null)).toBe(true);
    expect(messages).toContainEqual('employees[3] (ansattnr 1004), employmentPercent: må være mellom 0 og 100');
    expect(messages).toContainEqual(expect.stringMatching(/^employees\[4\] \(ansattnr 1005\), upn: e-postadressen .* er brukt flere ganger \(også employees\[3\]\)$/));
    expect(messages).toContainEqual('employees[5] (ansattnr 1006), unitId: enheten «finnes-ikke» finnes ikke');
    expect(messages).toContainEqual('employees[6] (ansattnr 1007): ukjent felt «stilling»');
    expect(messages).toContainEqual('units[1] (enhet oppvekst), parentUnitId: overordnet enhet «mangler» finnes ikke');
  });

  it('When the file is not JSON or has the wrong shape, then that is said plainly', () => {
    expect(errorsOf(parseOrgFile('org.json', '{"units": [', AT))[0]?.message).toMatch(/ikke gyldig JSON/);
    expect(errorsOf(parseOrgFile('org.json', '[]', AT))[0]?.message).toMatch(/JSON-objekt med «units» og «employees»/);
    expect(errorsOf(parseOrgFile('org.json', '{"units": []}', AT))[0]?.message).toBe('employees: mangler (en liste med ansatte)');
  });
});

describe('shipped organisation files', () => {
  it('When the demo organisation and the example CSV are imported, then they are valid and match each other', () => {
    const demo = parseOrgFile('demo-org.json', readFileSync(join(projectRoot, 'content/org/demo-org.json'), 'utf8'), AT);
    expect(demo.ok ? [] : demo.errors).toEqual([]);
    expect(orgImportSchema.safeParse(JSON.parse(readFileSync(join(projectRoot, 'content/org/demo-org.json'), 'utf8'))).success).toBe(true);
    const example = parseOrgFile('example-import.csv', readFileSync(join(projectRoot, 'content/org/example-import.csv'), 'utf8'), AT);
    expect(example.ok ? [] : example.errors).toEqual([]);
    if (demo.ok && example.ok) {
      // The example is an extract of the demo organisation: same people, same data.
      for (const e of example.snapshot.employees) {
        const d = demo.snapshot.employees.find((x) => x.employeeId === e.employeeId)!;
        expect({ ...e, aadObjectId: undefined }).toEqual({ ...d, aadObjectId: undefined });
      }
    }
  });

  it('When HR reads content/org/README.md, then every accepted CSV column name is documented there', () => {
    const readme = readFileSync(join(projectRoot, 'content/org/README.md'), 'utf8');
    for (const column of Object.values(CSV_COLUMNS)) for (const name of column.names) expect(readme).toContain(`\`${name}\``);
  });
});
