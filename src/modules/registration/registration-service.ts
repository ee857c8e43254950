/**
 * Use cases of competence registration, each with its access check. The Teams cards and routes are
 * built on top of this API; nothing here knows about Teams. The gap use cases are in
 * ../gap/gap-service.ts.
 *
 * Who may do what: an employee reads, saves, exports and deletes only their own registration (the
 * caller passes the id it resolved from the Teams user, never an id typed by someone).
 *
 * Logs hold ids, counts and timings only: never competence data or free text.
 */
import type { Refusal as SharedRefusal } from '../../shared/results.js';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/dates.js';
import { ConcurrencyError } from '../../storage/ports/errors.js';
import type { RegistrationRepository } from '../../storage/ports/registration.js';
import type { AccessPolicy, OrgDirectory } from '../org/model.js';
import type { Competence, CompetenceContent, Profile } from './catalogue/content.js';
import { type ExportFormat, exportRegistration } from './export.js';
import { applySection, type CompetenceRegistration, emptyRegistration, type RegistrationSection, sectionSize } from './sections.js';
import type { FieldError } from '../../shared/results.js';
import { validateSection } from './validation.js';
import type { DownloadFile } from '../../shared/files.js';

/** A refused or impossible request, with a sentence to show the person. */
export type Refusal = SharedRefusal<'forbidden' | 'not-found'>;

export type Outcome<T> = ({ ok: true } & T) | Refusal;

export const refuse = (code: Refusal['code'], reason: string): Refusal => ({ ok: false, code, reason });

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

/** The organisation as the service needs it; the org module's OrgService fits. Read on every call, so a new import is seen at once. */
export interface OrgAccess {
  directory(): OrgDirectory;
  access(): AccessPolicy;
}

export interface RegistrationService {
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
  exportMyRegistration(employeeId: string, format: ExportFormat): Promise<Outcome<{ file: DownloadFile }>>;

}

export const COMPETENCE_TEXT = {
  unknownEmployee: 'Jeg finner deg ikke i organisasjonsoversikten, så jeg kan ikke lagre kompetanse for deg. Ta kontakt med HR for å bli lagt inn.',
  conflict:
    'Registreringen er endret et annet sted (for eksempel i et annet vindu) etter at du åpnet skjemaet. Ingenting er lagret. Åpne registreringen på nytt og gjør endringen igjen.',
} as const;

export function createRegistrationService(deps: {
  content: CompetenceContent;
  registrations: RegistrationRepository;
  org: OrgAccess;
  clock: Clock;
  logger: Logger;
}): RegistrationService {
  const { content, registrations, org, clock } = deps;
  const log = deps.logger.child('competence');


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
  };
}
