import type { z } from 'zod';
import { CorruptStoreError } from '../ports/errors.js';

/**
 * A reader for the records of one table: checks each value read back from PostgreSQL with the
 * record's schema (the same one the lowdb adapter checks its files with) and returns the parsed
 * record. A row that does not match gives {@link CorruptStoreError} naming the table and the
 * fields, never their values.
 */
export function recordReader<T>(schema: z.ZodType<T>, table: string): (value: unknown) => T {
  return (value) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(hele posten)'))].slice(0, 5);
    throw CorruptStoreError.row(table, `uventet innhold i ${fields.map((f) => `«${f}»`).join(', ')}`);
  };
}
