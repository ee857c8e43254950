import { readFileSync } from 'node:fs';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/dates.js';
import type { Store } from '../../storage/ports/store.js';
import type { AccessPolicy, OrgDirectory } from './model.js';
import { decodeOrgFile, type OrgImportError, parseOrgFile } from './import.js';
import { type Employee, ORG_ROLES, type OrgRole, type OrgSnapshot, type Unit } from './model.js';
import { createAccessPolicy, createOrgDirectory, EMPTY_ORG } from './org-directory.js';

/** What an import did. Nothing is stored unless `imported` is true. */
export interface OrgImportReport {
  imported: boolean;
  units: number;
  employees: number;
  /** Every problem found, by file line (CSV) or row (JSON in the message). */
  errors: OrgImportError[];
}

/** What «hvem er jeg» shows a person: their own data, nobody else's but their leader's name. */
export interface SelfView {
  employee: Employee;
  unit?: Unit;
  /** The unit above the person's unit. */
  parentUnit?: Unit;
  leader?: { name: string; title: string };
  /** Units the person leads directly (the units below them are implied). */
  leads: Unit[];
  roles: OrgRole[];
  /** When the organisation was imported (UTC ISO-8601). */
  importedAt: string;
}

export interface OrgService {
  /** Validates a CSV/JSON export and, only when it has no errors, replaces the organisation atomically. */
  importOrg(text: string, path: string): Promise<OrgImportReport>;
  /** The current organisation; built once per import, so cheap to call on every turn. */
  directory(): OrgDirectory;
  /** The access policy over the current organisation. */
  access(): AccessPolicy;
  /** A Teams user by Entra object id, else UPN/e-mail; undefined when not in the organisation. */
  identify(user: { aadObjectId?: string; upn?: string }): Employee | undefined;
  /** A person's own entry for «hvem er jeg»; undefined for an unknown id. */
  describeSelf(employeeId: string): SelfView | undefined;
}

/** The seed file given at start (ORG_SEED_FILE) is missing or invalid; the bot does not start. */
export class OrgSeedError extends Error {
  constructor(readonly file: string, readonly errors: OrgImportError[]) {
    const shown = errors.slice(0, 10).map((e) => `- ${e.line === null ? '' : `linje ${e.line}: `}${e.message}`);
    const more = errors.length > 10 ? [`- … og ${errors.length - 10} til`] : [];
    super(`Organisasjonsfilen ${file} (ORG_SEED_FILE) kan ikke importeres:\n${[...shown, ...more].join('\n')}`);
    this.name = 'OrgSeedError';
  }
}

/**
 * Opens the organisation from storage. When nothing is stored yet and `seedFile` is given,
 * imports it first (the demo organisation in local mode), so a fresh `npm run dev` knows people.
 */
export async function createOrgService(deps: { store: Pick<Store, 'org'>; clock: Clock; logger: Logger; seedFile?: string }): Promise<OrgService> {
  const log = deps.logger.child('org');
  const stored = await deps.store.org.load();
  let current = createOrgDirectory(stored ?? EMPTY_ORG);
  const initial = current;
  let policy = createAccessPolicy(current);
  // Imports run one at a time, so the stored and the cached organisation never disagree.
  let queue: Promise<unknown> = Promise.resolve();

  const service: OrgService = {
    importOrg(text, path) {
      const run = async (): Promise<OrgImportReport> => {
        const parsed = parseOrgFile(path, text, deps.clock.now());
        if (!parsed.ok) {
          log.warn({ errors: parsed.errors.length }, 'org.import.rejected');
          return { imported: false, units: 0, employees: 0, errors: parsed.errors };
        }
        const snapshot = withRoleSince(parsed.snapshot, stored || current !== initial ? current.snapshot : undefined);
        await deps.store.org.replace(snapshot);
        current = createOrgDirectory(snapshot);
        policy = createAccessPolicy(current);
        const counts = { units: parsed.snapshot.units.length, employees: parsed.snapshot.employees.length };
        log.info(counts, 'org.import');
        return { imported: true, ...counts, errors: [] };
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
    directory: () => current,
    access: () => policy,
    identify: (user) => current.resolve(user),
    describeSelf(employeeId) {
      const employee = current.employee(employeeId);
      if (!employee) return undefined;
      const unit = current.unit(employee.unitId);
      const parentUnit = unit?.parentUnitId ? current.unit(unit.parentUnitId) : undefined;
      const leader = current.leaderOf(employeeId);
      const leads = current.snapshot.units.filter((u) => u.leaderEmployeeId === employeeId);
      const roles = ORG_ROLES.filter((r) => current.hasRole(employeeId, r));
      return { employee, unit, parentUnit, leader: leader && { name: leader.name, title: leader.position.title }, leads, roles, importedAt: current.snapshot.importedAt };
    },
  };

  if (!stored && deps.seedFile) {
    let text: string;
    try {
      text = decodeOrgFile(readFileSync(deps.seedFile));
    } catch (err) {
      throw new OrgSeedError(deps.seedFile, [{ line: null, message: `filen kan ikke leses (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` }]);
    }
    const report = await service.importOrg(text, deps.seedFile);
    if (!report.imported) throw new OrgSeedError(deps.seedFile, report.errors);
    log.info({ units: report.units, employees: report.employees }, 'org.seeded');
  }
  return service;
}

/** What a person is responsible for, as far as the årshjul's targets go. */
function responsibilities(snapshot: OrgSnapshot, employeeId: string): string | undefined {
  const e = snapshot.employees.find((x) => x.employeeId === employeeId);
  if (!e) return undefined;
  const leads = snapshot.units.filter((u) => u.leaderEmployeeId === employeeId).map((u) => u.id).sort();
  return JSON.stringify([e.unitId, e.position.code, leads, [...e.roles].sort()]);
}

/**
 * The new snapshot with {@link OrgSnapshot.roleSince}: unchanged people keep what they had;
 * anyone whose responsibilities changed (or who is new) since `previous` gets the import time.
 * The first import ever (`previous` undefined) sets nothing: nobody's start is known.
 */
export function withRoleSince(next: OrgSnapshot, previous: OrgSnapshot | undefined): OrgSnapshot {
  if (!previous) return next;
  const roleSince: Record<string, string> = {};
  for (const e of next.employees) {
    const before = responsibilities(previous, e.employeeId);
    if (before !== undefined && before === responsibilities(next, e.employeeId)) {
      const kept = previous.roleSince?.[e.employeeId];
      if (kept) roleSince[e.employeeId] = kept;
    } else {
      roleSince[e.employeeId] = next.importedAt;
    }
  }
  return { ...next, roleSince };
}
