import { z } from 'zod';
import { hrQuestionRecordSchema } from '../../modules/hr-questions/model.js';
import type { HrQuestionRepository } from '../ports/hr-questions.js';
import { MEMORY, openJsonDocument } from './json-document.js';

const fileSchema = z.object({
  version: z.literal(1),
  questions: z.record(hrQuestionRecordSchema),
  /** day → normalised text → count. */
  declines: z.record(z.record(z.number())),
});

/** `data/kompetansebot.json` → `data/kompetansebot.hr-questions.json`. */
export function hrQuestionsFileFor(dataFile: string): string {
  return dataFile === MEMORY ? MEMORY : `${dataFile.replace(/\.json$/i, '')}.hr-questions.json`;
}

/**
 * Questions sent to HR and the declined-question counts, in their own file beside DATA_FILE.
 * Every check-and-set happens synchronously on the in-memory copy before the awaited flush, so
 * two answers to the same question in this process cannot both win.
 */
export async function openLowdbHrQuestionRepository(dataFile: string): Promise<HrQuestionRepository & { flush(): Promise<void> }> {
  const doc = await openJsonDocument(hrQuestionsFileFor(dataFile), fileSchema, () => ({ version: 1 as const, questions: {}, declines: {} }));
  const db = doc.data;
  return {
    /** Waits for writes under way (a decline count is written after the turn that counted it). */
    flush: () => doc.flush(),
    async create(record) {
      if (db.questions[record.id]) return false;
      db.questions[record.id] = structuredClone(record);
      await doc.flush();
      return true;
    },
    async get(id) {
      const r = db.questions[id];
      return r ? structuredClone(r) : undefined;
    },
    async answer(id, answer) {
      const r = db.questions[id];
      if (!r || r.answeredAt) return false;
      Object.assign(r, answer);
      await doc.flush();
      return true;
    },
    async deleteAskedBefore(before) {
      const cutoff = Date.parse(before);
      let removed = 0;
      for (const [id, r] of Object.entries(db.questions)) {
        if (Date.parse(r.askedAt) < cutoff) {
          delete db.questions[id];
          removed++;
        }
      }
      if (removed) await doc.flush();
      return removed;
    },
    async recordDecline(text, day) {
      const perDay = (db.declines[day] ??= {});
      perDay[text] = (perDay[text] ?? 0) + 1;
      await doc.flush();
    },
    async topDeclines(limit) {
      const totals = new Map<string, number>();
      for (const perDay of Object.values(db.declines)) for (const [text, n] of Object.entries(perDay)) totals.set(text, (totals.get(text) ?? 0) + n);
      return [...totals]
        .map(([text, count]) => ({ text, count }))
        .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
        .slice(0, limit);
    },
    async deleteDeclinesBefore(day) {
      let removed = 0;
      for (const [d, perDay] of Object.entries(db.declines)) {
        if (d < day) {
          removed += Object.keys(perDay).length;
          delete db.declines[d];
        }
      }
      if (removed) await doc.flush();
      return removed;
    },
  };
}
