/**
 * What the command steps of `decide()` (decide-preparation.ts, decide-conversation.ts,
 * decide-referat.ts) share: the step they work on and the small validation helpers.
 */
import type { SamtaleParty, SamtaleRecord } from './model.js';
import { type Actor, type DecideContext, type MachineRefusal, type NotificationKind, refuse, type SamtaleCommand, type SamtaleEffect, type SamtaleNotification, TEXT } from './commands.js';
import type { FieldError } from '../../shared/results.js';
import { osloToday } from '../../shared/dates.js';

/**
 * One command being applied. `next` is a copy of `record` with the version already raised: a
 * step changes `next` and pushes to `effects`, and returns a refusal (nothing is saved) or
 * undefined (done).
 */
export interface Step<C extends SamtaleCommand = SamtaleCommand> {
  record: SamtaleRecord;
  next: SamtaleRecord;
  actor: Actor;
  party: SamtaleParty;
  command: C;
  ctx: DecideContext;
  /** `ctx.now` as ISO text. */
  now: string;
  effects: SamtaleEffect[];
  /** A new item id for this version («n7», «a7» …). */
  id(prefix: string): string;
  /** The other party's employee id. */
  other: string;
}

/** One step per command type of a group. */
export type Steps<T extends SamtaleCommand['type']> = { [K in T]: (step: Step<Extract<SamtaleCommand, { type: K }>>) => MachineRefusal | undefined };

export const trimmed = (s: unknown): string => (typeof s === 'string' ? s.replace(/\r\n?/g, '\n').trim() : '');

export function textError(field: string, value: unknown, max: number, required: boolean): FieldError | undefined {
  if (value !== undefined && value !== null && typeof value !== 'string') return { field, message: 'Må være tekst.' };
  const t = trimmed(value);
  if (required && !t) return { field, message: TEXT.writeSomething };
  if (t.length > max) return { field, message: `Kan ikke være lengre enn ${max} tegn (nå ${t.length}).` };
  return undefined;
}

export function invalid(errors: FieldError[]): MachineRefusal {
  return refuse('invalid', errors.length === 1 ? errors[0]!.message : 'Noen felt må rettes. Ingenting er lagret.', errors);
}

export function notify(record: SamtaleRecord, kind: NotificationKind, to: string, from: string): SamtaleNotification {
  return {
    kind,
    key: `${record.id}:${kind}:${to}:${record.version}`,
    toEmployeeId: to,
    fromEmployeeId: from,
    samtaleId: record.id,
    version: record.version,
    // Once held, a samtale is named by the day it was held (Oslo), not the day it was planned for.
    scheduledFor: record.openedAt ? osloToday(new Date(record.openedAt)) : record.scheduledFor,
  };
}
