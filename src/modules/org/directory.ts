import type { Employee, OrgRole, OrgSnapshot, Unit } from './model.js';

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
