import { samtaleRecordSchema, type SamtaleRecord } from '../../modules/samtale/model.js';
import { ConcurrencyError } from '../ports/errors.js';
import type { SamtaleRepository } from '../ports/samtale.js';
import { openShardedCollection } from './json-document.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const byDate = (a: SamtaleRecord, b: SamtaleRecord) =>
  a.scheduledFor.localeCompare(b.scheduledFor) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * Samtaler in shard files beside the data file (`<data>.samtaler/NN.json`), so saving one
 * rewrites one small file. Stored records are frozen copies, handed out without copying.
 * An in-memory index by employee keeps the per-person lists cheap. The version check and the
 * in-memory update happen synchronously before the awaited flush, so two saves racing on the
 * same version cannot both win.
 */
export async function openLowdbSamtaleRepository(file: string): Promise<SamtaleRepository> {
  const collection = await openShardedCollection(file, 'samtaler', samtaleRecordSchema, 32);
  const byEmployee = new Map<string, Set<string>>();
  const index = (record: SamtaleRecord) => {
    let ids = byEmployee.get(record.employeeId);
    if (!ids) byEmployee.set(record.employeeId, (ids = new Set()));
    ids.add(record.id);
  };
  for (const record of collection.values()) {
    deepFreeze(record);
    index(record);
  }
  const forEmployee = (employeeId: string): SamtaleRecord[] =>
    [...(byEmployee.get(employeeId) ?? [])].map((id) => collection.get(id)!).filter(Boolean);

  return {
    async get(id) {
      return collection.get(id);
    },
    async save(record, expectedVersion) {
      const stored = collection.get(record.id);
      if ((stored?.version ?? 0) !== expectedVersion) throw new ConcurrencyError(record.id);
      if (stored && stored.employeeId !== record.employeeId) throw new Error('En samtale kan ikke flyttes til en annen medarbeider');
      const copy = deepFreeze(structuredClone(record));
      index(copy);
      await collection.put(record.id, copy);
    },
    async listForEmployee(employeeId) {
      return forEmployee(employeeId).sort(byDate);
    },
    async listForPair(employeeId, leaderId) {
      return forEmployee(employeeId)
        .filter((r) => r.leaderId === leaderId)
        .sort(byDate);
    },
    async listForEmployees(employeeIds, year) {
      const out: SamtaleRecord[] = [];
      for (const id of new Set(employeeIds)) for (const r of forEmployee(id)) if (year === undefined || r.year === year) out.push(r);
      return out.sort(byDate);
    },
    async listForUnit(unitId, year) {
      return [...collection.values()].filter((r) => r.unitId === unitId && (year === undefined || r.year === year)).sort(byDate);
    },
    async listForYear(year) {
      return [...collection.values()].filter((r) => r.year === year).sort(byDate);
    },
    async all() {
      return [...collection.values()].sort(byDate);
    },
    async count() {
      return collection.size;
    },
  };
}
