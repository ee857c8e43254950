/**
 * Who is who: units, employees, leaders and HR. Plain records, imported from an HR-system
 * export (Visma or similar) or the demo organisation. No Teams or storage types here.
 */

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
