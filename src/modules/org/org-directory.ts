/**
 * The in-memory organisation: {@link OrgDirectory} with Map indexes (every lookup O(1) or
 * O(result)), and the {@link AccessPolicy} that decides who may see whom. Pure; rebuilt from a
 * snapshot after each import.
 */
import type { AccessDecision, AccessPolicy, OrgDirectory } from './model.js';
import type { Employee, OrgRole, OrgSnapshot, Unit } from './model.js';

/** An organisation with nobody in it: what the bot has before the first import. */
export const EMPTY_ORG: OrgSnapshot = { units: [], employees: [], importedAt: '', source: '' };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Builds the directory. The snapshot is copied and frozen, so what callers get back cannot
 * change the directory (or each other's view of it).
 */
export function createOrgDirectory(source: OrgSnapshot): OrgDirectory {
  const snapshot = deepFreeze(structuredClone(source));
  const employees = new Map<string, Employee>();
  const byAad = new Map<string, Employee>();
  const byUpn = new Map<string, Employee>();
  const units = new Map<string, Unit>();
  const inUnit = new Map<string, Employee[]>();
  const children = new Map<string, Unit[]>();
  const leads = new Map<string, Unit[]>();

  for (const u of snapshot.units) units.set(u.id, u);
  for (const u of snapshot.units) {
    if (u.parentUnitId && units.has(u.parentUnitId)) pushTo(children, u.parentUnitId, u);
    if (u.leaderEmployeeId) pushTo(leads, u.leaderEmployeeId, u);
  }
  for (const e of snapshot.employees) {
    employees.set(e.employeeId, e);
    if (e.aadObjectId) byAad.set(e.aadObjectId.toLowerCase(), e);
    byUpn.set(e.upn.toLowerCase(), e);
    pushTo(inUnit, e.unitId, e);
  }

  /** The unit and every unit below it, top first. Guarded against circles in bad data. */
  const unitTree = (unitId: string): Unit[] => {
    const out: Unit[] = [];
    const seen = new Set<string>();
    const stack = [unitId];
    while (stack.length) {
      const id = stack.pop()!;
      const unit = units.get(id);
      if (!unit || seen.has(id)) continue;
      seen.add(id);
      out.push(unit);
      for (const child of [...(children.get(id) ?? [])].reverse()) stack.push(child.id);
    }
    return out;
  };

  // Nearest leader of everyone, computed once: the explicit leader, else the leader of the
  // nearest unit (own unit first, then upwards) who is not the person themselves.
  const leaderOf = new Map<string, Employee>();
  const reports = new Map<string, Employee[]>();
  for (const e of snapshot.employees) {
    let leader = e.leaderEmployeeId ? employees.get(e.leaderEmployeeId) : undefined;
    const seen = new Set<string>();
    for (let u = units.get(e.unitId); !leader && u && !seen.has(u.id); u = u.parentUnitId ? units.get(u.parentUnitId) : undefined) {
      seen.add(u.id);
      if (u.leaderEmployeeId && u.leaderEmployeeId !== e.employeeId) leader = employees.get(u.leaderEmployeeId);
    }
    if (leader && leader.employeeId !== e.employeeId) {
      leaderOf.set(e.employeeId, leader);
      pushTo(reports, leader.employeeId, e);
    }
  }

  const ledTrees = new Map<string, Unit[]>();
  const unitsLedBy = (employeeId: string): Unit[] => {
    let tree = ledTrees.get(employeeId);
    if (!tree) {
      const seen = new Set<string>();
      tree = [];
      for (const top of leads.get(employeeId) ?? []) {
        for (const u of unitTree(top.id)) {
          if (!seen.has(u.id)) {
            seen.add(u.id);
            tree.push(u);
          }
        }
      }
      ledTrees.set(employeeId, tree);
    }
    return [...tree];
  };

  return {
    snapshot,
    employee: (id) => employees.get(id),
    resolve({ aadObjectId, upn }) {
      const byId = aadObjectId ? byAad.get(aadObjectId.trim().toLowerCase()) : undefined;
      return byId ?? (upn ? byUpn.get(upn.trim().toLowerCase()) : undefined);
    },
    unit: (id) => units.get(id),
    unitsLedBy,
    employeesInUnit: (unitId) => [...(inUnit.get(unitId) ?? [])],
    employeesInUnitTree: (unitId) => unitTree(unitId).flatMap((u) => inUnit.get(u.id) ?? []),
    subUnits: (unitId) => [...(children.get(unitId) ?? [])],
    leaderOf: (id) => leaderOf.get(id),
    reportsOf: (id) => [...(reports.get(id) ?? [])],
    hasRole(id, role: OrgRole) {
      const e = employees.get(id);
      if (!e) return false;
      if (e.roles.includes(role)) return true;
      // «leder» is implied by leading a unit or having people report to you.
      return role === 'leder' && ((leads.get(id)?.length ?? 0) > 0 || (reports.get(id)?.length ?? 0) > 0);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Access policy

const ALLOWED: AccessDecision = { allowed: true };
const refuse = (reason: string): AccessDecision => ({ allowed: false, reason });

export const ACCESS_TEXT = {
  unknownViewer:
    'Jeg finner deg ikke i organisasjonsoversikten, så jeg kan ikke vise opplysninger om medarbeidere eller enheter. Ta kontakt med HR for å bli lagt inn.',
  ownOnly: 'Du kan bare se dine egne opplysninger. Ledere ser medarbeiderne i enhetene de leder, og HR ser alle.',
  unknownEmployee: 'Jeg finner ikke den medarbeideren i organisasjonsoversikten. Sjekk navnet eller ansattnummeret, eller ta kontakt med HR.',
  unknownUnit: 'Jeg finner ikke den enheten i organisasjonsoversikten. Sjekk navnet, eller ta kontakt med HR.',
} as const;

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} og ${names[names.length - 1]}`;
}

/**
 * Who may see whom. HR sees everyone. A leader sees the units they lead and every unit below
 * them, the employees in those units, and their direct reports (personalansvar can cross unit
 * lines). Everyone sees themselves. A refusal explains the rule politely and names no one but
 * the leader of the viewer's own unit; others are «din leder» or «enhetens leder».
 */
export function createAccessPolicy(directory: OrgDirectory): AccessPolicy {
  const isHr = (id: string) => directory.hasRole(id, 'hr');
  const ledUnitIds = (id: string) => new Set(directory.unitsLedBy(id).map((u) => u.id));

  const leaderRefusal = (viewerId: string) => {
    const led = directory.unitsLedBy(viewerId).filter((u) => !u.parentUnitId || !ledUnitIds(viewerId).has(u.parentUnitId));
    const yours = led.length ? ` (${listNames(led.map((u) => u.name))})` : '';
    return `Du kan bare se kompetansen til medarbeidere i enheter du leder${yours}, og til dem du er nærmeste leder for.`;
  };

  /**
   * Who to ask about a unit. The leader is named only to someone in that unit (they know who it
   * is anyway); the viewer's own leader is «din leder»; anyone else is pointed to «enhetens
   * leder», so a refusal does not tell an outsider who leads which unit.
   */
  const whoLeads = (viewerId: string, unit: { id: string; name: string; leaderEmployeeId?: string }) => {
    const who = unit.leaderEmployeeId ? directory.employee(unit.leaderEmployeeId) : undefined;
    if (!who) return ` ${unit.name} har ingen registrert leder; HR kan hjelpe.`;
    if (directory.employee(viewerId)?.unitId === unit.id) return ` ${unit.name} ledes av ${who.name}.`;
    if (directory.leaderOf(viewerId)?.employeeId === who.employeeId) return ` ${unit.name} ledes av din leder.`;
    return ' Enhetens leder eller HR kan hjelpe.';
  };

  const policy: AccessPolicy = {
    canViewEmployee(viewerId, targetEmployeeId) {
      if (!directory.employee(viewerId)) return refuse(ACCESS_TEXT.unknownViewer);
      if (viewerId === targetEmployeeId) return ALLOWED;
      const leader = directory.hasRole(viewerId, 'leder');
      if (!isHr(viewerId) && !leader) return refuse(ACCESS_TEXT.ownOnly);
      const target = directory.employee(targetEmployeeId);
      if (!target) return refuse(ACCESS_TEXT.unknownEmployee);
      if (isHr(viewerId)) return ALLOWED;
      if (ledUnitIds(viewerId).has(target.unitId) || directory.leaderOf(target.employeeId)?.employeeId === viewerId) return ALLOWED;
      return refuse(`${leaderRefusal(viewerId)} Trenger du å se mer, kan medarbeiderens nærmeste leder eller HR hjelpe.`);
    },

    canViewUnit(viewerId, unitId) {
      if (!directory.employee(viewerId)) return refuse(ACCESS_TEXT.unknownViewer);
      const unit = directory.unit(unitId);
      const hr = isHr(viewerId);
      const leader = directory.hasRole(viewerId, 'leder');
      if (!hr && !leader) {
        return refuse(`Oversikten over en enhet er for lederne av enheten og HR; selv kan du se dine egne opplysninger.${unit ? whoLeads(viewerId, unit) : ''}`);
      }
      if (!unit) return refuse(ACCESS_TEXT.unknownUnit);
      if (hr || ledUnitIds(viewerId).has(unit.id)) return ALLOWED;
      return refuse(`${leaderRefusal(viewerId)}${whoLeads(viewerId, unit)}`);
    },

    visibleEmployees(viewerId) {
      const viewer = directory.employee(viewerId);
      if (!viewer) return [];
      if (isHr(viewerId)) return [...directory.snapshot.employees];
      const seen = new Set<string>([viewerId]);
      const out: Employee[] = [viewer];
      const add = (e: Employee) => {
        if (!seen.has(e.employeeId)) {
          seen.add(e.employeeId);
          out.push(e);
        }
      };
      for (const u of directory.unitsLedBy(viewerId)) directory.employeesInUnit(u.id).forEach(add);
      directory.reportsOf(viewerId).forEach(add);
      return out;
    },

    visibleUnits(viewerId) {
      if (!directory.employee(viewerId)) return [];
      if (isHr(viewerId)) return [...directory.snapshot.units];
      return directory.unitsLedBy(viewerId);
    },
  };
  return policy;
}
