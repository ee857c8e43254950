/**
 * Retention of a samtale: when working notes and the referat may be deleted, what deleting
 * leaves, and the export for sak/arkiv that must come first. Pure; the caller passes the time.
 */
import type { SamtaleRecord } from './model.js';
import { HISTORY_SIZE } from './commands.js';

/** When the working notes of this samtale may be deleted; undefined while it is still running. */
export function workingNotesExpireAt(record: SamtaleRecord, months: number): Date | undefined {
  const end = record.confirmedAt ?? (record.state === 'avlyst' ? record.cancelledAt : undefined);
  if (!end) return undefined;
  const d = new Date(end);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * Deletes the working notes (both preparations and every conversation note; the shared notes
 * live on in the referat snapshot) `months` after the referat was confirmed or the samtale was
 * cancelled. Keeps the referat, actions, development plan and comments. Undefined when
 * nothing is due.
 */
export function purgeWorkingNotes(record: SamtaleRecord, now: Date, months: number): SamtaleRecord | undefined {
  const expires = workingNotesExpireAt(record, months);
  if (!expires || expires.getTime() > now.getTime() || record.workingNotesPurgedAt) return undefined;
  const next = structuredClone(record) as SamtaleRecord;
  for (const party of ['employee', 'leader'] as const) next.preparations[party].answers = {};
  next.notes = [];
  next.workingNotesPurgedAt = now.toISOString();
  next.version = record.version + 1;
  next.updatedAt = now.toISOString();
  // Fingerprints are derived from what people wrote: they go too.
  next.history = [{ v: next.version, scope: '*', fp: 'sletting' }];
  return next;
}

/**
 * Records that the leader exported the confirmed referat for sak/arkiv. Only a confirmed
 * referat counts: before that it may still be reopened and changed. Touches nothing a command
 * depends on, so no open card goes stale. Undefined when there is no confirmed referat.
 */
export function markReferatExported(record: SamtaleRecord, now: Date): SamtaleRecord | undefined {
  if (record.state !== 'bekreftet' || !record.referat || record.referatDeletedAt) return undefined;
  const next = structuredClone(record) as SamtaleRecord;
  next.referatExportedAt = now.toISOString();
  next.version = record.version + 1;
  next.updatedAt = now.toISOString();
  next.history = [...record.history, { v: next.version, scope: 'arkiv', fp: 'eksport' }].slice(-HISTORY_SIZE);
  return next;
}

/**
 * Whether the archived copy is complete: exported after the last comment. A comment written
 * after the export is not in the archive, so the referat needs exporting again.
 */
export function referatArchived(record: SamtaleRecord): boolean {
  if (!record.referatExportedAt) return false;
  return record.comments.every((c) => c.createdAt <= record.referatExportedAt!);
}

/** When the referat of this samtale may be deleted (confirmed + `months`); undefined while not confirmed. */
export function referatExpiresAt(record: SamtaleRecord, months: number): Date | undefined {
  if (record.state !== 'bekreftet' || !record.confirmedAt) return undefined;
  const d = new Date(record.confirmedAt);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * Deletes the referat content `months` after confirmation, once it is archived (see
 * {@link referatArchived}): the referat snapshot, comments, development plan, every note and
 * preparation answer, and the text of the actions (and of last time's actions). What is left is
 * a tombstone – ids, state, dates, action status and due dates – so overviews and counts stay
 * right. Undefined when nothing is due; a referat never archived is never deleted.
 */
export function deleteReferatContent(record: SamtaleRecord, now: Date, months: number): SamtaleRecord | undefined {
  const expires = referatExpiresAt(record, months);
  if (!expires || expires.getTime() > now.getTime() || record.referatDeletedAt || !referatArchived(record)) return undefined;
  const next = structuredClone(record) as SamtaleRecord;
  delete next.referat;
  for (const party of ['employee', 'leader'] as const) next.preparations[party].answers = {};
  next.notes = [];
  next.comments = [];
  next.devPlan = [];
  for (const a of next.actions) a.what = '';
  for (const p of next.previousActions) p.what = '';
  next.workingNotesPurgedAt ??= now.toISOString();
  next.referatDeletedAt = now.toISOString();
  next.version = record.version + 1;
  next.updatedAt = now.toISOString();
  next.history = [{ v: next.version, scope: '*', fp: 'sletting' }];
  return next;
}
