/**
 * The CSV columns of an organisation import: which header names are accepted for each column,
 * and how a Norwegian export writes a stillingsprosent and a list of roles in one cell.
 */

/**
 * CSV: one row per employee, units are derived from the unit columns. The header row names the
 * columns in any order; the first name is the Norwegian one used in content/org/example-import.csv,
 * the others are accepted too (case, spaces, hyphens and æøå do not matter). Leader columns hold
 * employee numbers; a bare «leder» column is not accepted because exports often put a name there.
 * Documented for HR in content/org/README.md.
 */
export const CSV_COLUMNS = {
  employeeId: { names: ['ansattnr', 'ansattnummer', 'employeeId'], required: true },
  name: { names: ['navn', 'name'], required: true },
  upn: { names: ['epost', 'e-post', 'upn', 'email', 'brukernavn'], required: true },
  aadObjectId: { names: ['entraId', 'entraObjektId', 'aadObjectId', 'objectId'], required: false },
  unitId: { names: ['enhetId', 'enhetsId', 'unitId'], required: true },
  unitName: { names: ['enhet', 'enhetNavn', 'enhetsnavn', 'unitName'], required: true },
  parentUnitId: { names: ['overordnetEnhetId', 'parentUnitId'], required: false },
  unitLeaderEmployeeId: { names: ['enhetslederAnsattnr', 'unitLeaderEmployeeId'], required: false },
  leaderEmployeeId: { names: ['lederAnsattnr', 'nærmesteLederAnsattnr', 'leaderEmployeeId'], required: false },
  positionTitle: { names: ['stilling', 'stillingstittel', 'positionTitle', 'title'], required: true },
  positionCode: { names: ['stillingskode', 'positionCode', 'code'], required: true },
  employmentPercent: { names: ['stillingsprosent', 'prosent', 'employmentPercent'], required: true },
  roles: { names: ['roller', 'rolle', 'roles'], required: false },
} as const satisfies Record<string, { names: readonly string[]; required: boolean }>;

export type CsvColumn = keyof typeof CSV_COLUMNS;

/** Lower-case, æøå folded, spaces/hyphens/underscores/dots removed: «Enhets-ID» → «enhetsid». */
export function normalizeHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/[\s_\-.]/g, '');
}

const HEADER_ALIASES: ReadonlyMap<string, CsvColumn> = new Map(
  (Object.entries(CSV_COLUMNS) as [CsvColumn, { names: readonly string[] }][]).flatMap(([column, def]) =>
    def.names.map((n) => [normalizeHeader(n), column] as const),
  ),
);

export function csvColumnOf(header: string): CsvColumn | undefined {
  return HEADER_ALIASES.get(normalizeHeader(header));
}

/**
 * A stillingsprosent as written in a Norwegian export: «80», «80,5», «80.5», «80 %».
 * Returns NaN when it is not a number.
 */
export function parsePercent(value: string): number {
  const s = value.trim().replace(/\s*%$/, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** Roles in one CSV cell: «hr», «hr, tillitsvalgt», «hr|verneombud». */
export function splitRoles(value: string): string[] {
  return value
    .split(/[,;|/\s]+/)
    .map((r) => r.trim())
    .filter(Boolean);
}
