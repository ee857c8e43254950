import { z } from 'zod';
import { arshjulTaskRecordSchema, type ArshjulTaskRecord } from '../../modules/arshjul/model.js';
import type { ArshjulStateRepository } from '../ports/arshjul.js';
import { MEMORY, openJsonDocument } from './json-document.js';

const fileSchema = z.object({
  version: z.literal(1),
  lastRunAt: z.string().nullable(),
  tasks: z.record(arshjulTaskRecordSchema),
  /** key → when it was claimed and for which occurrence. */
  sent: z.record(z.object({ occurrenceId: z.string(), at: z.string() })),
});

/** `data/kompetansebot.json` → `data/kompetansebot.arshjul.json`. */
export function arshjulFileFor(dataFile: string): string {
  return dataFile === MEMORY ? MEMORY : `${dataFile.replace(/\.json$/i, '')}.arshjul.json`;
}

const idOf = (eventId: string, occurrenceId: string, employeeId: string) => `${eventId}:${occurrenceId}:${encodeURIComponent(employeeId)}`;

/**
 * Årshjul state in its own file beside DATA_FILE: claims are written every planning run, and
 * rewriting the main file for them would be wasteful. Every check-and-set happens synchronously
 * on the in-memory copy before the awaited flush, so two runs claiming the same key in this
 * process cannot both get it.
 */
export async function openLowdbArshjulRepository(dataFile: string): Promise<ArshjulStateRepository> {
  const doc = await openJsonDocument(arshjulFileFor(dataFile), fileSchema, () => ({ version: 1 as const, lastRunAt: null, tasks: {}, sent: {} }));
  const db = doc.data;
  const upsert = (eventId: string, occurrenceId: string, employeeId: string): ArshjulTaskRecord => {
    const id = idOf(eventId, occurrenceId, employeeId);
    const task = db.tasks[id] ?? { eventId, occurrenceId, employeeId };
    db.tasks[id] = task;
    return task;
  };
  return {
    async tasks() {
      return Object.values(db.tasks).map((t) => ({ ...t }));
    },
    async getTask(eventId, occurrenceId, employeeId) {
      const t = db.tasks[idOf(eventId, occurrenceId, employeeId)];
      return t ? { ...t } : undefined;
    },
    async markDone(eventId, occurrenceId, employeeId, doneAt, doneBy) {
      const existing = db.tasks[idOf(eventId, occurrenceId, employeeId)];
      if (existing?.doneAt) return false;
      const task = upsert(eventId, occurrenceId, employeeId);
      task.doneAt = doneAt;
      task.doneBy = doneBy;
      await doc.flush();
      return true;
    },
    async snooze(eventId, occurrenceId, employeeId, snoozedAt, until) {
      const task = upsert(eventId, occurrenceId, employeeId);
      task.snoozedAt = snoozedAt;
      task.snoozeUntil = until;
      await doc.flush();
    },
    async claim(claims, at) {
      const fresh: string[] = [];
      for (const c of claims) {
        if (db.sent[c.key]) continue;
        db.sent[c.key] = { occurrenceId: c.occurrenceId, at };
        fresh.push(c.key);
      }
      if (fresh.length) await doc.flush();
      return fresh;
    },
    async sentKeys() {
      return new Set(Object.keys(db.sent));
    },
    async lastPlanningRun() {
      return db.lastRunAt ?? undefined;
    },
    async setLastPlanningRun(at) {
      if (db.lastRunAt && Date.parse(db.lastRunAt) >= Date.parse(at)) return;
      db.lastRunAt = at;
      await doc.flush();
    },
    async pruneBefore(occurrenceId) {
      let removed = 0;
      for (const [id, t] of Object.entries(db.tasks)) {
        if (t.occurrenceId < occurrenceId) {
          delete db.tasks[id];
          removed++;
        }
      }
      for (const [key, s] of Object.entries(db.sent)) {
        if (s.occurrenceId < occurrenceId) {
          delete db.sent[key];
          removed++;
        }
      }
      if (removed) await doc.flush();
      return removed;
    },
  };
}
