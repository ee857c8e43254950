/**
 * Competence self-registration (kompetanseregistrering): the stored record and the one zod schema
 * that checks its shape wherever it is read back (the lowdb files and PostgreSQL rows). Business
 * rules (known competences, dates, lengths) are the module's; the schema only keeps a hand-edited
 * or truncated record from loading as something else.
 */
import { z } from 'zod';

/** One education (utdanning) in a competence self-registration. */
export interface RegistrationEducation {
  /** videregaende | fagbrev | fagskole | bachelor | master | doktorgrad */
  level: string;
  /** Subject or programme, in the employee's words. */
  field: string;
  institution?: string;
  completedYear?: number;
  /** Studiepoeng, when known. */
  credits?: number;
  /** Under way: shown, but does not meet a requirement yet. */
  inProgress: boolean;
  /** Catalogue competences (kind `formal`) this education gives. */
  competenceIds: string[];
}

/** One period of work experience. Months are `YYYY-MM`; no `to` means ongoing. */
export interface RegistrationExperience {
  role: string;
  workplace?: string;
  from: string;
  to?: string;
  competenceIds: string[];
}

export interface RegistrationCourse {
  name: string;
  provider?: string;
  /** `YYYY-MM-DD`. */
  completedOn?: string;
  hours?: number;
  inProgress: boolean;
  competenceIds: string[];
}

/** An authorisation or certificate; `validUntil` (`YYYY-MM-DD`, inclusive) when it expires. */
export interface RegistrationCertification {
  competenceId?: string;
  name: string;
  issuedOn?: string;
  validUntil?: string;
}

/** Self-assessed level 1–4 (see the catalogue's level descriptions). */
export interface RegistrationLanguage {
  language: string;
  level: number;
}

export interface RegistrationDigitalSkill {
  tool: string;
  level: number;
}

export interface RegistrationRating {
  competenceId: string;
  level: number;
}

/** «Kompetanse jeg ikke får brukt i jobben i dag» (mobilisation potential). */
export interface RegistrationMobilisation {
  competenceIds: string[];
  note?: string;
}

/**
 * One employee's competence self-registration. Plain data; the rules live in the registration
 * module's use cases.
 */
export interface CompetenceRegistrationRecord {
  employeeId: string;
  /** 1 after the first save, +1 on every save: the optimistic-concurrency tag. */
  version: number;
  /** UTC ISO-8601. */
  createdAt: string;
  updatedAt: string;
  education: RegistrationEducation[];
  experience: RegistrationExperience[];
  courses: RegistrationCourse[];
  certifications: RegistrationCertification[];
  languages: RegistrationLanguage[];
  digitalSkills: RegistrationDigitalSkill[];
  selfAssessment: RegistrationRating[];
  mobilisation: RegistrationMobilisation;
}

const ids = z.array(z.string());

/** The stored shape of a {@link CompetenceRegistrationRecord}. */
export const competenceRegistrationRecordSchema: z.ZodType<CompetenceRegistrationRecord> = z.object({
  employeeId: z.string().min(1),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  education: z.array(
    z.object({
      level: z.string(),
      field: z.string(),
      institution: z.string().optional(),
      completedYear: z.number().optional(),
      credits: z.number().optional(),
      inProgress: z.boolean(),
      competenceIds: ids,
    }),
  ),
  experience: z.array(
    z.object({ role: z.string(), workplace: z.string().optional(), from: z.string(), to: z.string().optional(), competenceIds: ids }),
  ),
  courses: z.array(
    z.object({
      name: z.string(),
      provider: z.string().optional(),
      completedOn: z.string().optional(),
      hours: z.number().optional(),
      inProgress: z.boolean(),
      competenceIds: ids,
    }),
  ),
  certifications: z.array(
    z.object({ competenceId: z.string().optional(), name: z.string(), issuedOn: z.string().optional(), validUntil: z.string().optional() }),
  ),
  languages: z.array(z.object({ language: z.string(), level: z.number() })),
  digitalSkills: z.array(z.object({ tool: z.string(), level: z.number() })),
  selfAssessment: z.array(z.object({ competenceId: z.string(), level: z.number() })),
  mobilisation: z.object({ competenceIds: ids, note: z.string().optional() }),
});
