/**
 * The storage port: plain record types and repository interfaces. Adapters (lowdb today,
 * PostgreSQL later) implement these and pass the same contract tests in test/storage/.
 * No adapter type leaks out of this file.
 */

import type { OrgSnapshot } from '../modules/org/model.js';

export type { OrgSnapshot };

/** A stored value with its optimistic-concurrency tag. */
export interface VersionedValue {
  value: Record<string, unknown>;
  eTag: string;
}

export interface KeyValueWrite {
  key: string;
  value: Record<string, unknown>;
  /** When set (and not '*'), the write fails with {@link ConcurrencyError} unless the stored eTag matches. */
  expectedETag?: string;
}

/** Key/value documents with eTags; backs the bot's turn state. */
export interface KeyValueRepository {
  read(keys: string[]): Promise<Map<string, VersionedValue>>;
  /** Writes all items or none. */
  write(items: KeyValueWrite[]): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** «Var dette nyttig?» answer on one Q&A reply. */
export interface FeedbackRecord {
  /** One record per answer card and user: a second click replaces the first. */
  id: string;
  entryId: string;
  helpful: boolean;
  /** Teams user id (AAD object id when known). */
  userId: string;
  /** UTC ISO-8601. */
  createdAt: string;
}

export interface FeedbackSummary {
  entryId: string;
  helpful: number;
  notHelpful: number;
}

export interface FeedbackRepository {
  /** Inserts or replaces by id. */
  upsert(record: FeedbackRecord): Promise<void>;
  get(id: string): Promise<FeedbackRecord | undefined>;
  summary(): Promise<FeedbackSummary[]>;
  count(): Promise<number>;
}

/**
 * The organisation ("who is who"): one snapshot, replaced whole by each import. A reader sees
 * the old or the new organisation, never a mix.
 */
export interface OrgRepository {
  /** The last imported organisation; undefined before the first import. */
  load(): Promise<OrgSnapshot | undefined>;
  /** Replaces the stored organisation in one atomic write; on failure the old one stays. */
  replace(snapshot: OrgSnapshot): Promise<void>;
}

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
 * One employee's competence self-registration (kompetanseregistrering). Plain data; the rules
 * live in src/modules/competence/registration.ts.
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

/**
 * Competence self-registrations, one per employee. Records handed out are read-only snapshots:
 * they may be frozen, and changing them never changes what is stored.
 */
export interface RegistrationRepository {
  get(employeeId: string): Promise<CompetenceRegistrationRecord | undefined>;
  /**
   * Inserts or replaces. With `expectedVersion` (the version the caller read; 0 = none stored)
   * nothing is written and {@link ConcurrencyError} is thrown unless the stored version matches.
   */
  save(record: CompetenceRegistrationRecord, expectedVersion?: number): Promise<void>;
  /** True when there was something to delete. */
  delete(employeeId: string): Promise<boolean>;
  /** The stored registrations of these employees; ids without one are absent from the map. */
  listByEmployeeIds(employeeIds: Iterable<string>): Promise<Map<string, CompetenceRegistrationRecord>>;
  all(): Promise<CompetenceRegistrationRecord[]>;
  count(): Promise<number>;
}

/** Everything a module may need from storage. */
export interface Store {
  readonly kind: string;
  kv: KeyValueRepository;
  feedback: FeedbackRepository;
  org: OrgRepository;
  registrations: RegistrationRepository;
  close(): Promise<void>;
}

/** A conditional write lost against a newer version. */
export class ConcurrencyError extends Error {
  constructor(readonly key: string) {
    super(`Samtidig endring av «${key}»: lagret versjon er nyere`);
    this.name = 'ConcurrencyError';
  }
}

/** The data file exists but cannot be used; the bot refuses to start rather than overwrite it. */
export class CorruptStoreError extends Error {
  constructor(readonly file: string, detail: string) {
    super(
      `Datafilen ${file} er ødelagt (${detail}). Boten starter ikke, for ikke å overskrive data. ` +
        'Gjenopprett filen fra sikkerhetskopi, eller flytt den bort for å starte med tomt lager.',
    );
    this.name = 'CorruptStoreError';
  }
}
