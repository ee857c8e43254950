/**
 * The medarbeidersamtale's vocabulary: states and their labels, the commands, the refusals and
 * notifications, and the guards (who may send which command in which state). Pure.
 */
import type { FieldError } from '../../shared/results.js';
import type { SamtaleParty, SamtaleRecord, SamtaleState } from './model.js';
import type { SamtaleTemplate } from './template.js';
import { formatDate } from './dates.js';
import { osloToday } from '../../shared/dates.js';


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
  /**
   * The employee confirms the referat. `referat` is the token of the referat the card showed
   * ({@link referatToken}) and `shownAt` when that card was drawn: a confirm of another referat,
   * or one arriving right after the card was drawn (a double click on «Les referatet» landing on
   * «Bekreft referatet»), is refused and nothing is confirmed.
   */
  | { type: 'confirm'; comment?: string; referat?: string; shownAt?: string }
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

export const PREPARING: readonly SamtaleState[] = ['planlagt', 'forberedes'];
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
  referatChanged: 'Referatet er endret etter at dette kortet ble vist. Ingenting er bekreftet. Åpne samtalen på nytt og les det nye referatet.',
  confirmTooSoon:
    'Referatet er ikke bekreftet: trykket kom med en gang referatet ble vist, kanskje fordi du trykket to ganger. Les gjennom referatet, og trykk «Bekreft referatet» når du er klar.',
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


/** A refusal with its Norwegian reason (and the field errors, for `invalid`). */
export function refuse(code: RefusalCode, reason: string, errors?: FieldError[]): MachineRefusal {
  return errors ? { ok: false, code, reason, errors } : { ok: false, code, reason };
}
