import { competenceRegistrationRecordSchema, type CompetenceRegistrationRecord } from '../../modules/registration/model.js';
import { ConcurrencyError } from '../ports/errors.js';
import type { RegistrationRepository } from '../ports/registration.js';
import { openShardedCollection } from './json-document.js';

/** More, smaller files than the default: one save rewrites ~1/64 of the registrations. */
const SHARDS = 64;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Registrations in shard files beside the data file (`<data>.registrations/NN.json`), so saving
 * one rewrites one small file. Stored records are frozen copies: reads hand them out without
 * copying (the whole-municipality gap reads all 12,500), and no caller can change them.
 * The version check and the in-memory update happen synchronously before the awaited flush,
 * so two saves racing on the same version cannot both win.
 */
export async function openLowdbRegistrationRepository(file: string): Promise<RegistrationRepository> {
  const collection = await openShardedCollection(file, 'registrations', competenceRegistrationRecordSchema, SHARDS);
  // Freeze what was loaded; the collection keeps the same objects in its index and its files.
  for (const record of collection.values()) deepFreeze(record);

  return {
    async get(employeeId) {
      return collection.get(employeeId);
    },
    async save(record, expectedVersion) {
      const stored = collection.get(record.employeeId)?.version ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== stored) throw new ConcurrencyError(record.employeeId);
      await collection.put(record.employeeId, deepFreeze(structuredClone(record)));
    },
    async delete(employeeId) {
      return collection.delete(employeeId);
    },
    async listByEmployeeIds(employeeIds) {
      const out = new Map<string, CompetenceRegistrationRecord>();
      for (const id of employeeIds) {
        const record = collection.get(id);
        if (record) out.set(id, record);
      }
      return out;
    },
    async all() {
      return [...collection.values()];
    },
    async count() {
      return collection.size;
    },
  };
}
