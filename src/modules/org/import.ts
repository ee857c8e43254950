/**
 * Reads an organisation export (CSV or JSON) into an {@link OrgSnapshot}. Pure: no I/O, no
 * clock of its own. Every row is checked and every error is returned at once; a file with any
 * error gives no snapshot, so a half-good file never replaces a good organisation.
 */
import { basename, extname } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import type { OrgSnapshot } from './model.js';
import {
  CSV_COLUMNS,
  type CsvColumn,
  csvColumnOf,
  type OrgIssue,
  orgImportSchema,
  parsePercent,
  splitRoles,
  validateOrgRows,
} from './schema.js';

/** One import error. `line` is the 1-based file line (CSV); JSON errors name the row in the message. */
export interface OrgImportError {
  line: number | null;
  message: string;
}

export type ParseOrgResult = { ok: true; snapshot: OrgSnapshot } | { ok: false; errors: OrgImportError[] };

/**
 * Parses and validates an organisation file. CSV when the name ends in .csv/.txt or the text
 * does not start with «{»; JSON otherwise.
 */
export function parseOrgFile(path: string, text: string, importedAt: Date = new Date()): ParseOrgResult {
  const body = text.replace(/^\uFEFF/, '');
  const ext = extname(path).toLowerCase();
  const isJson = ext === '.json' || (ext !== '.csv' && ext !== '.txt' && body.trimStart().startsWith('{'));
  const parsed = isJson ? parseJson(body) : parseCsv(body);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    snapshot: { units: parsed.org.units, employees: parsed.org.employees, importedAt: importedAt.toISOString(), source: basename(path) },
  };
}

/**
 * File bytes → text. UTF-8 (with or without BOM); anything that is not valid UTF-8 is read as
 * Windows-1252, which is what older Excel writes for «CSV (semikolonseparert)» with æøå.
 */
export function decodeOrgFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

type Parsed = { ok: true; org: { units: OrgSnapshot['units']; employees: OrgSnapshot['employees'] } } | { ok: false; errors: OrgImportError[] };

// ---------------------------------------------------------------------------------------------
// JSON

function jsonPath(path: (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

function parseJson(text: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [{ line: lineOfJsonError(text, err as Error), message: `filen er ikke gyldig JSON: ${(err as Error).message}` }] };
  }
  const result = orgImportSchema.safeParse(raw);
  if (result.success) return { ok: true, org: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => {
      let message = i.message;
      if (i.code === 'unrecognized_keys') message = `ukjent felt ${i.keys.map((k) => `«${k}»`).join(', ')}`;
      return { line: null, message: `${jsonLocation(raw, i.path)}${message}` };
    }),
  };
}

/** «employees[3] (ansattnr 10004), upn: » helps HR find the row; ids only, never names. */
function jsonLocation(raw: unknown, path: (string | number)[]): string {
  const [kind, index, ...rest] = path;
  if ((kind !== 'employees' && kind !== 'units') || typeof index !== 'number') return path.length ? `${jsonPath(path)}: ` : '';
  const rows = (raw as Record<string, unknown>)[kind];
  const row = Array.isArray(rows) ? (rows[index] as unknown) : undefined;
  const id = row && typeof row === 'object' ? (row as Record<string, unknown>)[kind === 'employees' ? 'employeeId' : 'id'] : undefined;
  const label = typeof id === 'string' && id.trim() ? ` (${kind === 'employees' ? 'ansattnr' : 'enhet'} ${id.trim()})` : '';
  return `${kind}[${index}]${label}${rest.length ? `, ${jsonPath(rest)}` : ''}: `;
}

/** Node's JSON errors give a character position; turn it into a line for the operator. */
function lineOfJsonError(text: string, err: Error): number | null {
  const m = /position (\d+)/.exec(err.message);
  if (!m) return null;
  return text.slice(0, Number(m[1])).split('\n').length;
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Excel in Norway writes «;»; other tools «,» or tab. The header line decides. */
function detectDelimiter(headerLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ';';
}

const UNIT_COLUMNS = ['unitName', 'parentUnitId', 'unitLeaderEmployeeId'] as const;
const EMPLOYEE_COLUMNS = ['employeeId', 'name', 'upn', 'aadObjectId', 'leaderEmployeeId', 'positionTitle', 'positionCode', 'employmentPercent', 'roles'] as const;

/** Where each field of the JSON-shaped rows came from in the CSV file. */
const FIELD_COLUMN: Record<string, CsvColumn> = {
  employeeId: 'employeeId',
  name: 'name',
  upn: 'upn',
  aadObjectId: 'aadObjectId',
  unitId: 'unitId',
  leaderEmployeeId: 'leaderEmployeeId',
  'position.title': 'positionTitle',
  'position.code': 'positionCode',
  employmentPercent: 'employmentPercent',
  roles: 'roles',
};
const UNIT_FIELD_COLUMN: Record<string, CsvColumn> = {
  id: 'unitId',
  name: 'unitName',
  parentUnitId: 'parentUnitId',
  leaderEmployeeId: 'unitLeaderEmployeeId',
};

interface CsvUnit {
  id: string;
  /** First line naming the unit, and the line each attribute was first given on. */
  line: number;
  name?: { value: string; line: number };
  parentUnitId?: { value: string; line: number };
  leaderEmployeeId?: { value: string; line: number };
}

function parseCsv(text: string): Parsed {
  // One line ending throughout, so csv-parse's line numbers are file line numbers.
  const normalized = text.replace(/\r\n?/g, '\n');
  const firstLine = normalized.split('\n', 1)[0] ?? '';
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parse(normalized, {
      delimiter: detectDelimiter(firstLine),
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (err) {
    const line = err instanceof CsvError ? ((err as CsvError & { lines?: number }).lines ?? null) : null;
    return { ok: false, errors: [{ line, message: `filen er ikke gyldig CSV: ${csvErrorText(err)}` }] };
  }
  // Start line of each record: its end line minus the line breaks inside it (quoted fields).
  const rows = records
    .map(({ record, raw, info }) => ({
      cells: record.map((c) => c.trim()),
      line: info.lines - (raw.replace(/^\n+/, '').replace(/\n$/, '').match(/\n/g)?.length ?? 0),
    }))
    .filter((r) => r.cells.some((c) => c !== ''));

  const header = rows.shift();
  if (!header) return { ok: false, errors: [{ line: null, message: 'filen er tom; første linje skal være en overskriftsrad med kolonnenavn' }] };

  // Header → columns.
  const errors: OrgImportError[] = [];
  const columnIndex = new Map<CsvColumn, number>();
  const headerName = new Map<CsvColumn, string>();
  header.cells.forEach((name, i) => {
    if (name === '') {
      errors.push({ line: header.line, message: `kolonne ${i + 1} i overskriftsraden mangler navn` });
      return;
    }
    const column = csvColumnOf(name);
    if (!column) {
      errors.push({ line: header.line, message: `ukjent kolonne «${name}». Kjente kolonner: ${knownColumns()}` });
    } else if (columnIndex.has(column)) {
      errors.push({ line: header.line, message: `kolonnen «${name}» er med to ganger (samme som «${headerName.get(column)}»)` });
    } else {
      columnIndex.set(column, i);
      headerName.set(column, name);
    }
  });
  const missing = (Object.keys(CSV_COLUMNS) as CsvColumn[]).filter((c) => CSV_COLUMNS[c].required && !columnIndex.has(c));
  if (missing.length) {
    errors.push({ line: header.line, message: `mangler ${missing.length > 1 ? 'kolonnene' : 'kolonnen'} ${missing.map((c) => `«${CSV_COLUMNS[c].names[0]}»`).join(', ')}` });
  }
  if (errors.length) return { ok: false, errors };

  const columnLabel = (c: CsvColumn) => headerName.get(c) ?? CSV_COLUMNS[c].names[0];
  const cell = (cells: string[], c: CsvColumn) => {
    const i = columnIndex.get(c);
    return i === undefined ? '' : (cells[i] ?? '');
  };

  // Rows → JSON-shaped employees and units (merged by unit id), remembering their lines.
  const units = new Map<string, CsvUnit>();
  const employees: Record<string, unknown>[] = [];
  const employeeLines: number[] = [];
  const employeeCells: string[][] = [];
  for (const { cells, line } of rows) {
    if (cells.length > header.cells.length && cells.slice(header.cells.length).some((c) => c !== '')) {
      errors.push({ line, message: `raden har ${cells.length} kolonner, overskriftsraden har ${header.cells.length}. Har en verdi et skilletegn som må stå i anførselstegn?` });
      continue;
    }
    const unitId = cell(cells, 'unitId');
    const isUnitOnly = EMPLOYEE_COLUMNS.every((c) => cell(cells, c) === '');
    if (unitId) {
      const unit = units.get(unitId) ?? { id: unitId, line };
      units.set(unitId, unit);
      const fields = [
        ['name', 'unitName', 'navnet'],
        ['parentUnitId', 'parentUnitId', 'overordnet enhet'],
        ['leaderEmployeeId', 'unitLeaderEmployeeId', 'enhetslederen'],
      ] as const;
      for (const [field, column, what] of fields) {
        const value = cell(cells, column);
        if (!value) continue;
        const known = unit[field];
        if (!known) unit[field] = { value, line };
        else if (known.value !== value) {
          errors.push({ line, message: `${columnLabel(column)}: enheten «${unitId}» har ${what} «${known.value}» på linje ${known.line}, men «${value}» her` });
        }
      }
    }
    if (isUnitOnly) {
      if (!unitId) errors.push({ line, message: `${columnLabel('unitId')}: mangler (en rad uten ansatt beskriver en enhet og må ha enhets-id)` });
      continue;
    }
    const percentText = cell(cells, 'employmentPercent');
    const percent = parsePercent(percentText);
    employees.push({
      employeeId: cell(cells, 'employeeId'),
      name: cell(cells, 'name'),
      upn: cell(cells, 'upn'),
      aadObjectId: cell(cells, 'aadObjectId'),
      unitId,
      leaderEmployeeId: cell(cells, 'leaderEmployeeId'),
      position: { title: cell(cells, 'positionTitle'), code: cell(cells, 'positionCode') },
      // Not a number: pass the text on, so the schema reports it with the row's other errors.
      employmentPercent: percentText === '' ? undefined : Number.isNaN(percent) ? percentText : percent,
      roles: splitRoles(cell(cells, 'roles')),
    });
    employeeLines.push(line);
    employeeCells.push(cells);
  }
  for (const unit of units.values()) {
    if (!unit.name) errors.push({ line: unit.line, message: `${columnLabel('unitName')}: enheten «${unit.id}» har ikke navn på noen linje` });
  }

  const unitList = [...units.values()];
  const unitRows = unitList.map((u) => ({
    id: u.id,
    name: u.name?.value ?? u.id,
    ...(u.parentUnitId && { parentUnitId: u.parentUnitId.value }),
    ...(u.leaderEmployeeId && { leaderEmployeeId: u.leaderEmployeeId.value }),
  }));
  const describeCsvRow = (kind: 'units' | 'employees', index: number) =>
    `linje ${kind === 'units' ? (unitList[index]?.line ?? '?') : (employeeLines[index] ?? '?')}`;
  const result = validateOrgRows({ units: unitRows, employees }, describeCsvRow);

  const located = (issue: OrgIssue): OrgImportError => {
    const [kind, index, ...rest] = issue.path;
    const field = rest.filter((p) => typeof p === 'string').join('.');
    if (kind === 'employees' && typeof index === 'number') {
      const column = FIELD_COLUMN[field];
      const value = column ? cell(employeeCells[index] ?? [], column) : '';
      const shown = value && !issue.message.includes(`«`) ? ` (verdi «${value}»)` : '';
      return { line: employeeLines[index] ?? null, message: `${column ? `${columnLabel(column)}: ` : ''}${issue.message}${shown}` };
    }
    if (kind === 'units' && typeof index === 'number') {
      const unit = unitList[index];
      const column = UNIT_FIELD_COLUMN[field];
      const attr = field === 'name' ? unit?.name : field === 'parentUnitId' ? unit?.parentUnitId : field === 'leaderEmployeeId' ? unit?.leaderEmployeeId : undefined;
      return { line: attr?.line ?? unit?.line ?? null, message: `${column ? `${columnLabel(column)}: ` : ''}${issue.message}` };
    }
    return { line: null, message: issue.message };
  };
  errors.push(...result.issues.map(located));
  if (errors.length || !result.org) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, org: result.org };
}

function knownColumns(): string {
  return (Object.keys(CSV_COLUMNS) as CsvColumn[]).map((c) => CSV_COLUMNS[c].names[0]).join(', ');
}

function csvErrorText(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'et anførselstegn («"») er ikke lukket';
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return 'et anførselstegn står midt i en verdi; sett hele verdien i anførselstegn og doble anførselstegn inni («""»)';
  if (code === 'INVALID_OPENING_QUOTE') return 'et anførselstegn står midt i en verdi';
  return (err as Error).message;
}

function sortErrors(errors: OrgImportError[]): OrgImportError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.line ?? Number.MAX_SAFE_INTEGER) - (b.e.line ?? Number.MAX_SAFE_INTEGER) || a.i - b.i)
    .map(({ e }) => e);
}

