/**
 * System changes of a samtale (no actor): the follow-up of an earlier samtale's action, and what
 * a leader change does (close, carry the employee's own draft into a new samtale). Pure.
 */
import type { SamtaleRecord, SamtaleState } from './model.js';
import { HISTORY_SIZE, type NotificationKind, PREPARING, type SamtaleEffect, STATE_LABELS } from './commands.js';
import { sectionOf, type SamtaleTemplate } from './template.js';

/**
 * Marks an action of this (earlier) samtale as done or carried on, after it was reviewed in a
 * later samtale. Allowed in any state, also on a confirmed referat: the status is follow-up,
 * not referat content. Undefined when there is nothing to change.
 */
export function followUpAction(record: SamtaleRecord, actionId: string, status: 'done' | 'carried', now: Date): SamtaleRecord | undefined {
  const index = record.actions.findIndex((a) => a.id === actionId);
  if (index < 0 || record.actions[index]!.status !== 'open') return undefined;
  const next = structuredClone(record) as SamtaleRecord;
  next.actions[index]!.status = status;
  next.actions[index]!.closedAt = now.toISOString();
  next.version = record.version + 1;
  next.updatedAt = now.toISOString();
  next.history = [...record.history, { v: next.version, scope: `item:${actionId}`, fp: 'oppfolging' }].slice(-HISTORY_SIZE);
  return next;
}

/** States in which a leader change ends the samtale: everything before the referat is confirmed. */
export const CLOSED_BY_LEADER_CHANGE: readonly SamtaleState[] = ['planlagt', 'forberedes', 'klar', 'gjennomfores', 'referat_sendt'];

/** What people see for a samtale that ended at a leader change. */
export const LEADER_CHANGE_LABEL = 'Avsluttet ved lederbytte';

/** The state label of a record: «Avsluttet ved lederbytte» rather than «Avlyst» when that is why it ended. */
export function stateLabelOf(record: Pick<SamtaleRecord, 'state' | 'closedReason'>): string {
  return record.closedReason === 'lederbytte' ? LEADER_CHANGE_LABEL : STATE_LABELS[record.state];
}

/**
 * The employee's leader changed (org import or sync) from the leader of this samtale to
 * `newLeaderId` (undefined: none). A samtale not yet confirmed ends here, as «avsluttet ved
 * lederbytte»: nothing in it is handed to the new leader, the former leader loses access (see
 * {@link roleOf}), and the employee keeps their own preparation (they may carry it into a new
 * samtale). The employee, the former leader and the new leader are each told. A confirmed
 * referat is not touched: it keeps its parties, date and unit. Undefined when nothing changes.
 */
export function closeForLeaderChange(
  record: SamtaleRecord,
  newLeaderId: string | undefined,
  now: Date,
): { record: SamtaleRecord; effects: SamtaleEffect[] } | undefined {
  if (newLeaderId === record.leaderId || !CLOSED_BY_LEADER_CHANGE.includes(record.state)) return undefined;
  const at = now.toISOString();
  const next = structuredClone(record) as SamtaleRecord;
  next.state = 'avlyst';
  next.cancelledAt = at;
  next.closedReason = 'lederbytte';
  if (newLeaderId) next.closedForLeaderId = newLeaderId;
  else delete next.closedForLeaderId;
  next.version = record.version + 1;
  next.updatedAt = at;
  next.history = [...record.history, { v: next.version, scope: '*', fp: 'lederbytte' }].slice(-HISTORY_SIZE);
  // Keys per samtale and person: a rerun of the reconciliation never tells anyone twice.
  const tell = (kind: NotificationKind, to: string): SamtaleEffect => ({
    kind: 'notify',
    notification: { kind, key: `${record.id}:lederbytte:${to}`, toEmployeeId: to, fromEmployeeId: newLeaderId ?? record.leaderId, samtaleId: record.id, version: next.version, scheduledFor: record.scheduledFor },
  });
  const effects = [tell('lederbytte', record.employeeId), tell('lederbytte-tidligere', record.leaderId)];
  if (newLeaderId && newLeaderId !== record.employeeId) effects.push(tell('lederbytte-ny', newLeaderId));
  return { record: next, effects };
}

/**
 * The employee carries their own draft preparation from a samtale that ended at a leader change
 * into a new one (still being prepared, their preparation not sent in). Only the employee's own
 * answers, only for sections and questions of the new samtale's template; answers already
 * written in the new samtale are kept. Undefined when there is nothing to carry.
 */
export function carryPreparation(target: SamtaleRecord, from: SamtaleRecord, template: SamtaleTemplate, now: Date): SamtaleRecord | undefined {
  if (from.employeeId !== target.employeeId || from.closedReason !== 'lederbytte') return undefined;
  if (!PREPARING.includes(target.state) || target.preparations.employee.submittedAt) return undefined;
  const next = structuredClone(target) as SamtaleRecord;
  const own = next.preparations.employee;
  let carried = 0;
  for (const [sectionId, answers] of Object.entries(from.preparations.employee.answers)) {
    const section = sectionOf(template, sectionId);
    if (!section) continue;
    for (const [questionId, text] of Object.entries(answers)) {
      if (!section.questions.some((q) => q.id === questionId) || own.answers[sectionId]?.[questionId]) continue;
      own.answers[sectionId] = { ...(own.answers[sectionId] ?? {}), [questionId]: text };
      carried++;
    }
  }
  if (!carried) return undefined;
  const at = now.toISOString();
  own.updatedAt = at;
  if (next.state === 'planlagt') next.state = 'forberedes';
  next.version = target.version + 1;
  next.updatedAt = at;
  next.history = [...target.history, { v: next.version, scope: 'prep:employee', fp: `hent:${from.id}` }].slice(-HISTORY_SIZE);
  return next;
}
