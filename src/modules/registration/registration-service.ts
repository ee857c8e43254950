/**
 * Use cases of the competence module, each with its access check. The Teams cards and routes are
 * built on top of this API; nothing here knows about Teams.
 *
 * Who may do what:
 * - an employee reads, saves, exports and deletes only their own registration (the caller passes
 *   the id it resolved from the Teams user, never an id typed by someone);
 * - a leader sees the gap of the units they lead (and the units below) and of the people in them;
 * - HR sees everything. Refusals carry the {@link AccessPolicy}'s polite Norwegian reason.
 *
 * Logs hold ids, counts and timings only: never competence data or free text.
 */
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../scheduler/clock.js';
import { ConcurrencyError, type RegistrationRepository } from '../../storage/ports.js';
import type { AccessPolicy, OrgDirectory } from '../org/directory.js';
import type { Employee, Unit } from '../org/model.js';
import type { Competence, CompetenceContent, Profile } from './catalogue/catalogue.js';
import { type ExportFile, type ExportFormat, exportRegistration, exportUnitGap, type UnitGapTable } from './export.js';
import {
  computeMunicipalityGap,
  computePersonGap,
  computeUnitGap,
  createGapContext,
  type MunicipalityGap,
  type PersonGap,
  personMeasures,
  type UnitGap,
} from '../gap/gap.js';
import type { MeasureGroup } from '../gap/measures.js';
import {
  applySection,
  type CompetenceRegistration,
  emptyRegistration,
  type FieldError,
  type RegistrationSection,
  sectionSize,
  validateSection,
} from './sections.js';

/** A refused or impossible request, with a sentence to show the person. */
export interface Refusal {
  ok: false;
  code: 'forbidden' | 'not-found';
  reason: string;
}

export type Outcome<T> = ({ ok: true } & T) | Refusal;

export type SaveSectionResult =
  | { ok: true; registration: CompetenceRegistration }
  | {
      ok: false;
      /** invalid: see `errors` per field; conflict: a newer save exists (reload the card); not-found: unknown employee. */
      code: 'invalid' | 'conflict' | 'not-found';
      errors: FieldError[];
    };

export interface MyRegistration {
  /** The stored registration, or an empty one with version 0. */
  registration: CompetenceRegistration;
  stored: boolean;
  /** The requirement profile for the employee's position; undefined when none matches. */
  profile?: Profile;
  /** The skills the profile asks for, in profile order: what the self-assessment card should show. */
  skillsToAssess: Competence[];
}

export interface UnitChoice {
  unitId: string;
  name: string;
  parentUnitId?: string;
  /** Employees in the unit itself (not below). */
  employees: number;
}

export interface UnitGapRequest {
  /** Include everyone in the units below as well. Default false: the unit's own employees. */
  includeSubUnits?: boolean;
  /** Only people with this requirement profile (a «position in the unit»). */
  profileId?: string;
  /** Only people with this stillingskode. */
  positionCode?: string;
}

/** The organisation as the service needs it; the org module's OrgService fits. Read on every call, so a new import is seen at once. */
export interface OrgAccess {
  directory(): OrgDirectory;
  access(): AccessPolicy;
}

export interface CompetenceService {
  readonly content: CompetenceContent;

  /** The employee's own registration (empty when none is stored), with their profile for the cards. */
  getMyRegistration(employeeId: string): Promise<Outcome<MyRegistration>>;

  /**
   * Validates and saves one section of the employee's own registration. Atomic: on any error
   * nothing is saved. `expectedVersion` is the version the card was rendered with (0 for a new
   * registration); if someone saved in between, the result is `conflict` and nothing is saved.
   */
  saveSection(employeeId: string, section: RegistrationSection, input: unknown, expectedVersion: number): Promise<SaveSectionResult>;

  /** Deletes the employee's own registration. `deleted` is false when there was none. */
  deleteMyRegistration(employeeId: string): Promise<Outcome<{ deleted: boolean }>>;

  /** The employee's own registration as a file (JSON or `;`-separated CSV with BOM). */
  exportMyRegistration(employeeId: string, format: ExportFormat): Promise<Outcome<{ file: ExportFile }>>;

  /** Units the viewer may open a gap for: HR all units, a leader the units they lead and those below, others none. */
  unitsForLeader(viewerId: string): UnitChoice[];

  /** The gap of a unit: per person, coverage matrix, mobilisation potential and suggested measures. */
  unitGap(viewerId: string, unitId: string, request?: UnitGapRequest): Promise<Outcome<{ gap: UnitGap }>>;

  /** One person's gap with suggested measures; the person themselves, their leader, or HR. */
  personGap(viewerId: string, employeeId: string): Promise<Outcome<{ gap: PersonGap; measures: MeasureGroup[] }>>;

  /** The unit gap as CSV: one row per person and requirement (`people`), or the coverage matrix (`coverage`). */
  unitGapCsv(viewerId: string, unitId: string, request?: UnitGapRequest & { table?: UnitGapTable }): Promise<Outcome<{ file: ExportFile }>>;

  /** The whole municipality (per-unit summaries and overall coverage), for whoever may see every top unit: HR or the top leader. */
  municipalityGap(viewerId: string): Promise<Outcome<{ gap: MunicipalityGap }>>;
}

export const COMPETENCE_TEXT = {
  unknownEmployee: 'Jeg finner deg ikke i organisasjonsoversikten, så jeg kan ikke lagre kompetanse for deg. Ta kontakt med HR for å bli lagt inn.',
  conflict:
    'Registreringen er endret et annet sted (for eksempel i et annet vindu) etter at du åpnet skjemaet. Ingenting er lagret. Åpne registreringen på nytt og gjør endringen igjen.',
  municipalityOnly: 'Oversikten over hele kommunen er for HR og kommunens øverste leder.',
} as const;

export function createCompetenceService(deps: {
  content: CompetenceContent;
  registrations: RegistrationRepository;
  org: OrgAccess;
  clock: Clock;
  logger: Logger;
}): CompetenceService {
  const { content, registrations, org, clock } = deps;
  const log = deps.logger.child('competence');

  const refuse = (code: Refusal['code'], reason: string): Refusal => ({ ok: false, code, reason });

  const employeesFor = (directory: OrgDirectory, unitId: string, request: UnitGapRequest): Employee[] =>
    request.includeSubUnits ? directory.employeesInUnitTree(unitId) : directory.employeesInUnit(unitId);

  async function buildUnitGap(viewerId: string, unitId: string, request: UnitGapRequest): Promise<Outcome<{ gap: UnitGap }>> {
    const started = performance.now();
    const directory = org.directory();
    const decision = org.access().canViewUnit(viewerId, unitId);
    if (!decision.allowed) {
      log.info({ viewerId, unitId }, 'competence.unit-gap.refused');
      return refuse('forbidden', decision.reason);
    }
    const unit = directory.unit(unitId);
    if (!unit) return refuse('not-found', 'Jeg finner ikke den enheten i organisasjonsoversikten.');
    const employees = employeesFor(directory, unitId, request);
    const regs = await registrations.listByEmployeeIds(employees.map((e) => e.employeeId));
    const gap = computeUnitGap(createGapContext(content, clock.now()), unit, employees, regs, {
      ...(request.profileId !== undefined ? { profileId: request.profileId } : {}),
      ...(request.positionCode !== undefined ? { positionCode: request.positionCode } : {}),
    });
    log.info(
      {
        viewerId,
        unitId,
        people: gap.summary.people,
        registered: gap.summary.registered,
        critical: gap.summary.critical,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'competence.unit-gap',
    );
    return { ok: true, gap };
  }

  return {
    content,

    async getMyRegistration(employeeId) {
      const employee = org.directory().employee(employeeId);
      if (!employee) return refuse('not-found', COMPETENCE_TEXT.unknownEmployee);
      const stored = await registrations.get(employeeId);
      const profile = content.profileFor(employee.position);
      const skillIds = new Set<string>();
      for (const r of profile?.requirements ?? []) for (const o of r.options) for (const m of o.members) skillIds.add(m.competenceId);
      const skillsToAssess = [...skillIds].map((id) => content.competenceById.get(id)!).filter((c) => c.kind === 'skill');
      return {
        ok: true,
        registration: stored ?? emptyRegistration(employeeId, clock.now()),
        stored: !!stored,
        ...(profile ? { profile } : {}),
        skillsToAssess,
      };
    },

    async saveSection(employeeId, section, input, expectedVersion) {
      if (!org.directory().employee(employeeId)) {
        return { ok: false, code: 'not-found', errors: [{ field: '', message: COMPETENCE_TEXT.unknownEmployee }] };
      }
      const now = clock.now();
      const validated = validateSection(section, input, { content, now });
      if (!validated.ok) {
        log.info({ employeeId, section, errors: validated.errors.length }, 'competence.save.invalid');
        return { ok: false, code: 'invalid', errors: validated.errors };
      }
      const current = await registrations.get(employeeId);
      const currentVersion = current?.version ?? 0;
      const conflict = (): SaveSectionResult => {
        log.info({ employeeId, section, expectedVersion, currentVersion }, 'competence.save.conflict');
        return { ok: false, code: 'conflict', errors: [{ field: 'version', message: COMPETENCE_TEXT.conflict }] };
      };
      if (expectedVersion !== currentVersion) return conflict();
      const next = applySection(current, section, validated.value, { employeeId, now });
      try {
        await registrations.save(next, currentVersion);
      } catch (err) {
        if (err instanceof ConcurrencyError) return conflict();
        throw err;
      }
      log.info({ employeeId, section, version: next.version, items: sectionSize(next, section) }, 'competence.save');
      return { ok: true, registration: next };
    },

    async deleteMyRegistration(employeeId) {
      const deleted = await registrations.delete(employeeId);
      log.info({ employeeId, deleted }, 'competence.delete');
      return { ok: true, deleted };
    },

    async exportMyRegistration(employeeId, format) {
      const employee = org.directory().employee(employeeId);
      if (!employee) return refuse('not-found', COMPETENCE_TEXT.unknownEmployee);
      const now = clock.now();
      const reg = (await registrations.get(employeeId)) ?? emptyRegistration(employeeId, now);
      log.info({ employeeId, format, version: reg.version }, 'competence.export');
      return { ok: true, file: exportRegistration(format, reg, content, employee, now) };
    },

    unitsForLeader(viewerId) {
      const directory = org.directory();
      return org
        .access()
        .visibleUnits(viewerId)
        .map((u: Unit) => ({
          unitId: u.id,
          name: u.name,
          ...(u.parentUnitId ? { parentUnitId: u.parentUnitId } : {}),
          employees: directory.employeesInUnit(u.id).length,
        }));
    },

    unitGap(viewerId, unitId, request = {}) {
      return buildUnitGap(viewerId, unitId, request);
    },

    async personGap(viewerId, employeeId) {
      const decision = org.access().canViewEmployee(viewerId, employeeId);
      if (!decision.allowed) {
        log.info({ viewerId, employeeId }, 'competence.person-gap.refused');
        return refuse('forbidden', decision.reason);
      }
      const employee = org.directory().employee(employeeId);
      if (!employee) return refuse('not-found', 'Jeg finner ikke den medarbeideren i organisasjonsoversikten.');
      const gap = computePersonGap(createGapContext(content, clock.now()), employee, await registrations.get(employeeId));
      log.info({ viewerId, employeeId, requirements: gap.summary.requirements, critical: gap.summary.critical }, 'competence.person-gap');
      return { ok: true, gap, measures: personMeasures(gap) };
    },

    async unitGapCsv(viewerId, unitId, request = {}) {
      const result = await buildUnitGap(viewerId, unitId, request);
      if (!result.ok) return result;
      return { ok: true, file: exportUnitGap('csv', result.gap, request.table ?? 'people') };
    },

    async municipalityGap(viewerId) {
      const started = performance.now();
      const directory = org.directory();
      const access = org.access();
      const tops = directory.snapshot.units.filter((u) => !u.parentUnitId || !directory.unit(u.parentUnitId));
      for (const top of tops) {
        const decision = access.canViewUnit(viewerId, top.id);
        if (!decision.allowed) return refuse('forbidden', `${COMPETENCE_TEXT.municipalityOnly} ${decision.reason}`);
      }
      if (!directory.employee(viewerId)) return refuse('forbidden', COMPETENCE_TEXT.municipalityOnly);
      const all = await registrations.all();
      const regs = new Map(all.map((r) => [r.employeeId, r]));
      const gap = computeMunicipalityGap(createGapContext(content, clock.now()), directory.snapshot.units, directory.snapshot.employees, regs);
      log.info(
        { viewerId, units: gap.summary.units, people: gap.summary.people, ms: Math.round((performance.now() - started) * 10) / 10 },
        'competence.municipality-gap',
      );
      return { ok: true, gap };
    },
  };
}
