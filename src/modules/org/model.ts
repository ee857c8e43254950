/**
 * Who is who: units, employees, leaders and HR. Plain records, imported from an HR-system
 * export (Visma or similar) or the demo organisation. No Teams or storage types here.
 */
import { z } from 'zod';

/** Roles a person can have besides being an employee. `leder` is implied by leading a unit. */
export const ORG_ROLES = ['leder', 'hr', 'tillitsvalgt', 'verneombud'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export interface Unit {
  id: string;
  name: string;
  /** The employee who leads the unit. */
  leaderEmployeeId?: string;
  /** The unit above (a sector under a kommunalsjef, say); the top has none. */
  parentUnitId?: string;
}

export interface Position {
  title: string;
  /** Stillingskode (KS), e.g. "7451". */
  code: string;
}

export interface Employee {
  employeeId: string;
  name: string;
  /** E-mail / UPN, lower-cased. */
  upn: string;
  /** Entra (Azure AD) object id, lower-cased; optional in the export. */
  aadObjectId?: string;
  unitId: string;
  /** Nearest leader. */
  leaderEmployeeId?: string;
  position: Position;
  /** Stillingsprosent, 0–100. */
  employmentPercent: number;
  roles: OrgRole[];
}

export interface OrgSnapshot {
  units: Unit[];
  employees: Employee[];
  /** UTC ISO-8601 of the import. */
  importedAt: string;
  /** Where it came from (file name), for HR. */
  source: string;
  /**
   * Employee id → UTC ISO-8601 since when the person has had their present responsibilities
   * (unit, position code, units led, roles), as far as the bot has seen: set by an import that
   * changed them. Absent for someone unchanged since the first import (held «always»).
   * Escalations only count deadlines that passed after this.
   */
  roleSince?: Record<string, string>;
}

/**
 * The shape of a stored snapshot, checked wherever it is read back (the lowdb file and the
 * PostgreSQL row). Deliberately looser than the import schema (schema.ts): the import has already
 * checked the rules, and a rule added later must not turn yesterday's snapshot into a "corrupt"
 * one that stops the bot.
 */
export const storedOrgSnapshotSchema: z.ZodType<OrgSnapshot> = z.object({
  units: z.array(
    z.object({ id: z.string(), name: z.string(), leaderEmployeeId: z.string().optional(), parentUnitId: z.string().optional() }),
  ),
  employees: z.array(
    z.object({
      employeeId: z.string(),
      name: z.string(),
      upn: z.string(),
      aadObjectId: z.string().optional(),
      unitId: z.string(),
      leaderEmployeeId: z.string().optional(),
      position: z.object({ title: z.string(), code: z.string() }),
      employmentPercent: z.number(),
      roles: z.array(z.enum(ORG_ROLES)),
    }),
  ),
  importedAt: z.string(),
  source: z.string(),
  roleSince: z.record(z.string()).optional(),
});

/**
 * Read access to the organisation with the lookups the modules need. Built once from an
 * {@link OrgSnapshot} (pure, in memory); rebuilt after an import.
 */
export interface OrgDirectory {
  readonly snapshot: OrgSnapshot;
  employee(employeeId: string): Employee | undefined;
  /** Match a Teams user: Entra object id first, then UPN/e-mail (case-insensitive). */
  resolve(user: { aadObjectId?: string; upn?: string }): Employee | undefined;
  unit(unitId: string): Unit | undefined;
  /** Units this person leads, including every unit below them. Empty for non-leaders. */
  unitsLedBy(employeeId: string): Unit[];
  /** Employees whose unit is `unitId` (not sub-units). */
  employeesInUnit(unitId: string): Employee[];
  /** Employees in `unitId` and every unit below it. */
  employeesInUnitTree(unitId: string): Employee[];
  /** The units directly below `unitId`. */
  subUnits(unitId: string): Unit[];
  /** The person's nearest leader (leaderEmployeeId, else the leader of their unit). */
  leaderOf(employeeId: string): Employee | undefined;
  /** Direct reports: employees whose nearest leader is this person. */
  reportsOf(employeeId: string): Employee[];
  hasRole(employeeId: string, role: OrgRole): boolean;
}

/** Who may see what. Every refusal carries a polite Norwegian reason. */
export type AccessDecision = { allowed: true } | { allowed: false; reason: string };

export interface AccessPolicy {
  /** Employee: only themselves. Leader: people in units they lead. HR: everyone. */
  canViewEmployee(viewerId: string, targetEmployeeId: string): AccessDecision;
  /** Leader: units they lead (and below). HR: all units. Others: none. */
  canViewUnit(viewerId: string, unitId: string): AccessDecision;
  /** Everyone `canViewEmployee` allows for this viewer (themselves first); empty for an unknown viewer. */
  visibleEmployees(viewerId: string): Employee[];
  /** Every unit `canViewUnit` allows for this viewer. */
  visibleUnits(viewerId: string): Unit[];
}
