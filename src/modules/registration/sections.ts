/**
 * The employee's competence self-registration: the record, its sections (a card submits one
 * section at a time), and pure functions to apply a validated section. Validation is in
 * ./validation.ts: a section is validated whole before anything changes, so an error in one row
 * leaves the stored registration exactly as it was.
 */
import type { FieldError } from '../../shared/results.js';
import type { CompetenceRegistrationRecord } from './model.js';

export type CompetenceRegistration = CompetenceRegistrationRecord;

/** The parts of a registration a card can submit on its own. */
export const SECTIONS = [
  'education',
  'experience',
  'courses',
  'certifications',
  'languages',
  'digitalSkills',
  'selfAssessment',
  'mobilisation',
] as const;
export type RegistrationSection = (typeof SECTIONS)[number];

export const SECTION_NAMES: Record<RegistrationSection, string> = {
  education: 'Utdanning',
  experience: 'Arbeidserfaring',
  courses: 'Kurs og opplæring',
  certifications: 'Autorisasjoner og sertifikater',
  languages: 'Språk',
  digitalSkills: 'Digitale ferdigheter',
  selfAssessment: 'Egenvurdering',
  mobilisation: 'Kompetanse jeg ikke får brukt i jobben i dag',
};

/** What each section holds once validated: the stored record without its bookkeeping fields. */
export type SectionValues = Omit<CompetenceRegistrationRecord, 'employeeId' | 'version' | 'createdAt' | 'updatedAt'>;

export type SectionValidation<S extends RegistrationSection> =
  | { ok: true; value: SectionValues[S] }
  | { ok: false; errors: FieldError[] };

export const MAX_ITEMS = 30;
export const MAX_NOTE = 1000;

// ---------------------------------------------------------------------------------------------
// Months (day arithmetic and «today» in Oslo are src/shared/dates.ts)

/** Months between two `YYYY-MM` months, counting both ends (2020-01 → 2020-12 is 12). */
export function monthsInclusive(from: string, to: string): number {
  const n = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  return n(to) - n(from) + 1;
}


// ---------------------------------------------------------------------------------------------
// Applying a section

/** A registration with nothing in it (version 0 = not stored yet). */
export function emptyRegistration(employeeId: string, now: Date): CompetenceRegistration {
  const at = now.toISOString();
  return {
    employeeId,
    version: 0,
    createdAt: at,
    updatedAt: at,
    education: [],
    experience: [],
    courses: [],
    certifications: [],
    languages: [],
    digitalSkills: [],
    selfAssessment: [],
    mobilisation: { competenceIds: [] },
  };
}

/**
 * Returns a new registration with one section replaced and the version bumped. Pure: the
 * current registration is not changed.
 */
export function applySection<S extends RegistrationSection>(
  current: CompetenceRegistration | undefined,
  section: S,
  value: SectionValues[S],
  meta: { employeeId: string; now: Date },
): CompetenceRegistration {
  const base = current ?? emptyRegistration(meta.employeeId, meta.now);
  return {
    ...structuredClone(base),
    [section]: structuredClone(value),
    employeeId: meta.employeeId,
    version: base.version + 1,
    updatedAt: meta.now.toISOString(),
  };
}

/** Number of entries in a section, for logs (never the content). */
export function sectionSize(registration: CompetenceRegistration, section: RegistrationSection): number {
  const v = registration[section];
  return Array.isArray(v) ? v.length : v.competenceIds.length + (v.note ? 1 : 0);
}
