import { z } from 'zod';
import { ConcurrencyError, type CompetenceRegistrationRecord, type RegistrationRepository } from '../ports.js';
import { openShardedCollection } from './json-document.js';

/**
 * Shape check of a stored registration when the shard files are opened. Business rules (known
 * competences, dates, lengths) are the module's; this only keeps a hand-edited or truncated
 * file from loading as something else.
 */
const ids = z.array(z.string());
const recordSchema: z.ZodType<CompetenceRegistrationRecord> = z.object({
  employeeId: z.string().min(1),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  education: z.array(
    z.object({
      level: z.string(),
      field: z.string(),
      institution: z.string().optional(),
      completedYear: z.number().optional(),
      credits: z.number().optional(),
      inProgress: z.boolean(),
      competenceIds: ids,
    }),
  ),
  experience: z.array(
    z.object({ role: z.string(), workplace: z.string().optional(), from: z.string(), to: z.string().optional(), competenceIds: ids }),
  ),
  courses: z.array(
    z.object({
      name: z.string(),
      provider: z.string().optional(),
      completedOn: z.string().optional(),
      hours: z.number().optional(),
      inProgress: z.boolean(),
      competenceIds: ids,
    }),
  ),
  certifications: z.array(
    z.object({ competenceId: z.string().optional(), name: z.string(), issuedOn: z.string().optional(), validUntil: z.string().optional() }),
  ),
  languages: z.array(z.object({ language: z.string(), level: z.number() })),
  digitalSkills: z.array(z.object({ tool: z.string(), level: z.number() })),
  selfAssessment: z.array(z.object({ competenceId: z.string(), level: z.number() })),
  mobilisation: z.object({ competenceIds: ids, note: z.string().optional() }),
});

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
  const collection = await openShardedCollection(file, 'registrations', recordSchema, SHARDS);
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
