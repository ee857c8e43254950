import { z } from 'zod';
import { auditEntrySchema, auditRecord, type AuditRepository } from '../ports/audit.js';
import { openShardedCollection } from './json-document.js';

const logSchema = z.object({ samtaleId: z.string(), entries: z.array(auditEntrySchema) });

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
