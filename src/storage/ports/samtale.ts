import type { SamtaleRecord } from '../../modules/samtale/model.js';
import type { ConcurrencyError } from './errors.js';

/**
 * Medarbeidersamtaler. Records handed out are read-only snapshots: they may be frozen, and
 * changing them never changes what is stored. Lists are sorted by `scheduledFor`, then `createdAt`.
 */
export interface SamtaleRepository {
  get(id: string): Promise<SamtaleRecord | undefined>;
  /**
   * Inserts or replaces. Nothing is written and {@link ConcurrencyError} is thrown unless the
   * stored version equals `expectedVersion` (0 = none stored).
   */
  save(record: SamtaleRecord, expectedVersion: number): Promise<void>;
  /** Every samtale of this employee. */
  listForEmployee(employeeId: string): Promise<SamtaleRecord[]>;
  /** The samtaler this leader started with this employee. */
  listForPair(employeeId: string, leaderId: string): Promise<SamtaleRecord[]>;
  /** The samtaler of these employees, optionally only those counting for `year`. */
  listForEmployees(employeeIds: Iterable<string>, year?: number): Promise<SamtaleRecord[]>;
  /** The samtaler started in this unit (the employee's unit at the start), optionally for one year. */
  listForUnit(unitId: string, year?: number): Promise<SamtaleRecord[]>;
  listForYear(year: number): Promise<SamtaleRecord[]>;
  all(): Promise<SamtaleRecord[]>;
  count(): Promise<number>;
}
