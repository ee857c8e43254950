import type { CompetenceRegistrationRecord } from '../../modules/registration/model.js';
import type { ConcurrencyError } from './errors.js';

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
