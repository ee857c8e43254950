/**
 * The import format of the organisation ("who is who"): the zod schemas of one unit and one
 * employee and the checks across rows (the CSV columns: csv-columns.ts). JSON files, CSV files and the shipped
 * demo organisation (content/org/demo-org.json) all go through {@link validateOrgRows}, so there
 * is one set of rules and one set of Norwegian messages.
 */
import { z } from 'zod';
import { ORG_ROLES, type Employee, type OrgRole, type Unit } from './model.js';

// The CSV columns live in csv-columns.ts; re-exported for the callers that name them with the schema.
export { CSV_COLUMNS, csvColumnOf, parsePercent, splitRoles } from './csv-columns.js';
export type { CsvColumn } from './csv-columns.js';

// ---------------------------------------------------------------------------------------------
// Field schemas

/** Empty strings and null in an export mean "not given". */
const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

const text = (max: number) =>
  z
    .string({ required_error: 'mangler', invalid_type_error: 'må være tekst' })
    .trim()
    .min(1, 'mangler')
    .max(max, `kan ikke være lengre enn ${max} tegn`);

/** Ids from an HR system: employee numbers, unit codes. No spaces, so they survive CSV and chat. */
const idSchema = text(64).regex(/^[\p{L}\p{N}][\p{L}\p{N}._:/-]*$/u, 'må være en id uten mellomrom (bokstaver, tall, punktum, bindestrek)');
const optionalId = z.preprocess(blankToUndefined, idSchema.optional());

const UPN = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const upnSchema = z
  .string({ required_error: 'mangler', invalid_type_error: 'må være tekst' })
  .trim()
  .min(1, 'mangler')
  .max(254, 'er for lang for en e-postadresse')
  .regex(UPN, 'må være en e-postadresse / UPN, for eksempel ola.nordmann@kommune.no')
  .transform((s) => s.toLowerCase());

/**
 * Entra object ids are GUIDs. The last group may have up to 16 digits because the Agents
 * Playground's built-in mock users use 13 (00000000-0000-0000-0000-0000000000020).
 */
const AAD_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,16}$/i;
const aadObjectIdSchema = z.preprocess(
  blankToUndefined,
  z
    .string({ invalid_type_error: 'må være tekst' })
    .trim()
    .regex(AAD_OBJECT_ID, 'må være en Entra-objekt-id (GUID), for eksempel 555ac447-9d7c-4917-a7be-c0f80eb6e72e')
    .transform((s) => s.toLowerCase())
    .optional(),
);

const roleSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.enum(ORG_ROLES, { errorMap: (_issue, ctx) => ({ message: `ukjent rolle «${String(ctx.data)}»; gyldige roller er ${ORG_ROLES.join(', ')}` }) }),
);

const percentSchema = z
  .number({ required_error: 'mangler', invalid_type_error: 'må være et tall fra 0 til 100' })
  .finite('må være et tall fra 0 til 100')
  .min(0, 'må være mellom 0 og 100')
  .max(100, 'må være mellom 0 og 100');

// ---------------------------------------------------------------------------------------------
// Row schemas

/** One unit (enhet) in a JSON import. */
export const unitRowSchema = z
  .object(
    {
      id: idSchema,
      name: text(200),
      /** The employee who leads the unit. */
      leaderEmployeeId: optionalId,
      /** The unit above; absent for the top of the organisation. */
      parentUnitId: optionalId,
    },
    { required_error: 'mangler', invalid_type_error: 'må være et objekt med id og name' },
  )
  .strict('ukjent felt');

/** One employee (ansatt) in a JSON import; the same fields as {@link Employee}. */
export const employeeRowSchema = z
  .object(
    {
      employeeId: idSchema,
      name: text(200),
      upn: upnSchema,
      aadObjectId: aadObjectIdSchema,
      unitId: idSchema,
      leaderEmployeeId: optionalId,
      position: z
        .object(
          { title: text(200), code: text(20) },
          { required_error: 'mangler', invalid_type_error: 'må være et objekt med title og code' },
        )
        .strict('ukjent felt'),
      employmentPercent: percentSchema,
      roles: z.preprocess(
        (v) => v ?? [],
        z.array(roleSchema, { invalid_type_error: 'må være en liste, for eksempel ["hr"]' }).transform((r) => [...new Set(r)]),
      ),
    },
    { required_error: 'mangler', invalid_type_error: 'må være et objekt' },
  )
  .strict('ukjent felt');

export type UnitRow = z.output<typeof unitRowSchema>;
export type EmployeeRow = z.output<typeof employeeRowSchema>;

/** A validated organisation, ready to become an {@link import('./model.js').OrgSnapshot}. */
export interface OrgImport {
  units: Unit[];
  employees: Employee[];
  /** Descriptive keys a JSON file may carry; kept for tools, not imported into the snapshot. */
  municipality?: string;
  description?: string;
  tenantId?: string;
}

// ---------------------------------------------------------------------------------------------
// Validation of a whole file

/** One problem, located by a zod-style path: ['employees', 3, 'upn'], or [] for the whole file. */
export interface OrgIssue {
  path: (string | number)[];
  message: string;
}

/** Names another row in a message, e.g. "employees[2]" (JSON) or "linje 7" (CSV). */
export type DescribeRow = (kind: 'units' | 'employees', index: number) => string;

export const describeJsonRow: DescribeRow = (kind, index) => `${kind}[${index}]`;

function zodIssues(error: z.ZodError, prefix: (string | number)[]): OrgIssue[] {
  return error.issues.map((i) => {
    let message = i.message;
    if (i.code === z.ZodIssueCode.unrecognized_keys) message = `${i.keys.length > 1 ? 'ukjente felt' : 'ukjent felt'} ${i.keys.map((k) => `«${k}»`).join(', ')}`;
    return { path: [...prefix, ...i.path], message };
  });
}

const cleanUnit = (u: UnitRow): Unit => ({
  id: u.id,
  name: u.name,
  ...(u.leaderEmployeeId !== undefined && { leaderEmployeeId: u.leaderEmployeeId }),
  ...(u.parentUnitId !== undefined && { parentUnitId: u.parentUnitId }),
});

const cleanEmployee = (e: EmployeeRow): Employee => ({
  employeeId: e.employeeId,
  name: e.name,
  upn: e.upn,
  ...(e.aadObjectId !== undefined && { aadObjectId: e.aadObjectId }),
  unitId: e.unitId,
  ...(e.leaderEmployeeId !== undefined && { leaderEmployeeId: e.leaderEmployeeId }),
  position: { title: e.position.title, code: e.position.code },
  employmentPercent: e.employmentPercent,
  roles: e.roles as OrgRole[],
});

/** The id a raw row claims to have, even if the row is otherwise invalid (avoids follow-on errors). */
function rawId(row: unknown, key: string): string | undefined {
  if (!row || typeof row !== 'object') return undefined;
  const v = (row as Record<string, unknown>)[key];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * Validates every row, then the rules across rows: unique employeeId / upn / aadObjectId and
 * unit ids; unitId, leaderEmployeeId and parentUnitId point at rows that exist; no circles in
 * the unit tree or the leader chain; at least one employee. Returns every issue found, and the
 * organisation only when there are none.
 */
export function validateOrgRows(
  input: { units: readonly unknown[]; employees: readonly unknown[] },
  describe: DescribeRow = describeJsonRow,
): { org?: OrgImport; issues: OrgIssue[] } {
  const issues: OrgIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });

  const units: (Unit | undefined)[] = input.units.map((raw, i) => {
    const r = unitRowSchema.safeParse(raw);
    if (r.success) return cleanUnit(r.data);
    issues.push(...zodIssues(r.error, ['units', i]));
    return undefined;
  });
  const employees: (Employee | undefined)[] = input.employees.map((raw, i) => {
    const r = employeeRowSchema.safeParse(raw);
    if (r.success) return cleanEmployee(r.data);
    issues.push(...zodIssues(r.error, ['employees', i]));
    return undefined;
  });

  if (input.employees.length === 0) add(['employees'], 'filen har ingen ansatte; en tom import ville slettet hele organisasjonen');

  // Ids that exist, counting rows with other errors, so one bad row gives one error, not many.
  const unitIds = new Set(input.units.map((u) => rawId(u, 'id')).filter((v) => v !== undefined));
  const employeeIds = new Set(input.employees.map((e) => rawId(e, 'employeeId')).filter((v) => v !== undefined));

  // Uniqueness: the second and later rows with the same value are reported, naming the first.
  // Raw values count too, so a duplicate is reported even on a row that has other errors.
  const unique = (kind: 'units' | 'employees', field: string, label: string, normalize: (s: string) => string = (s) => s) => {
    const first = new Map<string, number>();
    input[kind].forEach((row, i) => {
      const raw = rawId(row, field);
      const value = raw === undefined ? undefined : normalize(raw);
      if (value === undefined) return;
      const seen = first.get(value);
      if (seen === undefined) first.set(value, i);
      else add([kind, i, field], `${label} «${value}» er brukt flere ganger (også ${describe(kind, seen)})`);
    });
  };
  const lower = (s: string) => s.toLowerCase();
  unique('units', 'id', 'enhets-id');
  unique('employees', 'employeeId', 'ansattnummeret');
  unique('employees', 'upn', 'e-postadressen', lower);
  unique('employees', 'aadObjectId', 'Entra-objekt-id-en', lower);

  units.forEach((u, i) => {
    if (!u) return;
    if (u.leaderEmployeeId !== undefined && !employeeIds.has(u.leaderEmployeeId)) {
      add(['units', i, 'leaderEmployeeId'], `lederen «${u.leaderEmployeeId}» finnes ikke blant de ansatte`);
    }
    if (u.parentUnitId !== undefined) {
      if (u.parentUnitId === u.id) add(['units', i, 'parentUnitId'], 'en enhet kan ikke ligge under seg selv');
      else if (!unitIds.has(u.parentUnitId)) add(['units', i, 'parentUnitId'], `overordnet enhet «${u.parentUnitId}» finnes ikke`);
    }
  });
  employees.forEach((e, i) => {
    if (!e) return;
    if (!unitIds.has(e.unitId)) add(['employees', i, 'unitId'], `enheten «${e.unitId}» finnes ikke`);
    if (e.leaderEmployeeId !== undefined) {
      if (e.leaderEmployeeId === e.employeeId) add(['employees', i, 'leaderEmployeeId'], 'en ansatt kan ikke være sin egen leder');
      else if (!employeeIds.has(e.leaderEmployeeId)) add(['employees', i, 'leaderEmployeeId'], `lederen «${e.leaderEmployeeId}» finnes ikke blant de ansatte`);
    }
  });

  // Circles: walking up the unit tree or the leader chain must end, or every lookup would loop.
  const reportCycles = <T>(kind: 'units' | 'employees', rows: (T | undefined)[], idOf: (r: T) => string, upOf: (r: T) => string | undefined, field: string, what: string) => {
    const byId = new Map<string, { row: T; index: number }>();
    rows.forEach((row, index) => {
      if (row && !byId.has(idOf(row))) byId.set(idOf(row), { row, index });
    });
    const done = new Set<string>();
    for (const [startId] of byId) {
      const path: string[] = [];
      const onPath = new Set<string>();
      let id: string | undefined = startId;
      while (id !== undefined && !done.has(id) && !onPath.has(id)) {
        path.push(id);
        onPath.add(id);
        const node = byId.get(id);
        const up: string | undefined = node ? upOf(node.row) : undefined;
        id = up !== id ? up : undefined; // self-reference is reported above
      }
      if (id !== undefined && onPath.has(id)) {
        const cycle = [...path.slice(path.indexOf(id)), id];
        const at = byId.get(id)!;
        add([kind, at.index, field], `${what} går i sirkel: ${cycle.map((c) => `«${c}»`).join(' → ')}`);
      }
      for (const p of path) done.add(p);
    }
  };
  reportCycles('units', units, (u) => u.id, (u) => u.parentUnitId, 'parentUnitId', 'enhetstreet');
  reportCycles('employees', employees, (e) => e.employeeId, (e) => e.leaderEmployeeId, 'leaderEmployeeId', 'lederkjeden');

  if (issues.length > 0) return { issues };
  return { org: { units: units as Unit[], employees: employees as Employee[] }, issues };
}

/**
 * The JSON import format: `{ units: Unit[], employees: Employee[] }`, field names as in
 * ./model.ts, with optional descriptive keys (municipality, description, tenantId) that are
 * not imported. The shipped demo organisation is validated with this same schema.
 */
export const orgImportSchema = z
  .object(
    {
      municipality: z.string({ invalid_type_error: 'må være tekst' }).optional(),
      description: z.string({ invalid_type_error: 'må være tekst' }).optional(),
      tenantId: z.string({ invalid_type_error: 'må være tekst' }).optional(),
      units: z.array(z.unknown(), { required_error: 'mangler (en liste med enheter)', invalid_type_error: 'må være en liste med enheter' }),
      employees: z.array(z.unknown(), { required_error: 'mangler (en liste med ansatte)', invalid_type_error: 'må være en liste med ansatte' }),
    },
    { invalid_type_error: 'filen må være et JSON-objekt med «units» og «employees»' },
  )
  .transform((file, ctx): OrgImport => {
    const result = validateOrgRows(file, describeJsonRow);
    for (const issue of result.issues) ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message });
    if (!result.org) return z.NEVER;
    const { municipality, description, tenantId } = file;
    return {
      ...(municipality !== undefined && { municipality }),
      ...(description !== undefined && { description }),
      ...(tenantId !== undefined && { tenantId }),
      ...result.org,
    };
  });
