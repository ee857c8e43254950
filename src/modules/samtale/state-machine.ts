/**
 * The medarbeidersamtale as a pure state machine: states, commands, guards (who may do what in
 * which state), validation, and what each viewer may see. No storage, no clock, no Teams: the
 * caller passes the record, the actor, the command, the version the card was rendered from and
 * the time, and gets the next record (or a refusal with a Norwegian reason) plus the effects to
 * carry out (notifications, follow-up of an earlier samtale's action).
 *
 * Flow:
 *   planlagt ─saveAnswer/submitPreparation→ forberedes ─(both submitted)→ klar
 *   planlagt | forberedes | klar ─open→ gjennomfores ─sendReferat→ referat_sendt ─confirm→ bekreftet
 *   referat_sendt ─reopen→ gjennomfores;  planlagt … gjennomfores ─cancel→ avlyst
 *
 * Stale and double commands: every change raises `version` by one and records a short history
 * (version produced, what it touched, a fingerprint of the command). A command carries the
 * version its card was rendered from. The same command sent again (double click) is found in
 * the history and answered as done, without a second change. A command from an older version
 * is still applied when nothing it depends on changed since (the other party saving their own
 * preparation does not spoil your card); otherwise it is refused as stale, nothing changes.
 */
import { createHash } from 'node:crypto';
import type { SamtaleHistoryEntry, SamtaleParty, SamtalePreparationRecord, SamtaleRecord } from './model.js';
import { type Actor, type DecideContext, type Decision, HISTORY_SIZE, type MachineRefusal, refuse, type SamtaleCommand, type SamtaleEffect, STATE_LABELS, TEXT, guard } from './commands.js';
import { checkFutureDate } from './dates.js';
import { CONVERSATION_STEPS } from './decide-conversation.js';
import { PREPARATION_STEPS } from './decide-preparation.js';
import { REFERAT_STEPS } from './decide-referat.js';
import { notify, type Step } from './decide-support.js';

// The vocabulary (commands.ts), dates, visibility, retention and leader change live in their own
// files; import them from there.

// ---------------------------------------------------------------------------------------------
// Start

export type StartInput = Pick<SamtaleRecord, 'id' | 'employeeId' | 'leaderId' | 'unitId' | 'templateId' | 'scheduledFor'> & { now: Date };

/**
 * A new samtale, state `planlagt`, version 1, with the open actions of the previous samtale to
 * review. The caller has checked that the leader is the employee's current leader.
 */
export function startSamtale(
  input: StartInput,
  previous?: SamtaleRecord,
): { ok: true; record: SamtaleRecord; effects: SamtaleEffect[] } | MachineRefusal {
  const dateError = checkFutureDate(input.scheduledFor, input.now, 1);
  if (dateError) return refuse('invalid', 'Sjekk datoen.', [{ field: 'date', message: dateError }]);
  const at = input.now.toISOString();
  const emptyPrep = (): SamtalePreparationRecord => ({ answers: {} });
  const record: SamtaleRecord = {
    id: input.id,
    employeeId: input.employeeId,
    leaderId: input.leaderId,
    unitId: input.unitId,
    templateId: input.templateId,
    scheduledFor: input.scheduledFor,
    year: Number(input.scheduledFor.slice(0, 4)),
    state: 'planlagt',
    version: 1,
    createdAt: at,
    updatedAt: at,
    preparations: { employee: emptyPrep(), leader: emptyPrep() },
    notes: [],
    actions: [],
    devPlan: [],
    previousActions: (previous?.actions ?? [])
      .filter((a) => a.status === 'open')
      .map((a) => ({ samtaleId: previous!.id, actionId: a.id, what: a.what, ownerEmployeeId: a.ownerEmployeeId, dueDate: a.dueDate })),
    comments: [],
    history: [{ v: 1, scope: '*', fp: 'start' }],
  };
  return { ok: true, record, effects: [{ kind: 'notify', notification: notify(record, 'invitasjon', input.employeeId, input.leaderId) }] };
}


// ---------------------------------------------------------------------------------------------
// Decide

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Fingerprint of a command as sent from a card rendered at `fromVersion`. */
export function fingerprint(actorId: string, fromVersion: number, command: SamtaleCommand): string {
  return createHash('sha256')
    .update(JSON.stringify([actorId, fromVersion, canonical(command)]))
    .digest('base64url')
    .slice(0, 16);
}

/** What a command touches. `*` changes the step (conflicts with everything); `+` only appends. */
export function scopeOf(party: SamtaleParty, command: SamtaleCommand): string {
  switch (command.type) {
    case 'saveAnswer':
      return `prep:${party}:${command.sectionId}`;
    case 'submitPreparation':
      return `prep:${party}`;
    case 'reschedule':
      return 'date';
    case 'addNote':
    case 'addAction':
    case 'addDevPlanItem':
    case 'comment':
      return '+';
    case 'removeItem':
      return `item:${command.itemId}`;
    case 'completeAction':
      return `item:${command.actionId}`;
    case 'reviewPreviousAction':
      return `prev:${command.actionId}`;
    default:
      return '*';
  }
}

function scopesConflict(a: string, b: string): boolean {
  if (a === '*' || b === '*') return true;
  if (a === '+' || b === '+') return false;
  return a === b || a.startsWith(`${b}:`) || b.startsWith(`${a}:`);
}

/** The other party's employee id, as the actor sees it. */
function counterpart(record: SamtaleRecord, actor: Actor, ctx: DecideContext): string {
  return actor.party === 'employee' ? ctx.currentLeaderId ?? record.leaderId : record.employeeId;
}

/** Every command's step, by type (see decide-*.ts). */
const STEPS = { ...PREPARATION_STEPS, ...CONVERSATION_STEPS, ...REFERAT_STEPS } satisfies Record<SamtaleCommand['type'], unknown>;

/**
 * Applies one command. `fromVersion` is the version the card was rendered from. Pure: the
 * input record is not changed; the result is a new record (or a refusal, nothing changed).
 */
export function decide(record: SamtaleRecord, actor: Actor, command: SamtaleCommand, fromVersion: number, ctx: DecideContext): Decision {
  if (actor.party === null) return refuse('forbidden', TEXT.noAccess);
  const party = actor.party;
  if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion > record.version) return refuse('stale', TEXT.unknownVersion);

  const fp = fingerprint(actor.employeeId, fromVersion, command);
  const scope = scopeOf(party, command);
  if (fromVersion < record.version) {
    const since = record.history.filter((h) => h.v > fromVersion);
    if (since.some((h) => h.fp === fp)) return { ok: true, record, duplicate: true, effects: [] };
    const complete = since.length === record.version - fromVersion;
    if (!complete || since.some((h) => h.scope === '*')) return refuse('stale', TEXT.staleStep(STATE_LABELS[record.state]));
    if (since.some((h) => scopesConflict(h.scope, scope))) return refuse('stale', TEXT.staleEdit);
  }

  const blocked = guard(record, actor, command.type);
  if (blocked) return blocked;

  const now = ctx.now.toISOString();
  const next = structuredClone(record) as SamtaleRecord;
  next.version = record.version + 1;
  next.updatedAt = now;
  next.history = [...record.history, { v: next.version, scope, fp } satisfies SamtaleHistoryEntry].slice(-HISTORY_SIZE);
  const effects: SamtaleEffect[] = [];
  const id = (prefix: string) => `${prefix}${next.version}`;
  const other = counterpart(record, actor, ctx);

  const step = (STEPS as Record<string, ((s: Step) => MachineRefusal | undefined) | undefined>)[command.type];
  if (!step) return refuse('invalid', `Ukjent handling ${(command as { type: string }).type}.`);
  const refused = step({ record, next, actor, party, command, ctx, now, effects, id, other });
  if (refused) return refused;
  return { ok: true, record: next, duplicate: false, effects };
}
