/** Key/value documents with eTags: the bot's turn state. */
import { z } from 'zod';

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

/** The stored shape of a {@link VersionedValue}. */
export const versionedValueSchema: z.ZodType<VersionedValue> = z.object({ value: z.record(z.unknown()), eTag: z.string() });
