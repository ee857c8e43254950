/**
 * Who an årshjul event is for in the organisation: the roles an event can name, the target
 * (roles, units, position codes, exceptions), whether a person matches, and how to name the group.
 * Roles are derived from the unit tree once per directory, so they work with any HR export.
 */
import type { OrgDirectory } from '../org/model.js';
import type { Employee } from '../org/model.js';

/**
 * Who an event can name. `leder`, `hr`, `tillitsvalgt` and `verneombud` are the org model's roles
 * («leder» = anyone who leads a unit or has people reporting to them). The three leadership
 * levels are read from the unit tree, so they work with any HR export:
 * - `kommunedirektor`: leads a top unit (one with no unit above it) – rådmann/kommunedirektør;
 * - `kommunalsjef`: leads a unit directly below a top unit that has units of its own (a sector);
 * - `enhetsleder`: leads a unit with no units below it (tjenesteleder, rektor, styrer …).
 */
export const ARSHJUL_ROLES = ['leder', 'enhetsleder', 'kommunalsjef', 'kommunedirektor', 'hr', 'tillitsvalgt', 'verneombud'] as const;
export type ArshjulRole = (typeof ARSHJUL_ROLES)[number];

/** How a role is named to people (plural, as in «Ansvarlig: Ledere»). */
export const ROLE_NAMES: Record<ArshjulRole, string> = {
  leder: 'ledere',
  enhetsleder: 'enhetsledere',
  kommunalsjef: 'kommunalsjefer',
  kommunedirektor: 'kommunedirektøren',
  hr: 'HR',
  tillitsvalgt: 'tillitsvalgte',
  verneombud: 'verneombud',
};

/** Who an event is for or who must act. A person matches when any of the parts matches. */
export interface Target {
  everyone: boolean;
  roles: ArshjulRole[];
  /** Unit ids: everyone in the unit and the units below it. */
  units: string[];
  /** KS stillingskoder, e.g. 7451 = rektor. */
  positionCodes: string[];
  /** What to call the group instead of the generated text, e.g. «Rektorer». */
  label?: string;
  /** People left out even when matched above, e.g. «all leaders except the rektors». */
  except?: { roles: ArshjulRole[]; units: string[]; positionCodes: string[] };
}

// ---------------------------------------------------------------------------------------------
// Who an event is for

interface DerivedRoles {
  byEmployee: Map<string, Set<ArshjulRole>>;
}

// Built once per directory (a new directory object after each org import).
const derivedCache = new WeakMap<OrgDirectory, DerivedRoles>();

function derivedRoles(dir: OrgDirectory): DerivedRoles {
  let cached = derivedCache.get(dir);
  if (cached) return cached;
  const byEmployee = new Map<string, Set<ArshjulRole>>();
  const add = (id: string, role: ArshjulRole) => {
    const set = byEmployee.get(id) ?? new Set<ArshjulRole>();
    set.add(role);
    byEmployee.set(id, set);
  };
  const isTop = (unitId: string | undefined) => {
    const u = unitId ? dir.unit(unitId) : undefined;
    return !!u && (!u.parentUnitId || !dir.unit(u.parentUnitId));
  };
  for (const u of dir.snapshot.units) {
    if (!u.leaderEmployeeId) continue;
    const hasSubUnits = dir.subUnits(u.id).length > 0;
    if (isTop(u.id)) add(u.leaderEmployeeId, 'kommunedirektor');
    else if (hasSubUnits && isTop(u.parentUnitId)) add(u.leaderEmployeeId, 'kommunalsjef');
    else if (!hasSubUnits) add(u.leaderEmployeeId, 'enhetsleder');
  }
  for (const e of dir.snapshot.employees) {
    for (const role of ['leder', 'hr', 'tillitsvalgt', 'verneombud'] as const) if (dir.hasRole(e.employeeId, role)) add(e.employeeId, role);
  }
  cached = { byEmployee };
  derivedCache.set(dir, cached);
  return cached;
}

/** The årshjul roles a person has in this organisation. */
export function rolesOf(dir: OrgDirectory, employeeId: string): ArshjulRole[] {
  const set = derivedRoles(dir).byEmployee.get(employeeId);
  return ARSHJUL_ROLES.filter((r) => set?.has(r));
}

function inUnitTree(dir: OrgDirectory, employee: Employee, unitIds: readonly string[]): boolean {
  if (!unitIds.length) return false;
  const seen = new Set<string>();
  for (let u = dir.unit(employee.unitId); u && !seen.has(u.id); u = u.parentUnitId ? dir.unit(u.parentUnitId) : undefined) {
    if (unitIds.includes(u.id)) return true;
    seen.add(u.id);
  }
  return false;
}

function selects(dir: OrgDirectory, s: { roles: ArshjulRole[]; units: string[]; positionCodes: string[] }, employee: Employee): boolean {
  const roles = derivedRoles(dir).byEmployee.get(employee.employeeId);
  if (roles && s.roles.some((r) => roles.has(r))) return true;
  if (s.positionCodes.includes(employee.position.code)) return true;
  return inUnitTree(dir, employee, s.units);
}

/** Does the target include this person? */
export function personMatches(dir: OrgDirectory, target: Target, employee: Employee): boolean {
  if (!target.everyone && !selects(dir, target, employee)) return false;
  return !target.except || !selects(dir, target.except, employee);
}

/** Everyone the target includes, in directory order. */
export function peopleMatching(dir: OrgDirectory, target: Target): Employee[] {
  return dir.snapshot.employees.filter((e) => personMatches(dir, target, e));
}

/** «ledere og HR», «rektorer», «alle»: how to name the group to people. */
export function describeTarget(target: Target, dir?: OrgDirectory): string {
  if (target.label) return target.label;
  if (target.everyone) return 'alle';
  const parts = target.roles.map((r) => ROLE_NAMES[r]);
  for (const id of target.units) parts.push(dir?.unit(id)?.name ?? id);
  for (const code of target.positionCodes) parts.push(`stillingskode ${code}`);
  const text = parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} og ${parts[parts.length - 1]}`;
  if (!target.except) return text;
  const but = [...target.except.roles.map((r) => ROLE_NAMES[r]), ...target.except.units.map((id) => dir?.unit(id)?.name ?? id), ...target.except.positionCodes.map((c) => `stillingskode ${c}`)];
  return but.length ? `${text} (unntatt ${but.join(', ')})` : text;
}
