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
import type {
  SamtaleActionRecord,
  SamtaleHistoryEntry,
  SamtaleNoteRecord,
  SamtaleParty,
  SamtalePreparationRecord,
  SamtaleRecord,
  SamtaleReferatRecord,
  SamtaleState,
} from '../../storage/ports.js';
import { sectionOf, type SamtaleTemplate } from './template.js';
import { formatDay } from '../../texts/index.js';

export type { SamtaleParty, SamtaleRecord, SamtaleState };

export const SAMTALE_STATES: readonly SamtaleState[] = ['planlagt', 'forberedes', 'klar', 'gjennomfores', 'referat_sendt', 'bekreftet', 'avlyst'];

/** What people see for each state. */
export const STATE_LABELS: Record<SamtaleState, string> = {
  planlagt: 'Planlagt',
  forberedes: 'Forberedes',
  klar: 'Klar til samtale',
  gjennomfores: 'Samtalen pågår',
  referat_sendt: 'Referat sendt – venter på bekreftelse',
  bekreftet: 'Referatet er bekreftet',
  avlyst: 'Avlyst',
};

export const PARTY_LABELS: Record<SamtaleParty, string> = { employee: 'medarbeideren', leader: 'lederen' };

/** Longest texts accepted (characters); cards set the same maxLength. */
export const LIMITS = { answer: 2000, note: 2000, what: 300, summary: 3000, comment: 1000 } as const;

/** How many applied commands each samtale remembers for telling double clicks from stale cards. */
export const HISTORY_SIZE = 100;

// ---------------------------------------------------------------------------------------------
// Commands

export type SamtaleCommand =
  /** Save one section of the actor's own preparation. An empty answer removes it. */
  | { type: 'saveAnswer'; sectionId: string; answers: Record<string, unknown> }
  | { type: 'submitPreparation' }
  /** New planned date, `YYYY-MM-DD`. */
  | { type: 'reschedule'; date: string }
  /** The leader starts the conversation: both preparations become visible to both. */
  | { type: 'open' }
  | { type: 'addNote'; visibility: 'shared' | 'private'; text: string; sectionId?: string }
  | { type: 'addAction'; what: string; ownerEmployeeId: string; dueDate: string }
  | { type: 'addDevPlanItem'; what: string; competenceId?: string }
  /** Removes a note, action or development-plan item added in this conversation. */
  | { type: 'removeItem'; itemId: string }
  /** Close an open action of the previous samtale, or carry it on as a new action with a new due date. */
  | { type: 'reviewPreviousAction'; actionId: string; decision: 'close' | 'carry'; dueDate?: string; ownerEmployeeId?: string }
  | { type: 'sendReferat'; summary?: string }
  /** The leader takes a sent (not yet confirmed) referat back to correct it. */
  | { type: 'reopen' }
  | { type: 'confirm'; comment?: string }
  | { type: 'comment'; text: string }
  /** Marks an agreed action as done (the owner or the leader). */
  | { type: 'completeAction'; actionId: string }
  | { type: 'cancel' };

export type SamtaleEvent = SamtaleCommand['type'] | 'start';

/** Who sends a command: their employee id and their part in this samtale (null: neither party). */
export interface Actor {
  employeeId: string;
  party: SamtaleParty | null;
}

export interface FieldError {
  field: string;
  message: string;
}

export type RefusalCode = 'forbidden' | 'not-allowed' | 'stale' | 'invalid';

export interface MachineRefusal {
  ok: false;
  code: RefusalCode;
  reason: string;
  errors?: FieldError[];
}

export type NotificationKind =
  | 'invitasjon'
  | 'forberedelse-sendt'
  | 'ny-dato'
  /** The leader started the conversation: to the employee, who can follow it. */
  | 'samtale-startet'
  | 'referat-sendt'
  | 'referat-gjenapnet'
  | 'bekreftet'
  | 'kommentar'
  | 'avlyst'
  /** The samtale ended because the employee's leader changed: to the employee … */
  | 'lederbytte'
  /** … and to the former leader, who no longer has access. */
  | 'lederbytte-tidligere'
  /** To the new leader: the employee's samtale with the former leader ended; start a new one. */
  | 'lederbytte-ny'
  /** To the new leader: the open actions of a confirmed referat the former leader held, for follow-up. */
  | 'tiltak-overtatt';

/**
 * A proactive message to send. Ids and dates only, never what anyone wrote: the card is built
 * from the samtale when it is shown. `key` is stable, so a delivery ledger can drop repeats.
 */
export interface SamtaleNotification {
  kind: NotificationKind;
  key: string;
  toEmployeeId: string;
  fromEmployeeId: string;
  samtaleId: string;
  /** The version after the change: a card built for it is current. */
  version: number;
  scheduledFor: string;
}

export type SamtaleEffect =
  | { kind: 'notify'; notification: SamtaleNotification }
  /** Update an action of an earlier samtale (reviewed in this one). */
  | { kind: 'followUpPrevious'; samtaleId: string; actionId: string; status: 'done' | 'carried' };

export type Decision =
  | { ok: true; record: SamtaleRecord; duplicate: boolean; effects: SamtaleEffect[] }
  | MachineRefusal;

export interface DecideContext {
  now: Date;
  /** The samtale's template (for section and question ids). */
  template: SamtaleTemplate;
  /** Names for the referat snapshot; falls back to the id. */
  nameOf?(employeeId: string): string | undefined;
  unit?: { id: string; name: string };
  /** The employee's current leader (who gets the employee's notices); defaults to the leader who started it. */
  currentLeaderId?: string;
  /**
   * The catalogue name of a competence, or undefined when unknown. Absent when the competence
   * capability is not there: then development-plan items cannot link to a competence.
   */
  competenceName?(competenceId: string): string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Guards

interface Rule {
  states: readonly SamtaleState[];
  parties: readonly SamtaleParty[];
}

const PREPARING: readonly SamtaleState[] = ['planlagt', 'forberedes'];
const BEFORE_CONVERSATION: readonly SamtaleState[] = ['planlagt', 'forberedes', 'klar'];
const BOTH: readonly SamtaleParty[] = ['employee', 'leader'];
const LEADER: readonly SamtaleParty[] = ['leader'];

/** Who may send which command in which state. Extra guards (own preparation sent, open actions from last time) come on top. */
export const RULES: Record<SamtaleCommand['type'], Rule> = {
  saveAnswer: { states: PREPARING, parties: BOTH },
  submitPreparation: { states: PREPARING, parties: BOTH },
  reschedule: { states: BEFORE_CONVERSATION, parties: LEADER },
  open: { states: BEFORE_CONVERSATION, parties: LEADER },
  addNote: { states: ['gjennomfores'], parties: BOTH },
  addAction: { states: ['gjennomfores'], parties: LEADER },
  addDevPlanItem: { states: ['gjennomfores'], parties: LEADER },
  removeItem: { states: ['gjennomfores'], parties: BOTH },
  reviewPreviousAction: { states: ['gjennomfores'], parties: LEADER },
  sendReferat: { states: ['gjennomfores'], parties: LEADER },
  reopen: { states: ['referat_sendt'], parties: LEADER },
  confirm: { states: ['referat_sendt'], parties: ['employee'] },
  comment: { states: ['referat_sendt', 'bekreftet'], parties: BOTH },
  completeAction: { states: ['referat_sendt', 'bekreftet'], parties: BOTH },
  cancel: { states: ['planlagt', 'forberedes', 'klar', 'gjennomfores'], parties: LEADER },
};

export const TEXT = {
  noAccess: 'Du har ikke tilgang til denne samtalen. Bare medarbeideren og nærmeste leder kan se den.',
  unknownVersion: 'Kortet har en ukjent versjon, så jeg har ikke gjort noe. Åpne samtalen på nytt.',
  staleStep: (label: string) =>
    `Dette kortet er fra et tidligere steg i samtalen (nå: «${label}»). Ingenting er endret – bruk det nyeste kortet.`,
  staleEdit:
    'Samtalen er endret etter at dette kortet ble vist (kanskje i et annet vindu). Ingenting er lagret. Åpne samtalen på nytt og prøv igjen.',
  alreadySubmitted: 'Du har allerede sendt inn forberedelsen din. Den kan ikke endres nå, men du kan ta det opp i samtalen.',
  sharedNoteLeaderOnly: 'Bare lederen skriver felles notater. Du kan skrive private notater, og kommentere referatet når det er sendt.',
  previousOpen: (n: number) =>
    n === 1
      ? 'Ett tiltak fra forrige samtale må lukkes eller videreføres før referatet kan sendes.'
      : `${n} tiltak fra forrige samtale må lukkes eller videreføres før referatet kan sendes.`,
  previousDone: 'Dette tiltaket fra forrige samtale er allerede behandlet.',
  actionDone: 'Tiltaket er allerede avsluttet.',
  actionOwnerOnly: 'Bare den som har ansvaret for tiltaket, eller lederen, kan markere det som fullført.',
  removeNotOwn: 'Du kan bare fjerne dine egne private notater. Felles notater, tiltak og utviklingsplan fjerner lederen.',
  writeSomething: 'Skriv noe før du lagrer.',
  referatDeleted: (at: string) => `Referatet er slettet etter arkivering (${formatDate(osloToday(new Date(at)))}), så ingenting kan endres.`,
} as const;

const ONLY_LEADER: Partial<Record<SamtaleCommand['type'], string>> = {
  reschedule: 'Bare lederen kan endre datoen for samtalen.',
  open: 'Bare lederen kan starte selve samtalen.',
  addAction: 'Bare lederen legger inn avtalte tiltak.',
  addDevPlanItem: 'Bare lederen legger inn punkter i utviklingsplanen.',
  reviewPreviousAction: 'Bare lederen lukker eller viderefører tiltak fra forrige samtale.',
  sendReferat: 'Bare lederen kan sende referatet.',
  reopen: 'Bare lederen kan gjenåpne referatet.',
  cancel: 'Bare lederen kan avlyse samtalen.',
};

const PREPARATION_EVENTS = new Set<SamtaleCommand['type']>(['saveAnswer', 'submitPreparation']);
const CONVERSATION_EVENTS = new Set<SamtaleCommand['type']>(['addNote', 'addAction', 'addDevPlanItem', 'removeItem', 'reviewPreviousAction', 'sendReferat']);

/** The sentence shown when `event` is not possible in `state` (the actor is allowed in principle). */
export function wrongStateReason(event: SamtaleCommand['type'], state: SamtaleState): string {
  if (state === 'avlyst') return 'Samtalen er avlyst, så ingenting kan endres.';
  if (state === 'bekreftet') return 'Referatet er bekreftet og låst. Du kan fortsatt legge til en kommentar.';
  if (PREPARATION_EVENTS.has(event)) {
    if (state === 'klar') return 'Begge har sendt inn forberedelsen, så den kan ikke endres lenger.';
    if (state === 'gjennomfores') return 'Samtalen er i gang, så forberedelsen kan ikke endres lenger.';
    return 'Samtalen er holdt, så forberedelsen kan ikke endres lenger.';
  }
  if (CONVERSATION_EVENTS.has(event) || event === 'open' || event === 'reschedule') {
    if (state === 'referat_sendt') return 'Referatet er sendt. Lederen må gjenåpne det for å gjøre endringer.';
    if (state === 'gjennomfores') return 'Samtalen er allerede i gang.';
    return 'Samtalen er ikke startet ennå. Lederen starter den med «Start samtalen».';
  }
  if (event === 'cancel') return 'Referatet er sendt, så samtalen kan ikke avlyses. Gjenåpne referatet først.';
  return 'Referatet er ikke sendt ennå.';
}

/** Guard of one command for one actor in the record's state (actor and state only, no payload). */
export function guard(record: SamtaleRecord, actor: Actor, type: SamtaleCommand['type']): MachineRefusal | undefined {
  if (actor.party === null) return refuse('forbidden', TEXT.noAccess);
  if (record.referatDeletedAt) return refuse('not-allowed', TEXT.referatDeleted(record.referatDeletedAt));
  const rule = RULES[type];
  if (!rule.parties.includes(actor.party)) {
    const reason = rule.parties.length === 1 && rule.parties[0] === 'employee' ? 'Bare medarbeideren kan bekrefte referatet.' : ONLY_LEADER[type] ?? TEXT.noAccess;
    return refuse('forbidden', reason);
  }
  if (!rule.states.includes(record.state)) return refuse('not-allowed', wrongStateReason(type, record.state));
  if (PREPARATION_EVENTS.has(type) && record.preparations[actor.party].submittedAt) return refuse('not-allowed', TEXT.alreadySubmitted);
  if (type === 'sendReferat') {
    const open = openPreviousActions(record).length;
    if (open > 0) return refuse('not-allowed', TEXT.previousOpen(open));
  }
  return undefined;
}

/** The commands this party can send now, for showing buttons. Payload checks come later. */
export function availableCommands(record: SamtaleRecord, party: SamtaleParty | null): SamtaleCommand['type'][] {
  return (Object.keys(RULES) as SamtaleCommand['type'][]).filter((t) => !guard(record, { employeeId: '', party }, t));
}

/** Actions of the previous samtale still waiting for a decision in this one. */
export function openPreviousActions(record: SamtaleRecord) {
  return record.previousActions.filter((p) => !p.decision);
}

// ---------------------------------------------------------------------------------------------
// Dates (Europe/Oslo for «today»; stored dates are plain `YYYY-MM-DD`)

const osloDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Oslo, `YYYY-MM-DD`. */
export function osloToday(now: Date): string {
  return osloDay.format(now);
}

/** A real calendar date `YYYY-MM-DD`? */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** `YYYY-MM-DD` plus days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** «23. november 2026» (the text layer's calendar day). */
export function formatDate(date: string): string {
  return (isIsoDate(date) && formatDay(date)) || date;
}

/**
 * Checks a date a person picked: a real date, not before today (Oslo), not more than
 * `maxYears` ahead. Returns the error message or undefined.
 */
export function checkFutureDate(value: unknown, now: Date, maxYears: number): string | undefined {
  if (!isIsoDate(value)) return 'Velg en gyldig dato.';
  const today = osloToday(now);
  if (value < today) return `Datoen har passert (${formatDate(value)}). Velg i dag eller en senere dato.`;
  if (value > addDays(today, Math.round(maxYears * 366))) return `Datoen kan ikke være mer enn ${maxYears} år fram i tid.`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Start

export interface StartInput {
  id: string;
  employeeId: string;
  leaderId: string;
  unitId: string;
  templateId: string;
  scheduledFor: string;
  now: Date;
}

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

function refuse(code: RefusalCode, reason: string, errors?: FieldError[]): MachineRefusal {
  return errors ? { ok: false, code, reason, errors } : { ok: false, code, reason };
}

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

const trimmed = (s: unknown): string => (typeof s === 'string' ? s.replace(/\r\n?/g, '\n').trim() : '');

function textError(field: string, value: unknown, max: number, required: boolean): FieldError | undefined {
  if (value !== undefined && value !== null && typeof value !== 'string') return { field, message: 'Må være tekst.' };
  const t = trimmed(value);
  if (required && !t) return { field, message: TEXT.writeSomething };
  if (t.length > max) return { field, message: `Kan ikke være lengre enn ${max} tegn (nå ${t.length}).` };
  return undefined;
}

function invalid(errors: FieldError[]): MachineRefusal {
  return refuse('invalid', errors.length === 1 ? errors[0]!.message : 'Noen felt må rettes. Ingenting er lagret.', errors);
}

function notify(record: SamtaleRecord, kind: NotificationKind, to: string, from: string): SamtaleNotification {
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

/** The other party's employee id, as the actor sees it. */
function counterpart(record: SamtaleRecord, actor: Actor, ctx: DecideContext): string {
  return actor.party === 'employee' ? ctx.currentLeaderId ?? record.leaderId : record.employeeId;
}

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

  switch (command.type) {
    case 'saveAnswer': {
      const section = sectionOf(ctx.template, command.sectionId);
      if (!section) return invalid([{ field: 'sectionId', message: 'Ukjent del av samtalen. Åpne samtalen på nytt.' }]);
      if (!command.answers || typeof command.answers !== 'object' || Array.isArray(command.answers)) {
        return invalid([{ field: 'answers', message: 'Svarene mangler.' }]);
      }
      const known = new Set(section.questions.map((q) => q.id));
      const errors: FieldError[] = [];
      const answers = { ...(next.preparations[party].answers[section.id] ?? {}) };
      for (const [questionId, value] of Object.entries(command.answers)) {
        const field = `answers.${questionId}`;
        if (!known.has(questionId)) {
          errors.push({ field, message: 'Ukjent spørsmål. Åpne samtalen på nytt.' });
          continue;
        }
        const error = textError(field, value, LIMITS.answer, false);
        if (error) errors.push(error);
        else if (trimmed(value)) answers[questionId] = trimmed(value);
        else delete answers[questionId];
      }
      if (errors.length) return invalid(errors);
      const prep = next.preparations[party];
      if (Object.keys(answers).length) prep.answers[section.id] = answers;
      else delete prep.answers[section.id];
      prep.updatedAt = now;
      if (next.state === 'planlagt') next.state = 'forberedes';
      break;
    }
    case 'submitPreparation': {
      next.preparations[party].submittedAt = now;
      const otherParty: SamtaleParty = party === 'employee' ? 'leader' : 'employee';
      next.state = next.preparations[otherParty].submittedAt ? 'klar' : 'forberedes';
      effects.push({ kind: 'notify', notification: notify(next, 'forberedelse-sendt', other, actor.employeeId) });
      break;
    }
    case 'reschedule': {
      const error = checkFutureDate(command.date, ctx.now, 1);
      if (error) return invalid([{ field: 'date', message: error }]);
      if (command.date === record.scheduledFor) return invalid([{ field: 'date', message: 'Samtalen står allerede på den datoen.' }]);
      next.scheduledFor = command.date;
      next.year = Number(command.date.slice(0, 4));
      effects.push({ kind: 'notify', notification: notify(next, 'ny-dato', record.employeeId, actor.employeeId) });
      break;
    }
    case 'open': {
      next.state = 'gjennomfores';
      next.openedAt = now;
      effects.push({ kind: 'notify', notification: notify(next, 'samtale-startet', record.employeeId, actor.employeeId) });
      break;
    }
    case 'addNote': {
      if (command.visibility !== 'shared' && command.visibility !== 'private') return invalid([{ field: 'visibility', message: 'Velg felles eller privat notat.' }]);
      if (command.visibility === 'shared' && party !== 'leader') return refuse('forbidden', TEXT.sharedNoteLeaderOnly);
      const errors = [textError('text', command.text, LIMITS.note, true)].filter((e): e is FieldError => !!e);
      if (command.sectionId !== undefined && !sectionOf(ctx.template, command.sectionId)) errors.push({ field: 'sectionId', message: 'Ukjent del av samtalen.' });
      if (errors.length) return invalid(errors);
      const note: SamtaleNoteRecord = { id: id('n'), authorId: actor.employeeId, visibility: command.visibility, text: trimmed(command.text), createdAt: now };
      if (command.sectionId) note.sectionId = command.sectionId;
      next.notes.push(note);
      break;
    }
    case 'addAction': {
      const errors = [
        textError('what', command.what, LIMITS.what, true),
        ownerError(record, actor, command.ownerEmployeeId),
        dueError(command.dueDate, ctx.now),
      ].filter((e): e is FieldError => !!e);
      if (errors.length) return invalid(errors);
      next.actions.push({ id: id('a'), what: trimmed(command.what), ownerEmployeeId: command.ownerEmployeeId, dueDate: command.dueDate, status: 'open', createdAt: now });
      break;
    }
    case 'addDevPlanItem': {
      const errors = [textError('what', command.what, LIMITS.what, true)].filter((e): e is FieldError => !!e);
      const competenceId = trimmed(command.competenceId);
      if (competenceId) {
        if (!ctx.competenceName) errors.push({ field: 'competenceId', message: 'Kompetansekatalogen er ikke tilgjengelig, så punktet kan ikke kobles til en kompetanse.' });
        else if (!ctx.competenceName(competenceId)) errors.push({ field: 'competenceId', message: 'Ukjent kompetanse i katalogen.' });
      }
      if (errors.length) return invalid(errors);
      next.devPlan.push({ id: id('d'), what: trimmed(command.what), ...(competenceId ? { competenceId } : {}), createdAt: now });
      break;
    }
    case 'removeItem': {
      const note = next.notes.find((n) => n.id === command.itemId);
      if (note) {
        const own = note.visibility === 'private' && note.authorId === actor.employeeId;
        if (!own && !(party === 'leader' && note.visibility === 'shared')) return refuse('forbidden', TEXT.removeNotOwn);
        next.notes = next.notes.filter((n) => n.id !== command.itemId);
        break;
      }
      const inActions = next.actions.find((a) => a.id === command.itemId);
      const inPlan = next.devPlan.find((d) => d.id === command.itemId);
      if (!inActions && !inPlan) return invalid([{ field: 'itemId', message: 'Fant ikke punktet. Det kan allerede være fjernet.' }]);
      if (party !== 'leader') return refuse('forbidden', TEXT.removeNotOwn);
      if (inActions?.carriedFrom) {
        // Removing a carried action undoes the decision on the old one, so it comes back for review.
        const prev = next.previousActions.find((p) => p.carriedAs === inActions.id);
        if (prev) {
          delete prev.decision;
          delete prev.decidedAt;
          delete prev.carriedAs;
        }
      }
      next.actions = next.actions.filter((a) => a.id !== command.itemId);
      next.devPlan = next.devPlan.filter((d) => d.id !== command.itemId);
      break;
    }
    case 'reviewPreviousAction': {
      const prev = next.previousActions.find((p) => p.actionId === command.actionId);
      if (!prev) return invalid([{ field: 'actionId', message: 'Fant ikke tiltaket fra forrige samtale.' }]);
      if (prev.decision) return refuse('not-allowed', TEXT.previousDone);
      if (command.decision === 'close') {
        prev.decision = 'closed';
        prev.decidedAt = now;
        effects.push({ kind: 'followUpPrevious', samtaleId: prev.samtaleId, actionId: prev.actionId, status: 'done' });
      } else if (command.decision === 'carry') {
        const owner = command.ownerEmployeeId ?? (prev.ownerEmployeeId === record.employeeId ? record.employeeId : actor.employeeId);
        const errors = [ownerError(record, actor, owner), dueError(command.dueDate, ctx.now)].filter((e): e is FieldError => !!e);
        if (errors.length) return invalid(errors);
        const action: SamtaleActionRecord = {
          id: id('a'),
          what: prev.what,
          ownerEmployeeId: owner,
          dueDate: command.dueDate!,
          status: 'open',
          createdAt: now,
          carriedFrom: { samtaleId: prev.samtaleId, actionId: prev.actionId },
        };
        next.actions.push(action);
        prev.decision = 'carried';
        prev.decidedAt = now;
        prev.carriedAs = action.id;
        effects.push({ kind: 'followUpPrevious', samtaleId: prev.samtaleId, actionId: prev.actionId, status: 'carried' });
      } else {
        return invalid([{ field: 'decision', message: 'Velg «lukk» eller «videreføres».' }]);
      }
      break;
    }
    case 'sendReferat': {
      const error = textError('summary', command.summary, LIMITS.summary, false);
      if (error) return invalid([error]);
      const summary = trimmed(command.summary);
      next.referat = buildReferat(next, actor, now, summary, ctx);
      next.state = 'referat_sendt';
      effects.push({ kind: 'notify', notification: notify(next, 'referat-sendt', record.employeeId, actor.employeeId) });
      effects.push({ kind: 'notify', notification: notify(next, 'referat-sendt', actor.employeeId, actor.employeeId) });
      break;
    }
    case 'reopen': {
      delete next.referat;
      next.state = 'gjennomfores';
      effects.push({ kind: 'notify', notification: notify(next, 'referat-gjenapnet', record.employeeId, actor.employeeId) });
      break;
    }
    case 'confirm': {
      const error = textError('comment', command.comment, LIMITS.comment, false);
      if (error) return invalid([error]);
      if (trimmed(command.comment)) {
        next.comments.push({ id: id('k'), authorId: actor.employeeId, text: trimmed(command.comment), createdAt: now, afterConfirmation: false });
      }
      next.state = 'bekreftet';
      next.confirmedAt = now;
      effects.push({ kind: 'notify', notification: notify(next, 'bekreftet', other, actor.employeeId) });
      break;
    }
    case 'comment': {
      const error = textError('text', command.text, LIMITS.comment, true);
      if (error) return invalid([error]);
      next.comments.push({ id: id('k'), authorId: actor.employeeId, text: trimmed(command.text), createdAt: now, afterConfirmation: record.state === 'bekreftet' });
      effects.push({ kind: 'notify', notification: notify(next, 'kommentar', other, actor.employeeId) });
      break;
    }
    case 'completeAction': {
      const action = next.actions.find((a) => a.id === command.actionId);
      if (!action) return invalid([{ field: 'actionId', message: 'Fant ikke tiltaket.' }]);
      if (party !== 'leader' && action.ownerEmployeeId !== actor.employeeId) return refuse('forbidden', TEXT.actionOwnerOnly);
      if (action.status !== 'open') return refuse('not-allowed', TEXT.actionDone);
      action.status = 'done';
      action.closedAt = now;
      break;
    }
    case 'cancel': {
      next.state = 'avlyst';
      next.cancelledAt = now;
      effects.push({ kind: 'notify', notification: notify(next, 'avlyst', record.employeeId, actor.employeeId) });
      break;
    }
    default: {
      const never: never = command;
      return refuse('invalid', `Ukjent handling ${(never as { type: string }).type}.`);
    }
  }
  return { ok: true, record: next, duplicate: false, effects };
}

function ownerError(record: SamtaleRecord, actor: Actor, owner: unknown): FieldError | undefined {
  if (owner === record.employeeId || owner === actor.employeeId) return undefined;
  return { field: 'ownerEmployeeId', message: 'Ansvarlig må være medarbeideren eller lederen.' };
}

function dueError(value: unknown, now: Date): FieldError | undefined {
  const message = checkFutureDate(value, now, 5);
  return message ? { field: 'dueDate', message } : undefined;
}

function buildReferat(record: SamtaleRecord, actor: Actor, sentAt: string, summary: string, ctx: DecideContext): SamtaleReferatRecord {
  const name = (id: string) => ctx.nameOf?.(id) ?? id;
  return {
    sentAt,
    ...(summary ? { summary } : {}),
    employee: { id: record.employeeId, name: name(record.employeeId) },
    leader: { id: actor.employeeId, name: name(actor.employeeId) },
    ...(ctx.unit ? { unit: { ...ctx.unit } } : {}),
    scheduledFor: record.scheduledFor,
    sharedNotes: record.notes.filter((n) => n.visibility === 'shared').map((n) => (n.sectionId ? { sectionId: n.sectionId, text: n.text } : { text: n.text })),
    actions: record.actions.map((a) => ({ id: a.id, what: a.what, ownerEmployeeId: a.ownerEmployeeId, ownerName: name(a.ownerEmployeeId), dueDate: a.dueDate, carried: !!a.carriedFrom })),
    devPlan: record.devPlan.map((d) => {
      const competenceName = d.competenceId ? ctx.competenceName?.(d.competenceId) : undefined;
      return { id: d.id, what: d.what, ...(d.competenceId ? { competenceId: d.competenceId } : {}), ...(competenceName ? { competenceName } : {}) };
    }),
    previousActions: record.previousActions
      .filter((p) => p.decision)
      .map((p) => {
        const carried = p.carriedAs ? record.actions.find((a) => a.id === p.carriedAs) : undefined;
        return { what: p.what, dueDate: p.dueDate, decision: p.decision!, ...(carried ? { newDueDate: carried.dueDate } : {}) };
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Follow-up and retention (system changes, no actor)

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

// ---------------------------------------------------------------------------------------------
// Visibility

/**
 * The viewer's part in the samtale: the employee; the leader who holds it while still the
 * employee's current leader; or neither (null). A new leader never becomes a party of a samtale
 * the former leader held (at a leader change it is closed, or, once confirmed, the new leader
 * sees only the agreed actions – see the service's `followUp`), and the former leader loses access.
 */
export function roleOf(record: SamtaleRecord, viewerId: string, currentLeaderId: string | undefined): SamtaleParty | null {
  if (viewerId === record.employeeId) return 'employee';
  if (currentLeaderId !== undefined && viewerId === currentLeaderId && viewerId === record.leaderId) return 'leader';
  return null;
}

/** Both preparations are visible to both once both have submitted, or once the samtale is opened. */
export function preparationsShared(record: SamtaleRecord): boolean {
  return (!!record.preparations.employee.submittedAt && !!record.preparations.leader.submittedAt) || !!record.openedAt;
}

/** May `role` read the preparation of `party`? */
export function canSeePreparation(record: SamtaleRecord, role: SamtaleParty | null, party: SamtaleParty): boolean {
  if (role === null) return false;
  return role === party || preparationsShared(record);
}

/** A confirmed referat is locked: only comments (remarks) and action follow-up from now on. */
export function isLocked(record: SamtaleRecord): boolean {
  return record.state === 'bekreftet';
}

export type PreparationStatus = 'ikke_startet' | 'pagar' | 'sendt';

export function preparationStatus(prep: SamtalePreparationRecord): PreparationStatus {
  if (prep.submittedAt) return 'sendt';
  return prep.updatedAt ? 'pagar' : 'ikke_startet';
}

export const PREPARATION_STATUS_LABELS: Record<PreparationStatus, string> = {
  ikke_startet: 'Ikke startet',
  pagar: 'Påbegynt',
  sendt: 'Sendt inn',
};

export interface PreparationView {
  status: PreparationStatus;
  submittedAt?: string;
  /** Present when the viewer may read it. */
  answers?: Record<string, Record<string, string>>;
}

/** What one viewer may see of a samtale's content. */
export interface SamtaleContent {
  role: SamtaleParty;
  mine: PreparationView & { answers: Record<string, Record<string, string>> };
  other: PreparationView;
  sharedNotes: SamtaleNoteRecord[];
  /** The viewer's own private notes; nobody else's are ever included. */
  privateNotes: SamtaleNoteRecord[];
  actions: SamtaleActionRecord[];
  devPlan: SamtaleRecord['devPlan'];
  previousActions: SamtaleRecord['previousActions'];
  referat?: SamtaleReferatRecord;
  comments: SamtaleRecord['comments'];
  locked: boolean;
  workingNotesPurged: boolean;
  /** Set when the referat was deleted after archiving: show that instead of content. */
  referatDeletedAt?: string;
}

/**
 * The content `viewerId` (with `role`) may see, or undefined for anyone who is neither party.
 * Copies: changing the result never changes the record.
 */
export function contentFor(record: SamtaleRecord, viewerId: string, role: SamtaleParty | null): SamtaleContent | undefined {
  if (role === null) return undefined;
  const otherParty: SamtaleParty = role === 'employee' ? 'leader' : 'employee';
  const own = record.preparations[role];
  const theirs = record.preparations[otherParty];
  const copy = <T>(v: T): T => structuredClone(v);
  const other: PreparationView = { status: preparationStatus(theirs), ...(theirs.submittedAt ? { submittedAt: theirs.submittedAt } : {}) };
  if (canSeePreparation(record, role, otherParty)) other.answers = copy(theirs.answers);
  return {
    role,
    mine: { status: preparationStatus(own), ...(own.submittedAt ? { submittedAt: own.submittedAt } : {}), answers: copy(own.answers) },
    other,
    sharedNotes: copy(record.notes.filter((n) => n.visibility === 'shared')),
    privateNotes: copy(record.notes.filter((n) => n.visibility === 'private' && n.authorId === viewerId)),
    actions: copy(record.actions),
    devPlan: copy(record.devPlan),
    previousActions: copy(record.previousActions),
    ...(record.referat ? { referat: copy(record.referat) } : {}),
    comments: copy(record.comments),
    locked: isLocked(record),
    workingNotesPurged: !!record.workingNotesPurgedAt,
    ...(record.referatDeletedAt ? { referatDeletedAt: record.referatDeletedAt } : {}),
  };
}

/**
 * A development plan item as one line: its text, and the competence it is linked to only when the
 * text does not already name it (a picked suggestion's text is the competence's name:
 * «Spesialpedagogikk», not «Spesialpedagogikk (Spesialpedagogikk)»).
 */
export function devPlanLine(item: { what: string; competenceName?: string }, label = ''): string {
  const name = item.competenceName?.trim();
  if (!name || item.what.toLocaleLowerCase('nb').includes(name.toLocaleLowerCase('nb'))) return item.what;
  return `${item.what} (${label}${name})`;
}
