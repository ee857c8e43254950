import { z } from 'zod';
import { ConcurrencyError, type SamtaleRecord, type SamtaleRepository } from '../ports.js';
import { openShardedCollection } from './json-document.js';

/**
 * Shape check of a stored samtale when the shard files are opened. The flow's rules are the
 * module's; this only keeps a hand-edited or truncated file from loading as something else.
 */
const iso = z.string();
const preparation = z.object({
  answers: z.record(z.record(z.string())),
  updatedAt: iso.optional(),
  submittedAt: iso.optional(),
});
const recordSchema: z.ZodType<SamtaleRecord> = z.object({
  id: z.string().min(1),
  employeeId: z.string().min(1),
  leaderId: z.string().min(1),
  unitId: z.string(),
  templateId: z.string(),
  scheduledFor: z.string(),
  year: z.number().int(),
  state: z.enum(['planlagt', 'forberedes', 'klar', 'gjennomfores', 'referat_sendt', 'bekreftet', 'avlyst']),
  version: z.number().int().min(1),
  createdAt: iso,
  updatedAt: iso,
  preparations: z.object({ employee: preparation, leader: preparation }),
  openedAt: iso.optional(),
  confirmedAt: iso.optional(),
  cancelledAt: iso.optional(),
  notes: z.array(
    z.object({
      id: z.string(),
      authorId: z.string(),
      visibility: z.enum(['shared', 'private']),
      sectionId: z.string().optional(),
      text: z.string(),
      createdAt: iso,
    }),
  ),
  actions: z.array(
    z.object({
      id: z.string(),
      what: z.string(),
      ownerEmployeeId: z.string(),
      dueDate: z.string(),
      status: z.enum(['open', 'done', 'carried']),
      createdAt: iso,
      closedAt: iso.optional(),
      carriedFrom: z.object({ samtaleId: z.string(), actionId: z.string() }).optional(),
    }),
  ),
  devPlan: z.array(z.object({ id: z.string(), what: z.string(), competenceId: z.string().optional(), createdAt: iso })),
  previousActions: z.array(
    z.object({
      samtaleId: z.string(),
      actionId: z.string(),
      what: z.string(),
      ownerEmployeeId: z.string(),
      dueDate: z.string(),
      decision: z.enum(['closed', 'carried']).optional(),
      decidedAt: iso.optional(),
      carriedAs: z.string().optional(),
    }),
  ),
  comments: z.array(z.object({ id: z.string(), authorId: z.string(), text: z.string(), createdAt: iso, afterConfirmation: z.boolean() })),
  referat: z
    .object({
      sentAt: iso,
      summary: z.string().optional(),
      employee: z.object({ id: z.string(), name: z.string() }),
      leader: z.object({ id: z.string(), name: z.string() }),
      unit: z.object({ id: z.string(), name: z.string() }).optional(),
      scheduledFor: z.string(),
      sharedNotes: z.array(z.object({ sectionId: z.string().optional(), text: z.string() })),
      actions: z.array(
        z.object({ id: z.string(), what: z.string(), ownerEmployeeId: z.string(), ownerName: z.string(), dueDate: z.string(), carried: z.boolean() }),
      ),
      devPlan: z.array(z.object({ id: z.string(), what: z.string(), competenceId: z.string().optional(), competenceName: z.string().optional() })),
      previousActions: z.array(
        z.object({ what: z.string(), dueDate: z.string(), decision: z.enum(['closed', 'carried']), newDueDate: z.string().optional() }),
      ),
    })
    .optional(),
  workingNotesPurgedAt: iso.optional(),
  referatExportedAt: iso.optional(),
  referatDeletedAt: iso.optional(),
  closedReason: z.literal('lederbytte').optional(),
  closedForLeaderId: z.string().optional(),
  history: z.array(z.object({ v: z.number().int(), scope: z.string(), fp: z.string() })),
});

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
  const collection = await openShardedCollection(file, 'samtaler', recordSchema, 32);
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
