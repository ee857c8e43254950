import { z } from 'zod';
import { auditRecord, type AuditRepository } from '../ports.js';
import { openShardedCollection } from './json-document.js';

const entrySchema = z.object({
  samtaleId: z.string().min(1),
  viewerId: z.string(),
  action: z.enum(['view', 'export', 'command', 'lederbytte']),
  outcome: z.enum(['allowed', 'refused']),
  command: z.string().max(50).optional(),
  reason: z.string().max(50).optional(),
  at: z.string(),
});
const logSchema = z.object({ samtaleId: z.string(), entries: z.array(entrySchema) });

/**
 * The audit log of samtale openings, in shard files beside the data file
 * (`<data>.samtale-audit/NN.json`), one list per samtale, so an append rewrites one small
 * file. Append-only by construction: the port has no update or delete.
 */
export async function openLowdbAuditRepository(file: string): Promise<AuditRepository> {
  const collection = await openShardedCollection(file, 'samtale-audit', logSchema, 32);
  let total = 0;
  for (const log of collection.values()) total += log.entries.length;
  return {
    async append(entry) {
      const clean = auditRecord(entry);
      const current = collection.get(entry.samtaleId);
      total++;
      await collection.put(entry.samtaleId, { samtaleId: entry.samtaleId, entries: [...(current?.entries ?? []), clean] });
    },
    async listForSamtale(samtaleId) {
      return structuredClone(collection.get(samtaleId)?.entries ?? []);
    },
    async count() {
      return total;
    },
  };
}
