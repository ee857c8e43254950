/**
 * The storage port, as one import: a barrel over src/storage/ports/ (one file per aggregate) and
 * the record types the modules own in their model.ts files. Kept so that code importing
 * `storage/ports.js` still compiles; new code imports from the files themselves.
 */

export * from './ports/errors.js';
export * from './ports/kv.js';
export * from './ports/feedback.js';
export * from './ports/org.js';
export * from './ports/registration.js';
export * from './ports/samtale.js';
export * from './ports/audit.js';
export * from './ports/arshjul.js';
export * from './ports/hr-questions.js';
export * from './ports/delivery.js';
export * from './ports/jobs.js';
export * from './ports/store.js';

export type {
  CompetenceRegistrationRecord,
  RegistrationCertification,
  RegistrationCourse,
  RegistrationDigitalSkill,
  RegistrationEducation,
  RegistrationExperience,
  RegistrationLanguage,
  RegistrationMobilisation,
  RegistrationRating,
} from '../modules/registration/model.js';
export type {
  SamtaleActionRecord,
  SamtaleCommentRecord,
  SamtaleDevPlanRecord,
  SamtaleHistoryEntry,
  SamtaleNoteRecord,
  SamtaleParty,
  SamtalePreparationRecord,
  SamtalePreviousActionRecord,
  SamtaleRecord,
  SamtaleReferatRecord,
  SamtaleState,
} from '../modules/samtale/model.js';
export type { ArshjulClaim, ArshjulTaskRecord } from '../modules/arshjul/model.js';
export type { DeclinedQuestionCount, HrQuestionRecord } from '../modules/hr-questions/model.js';
