/**
 * Use cases of the competence gap, each with its access check. Nothing here knows about Teams.
 *
 * Who may do what:
 * - a leader sees the gap of the units they lead (and the units below) and of the people in them;
 * - an employee sees their own gap;
 * - HR sees everything. Refusals carry the {@link AccessPolicy}'s polite Norwegian reason.
 *
 * Logs hold ids, counts and timings only: never competence data or free text.
 */
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/dates.js';
import type { RegistrationRepository } from '../../storage/ports/registration.js';
import type { OrgDirectory } from '../org/model.js';
import type { Employee, Unit } from '../org/model.js';
import type { CompetenceContent } from '../registration/catalogue/content.js';
import { createRegistrationService, type OrgAccess, type Outcome, refuse, type RegistrationService } from '../registration/registration-service.js';
import { exportUnitGap, type UnitGapTable } from './export.js';
import { createGapContext } from './context.js';
import { computeMunicipalityGap, computeUnitGap, type MunicipalityGap, type UnitGap } from './gap.js';
import { computePersonGap, type PersonGap, personMeasures } from './person-gap.js';
import type { MeasureGroup } from './measures.js';
import type { DownloadFile } from '../../shared/files.js';

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

export interface GapService {
  readonly content: CompetenceContent;

  /** Units the viewer may open a gap for: HR all units, a leader the units they lead and those below, others none. */
  unitsForLeader(viewerId: string): UnitChoice[];

  /** The gap of a unit: per person, coverage matrix, mobilisation potential and suggested measures. */
  unitGap(viewerId: string, unitId: string, request?: UnitGapRequest): Promise<Outcome<{ gap: UnitGap }>>;

  /** One person's gap with suggested measures; the person themselves, their leader, or HR. */
  personGap(viewerId: string, employeeId: string): Promise<Outcome<{ gap: PersonGap; measures: MeasureGroup[] }>>;

  /** The unit gap as CSV: one row per person and requirement (`people`), or the coverage matrix (`coverage`). */
  unitGapCsv(viewerId: string, unitId: string, request?: UnitGapRequest & { table?: UnitGapTable }): Promise<Outcome<{ file: DownloadFile }>>;

  /** The whole municipality (per-unit summaries and overall coverage), for whoever may see every top unit: HR or the top leader. */
  municipalityGap(viewerId: string): Promise<Outcome<{ gap: MunicipalityGap }>>;
}

/** Registration and gap behind one object, as the bot, samtale and main are wired today. */
export type CompetenceService = RegistrationService & GapService;

export const GAP_SERVICE_TEXT = {
  municipalityOnly: 'Oversikten over hele kommunen er for HR og kommunens øverste leder.',
} as const;

interface ServiceDeps {
  content: CompetenceContent;
  registrations: RegistrationRepository;
  org: OrgAccess;
  clock: Clock;
  logger: Logger;
}

export function createGapService(deps: ServiceDeps): GapService {
  const { content, registrations, org, clock } = deps;
  const log = deps.logger.child('competence');

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
        if (!decision.allowed) return refuse('forbidden', `${GAP_SERVICE_TEXT.municipalityOnly} ${decision.reason}`);
      }
      if (!directory.employee(viewerId)) return refuse('forbidden', GAP_SERVICE_TEXT.municipalityOnly);
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

/** Both services over the same store and organisation. */
export function createCompetenceService(deps: ServiceDeps): CompetenceService {
  return { ...createRegistrationService(deps), ...createGapService(deps) };
}
