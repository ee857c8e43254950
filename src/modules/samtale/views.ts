/**
 * What the samtale use cases return to their callers (the Teams cards, the delivery module):
 * views of one samtale, overviews, counts, reminders. Plain data, no Teams.
 */
import type { SamtaleState } from './model.js';
import type { FieldError } from '../../shared/results.js';
import type { PreparationStatus, SamtaleContent } from './visibility.js';
import type { SamtaleCommand, SamtaleNotification } from './commands.js';
import type { SamtaleParty } from './model.js';
import type { SectionKind } from './template.js';

/** A refused or impossible request, with a sentence to show the person as is. */
export interface SamtaleRefusal {
  ok: false;
  /**
   * forbidden: not this person's to see or do; not-found: unknown samtale or person;
   * not-allowed: not possible in this step; stale: the card is out of date (re-open);
   * invalid: see `errors` per field, nothing saved; exists: an unfinished samtale exists (`samtaleId`).
   */
  code: 'forbidden' | 'not-found' | 'not-allowed' | 'stale' | 'invalid' | 'exists';
  reason: string;
  errors?: FieldError[];
  samtaleId?: string;
  /** With `invalid`, to a party: the samtale as it stands, to show the errors beside the fields. */
  view?: SamtaleView;
}

export type SamtaleOutcome<T> = ({ ok: true } & T) | SamtaleRefusal;

export interface PersonRef {
  employeeId: string;
  name: string;
  title: string;
}

/** A question as the viewer reads it (the leader gets `leaderText`). */
export interface ViewQuestion {
  id: string;
  text: string;
}

export interface ViewSection {
  id: string;
  title: string;
  intro?: string;
  kind?: SectionKind;
  questions: ViewQuestion[];
  qaEntryIds: string[];
}

/** Everything a card needs to show one samtale to one of its two parties. */
export interface SamtaleView {
  id: string;
  /** Put this in every action's data: the command sends it back. */
  version: number;
  /** When this view was built (ISO): «Bekreft referatet» sends it back (see the confirm command). */
  shownAt: string;
  /** The referat shown, for «Bekreft referatet» (see `referatToken`). */
  referatToken?: string;
  state: SamtaleState;
  stateLabel: string;
  scheduledFor: string;
  /** «1. desember 2026». */
  scheduledForText: string;
  /** The day the samtale was held (started, Oslo), once it was: the referat's date. */
  heldOn?: string;
  heldOnText?: string;
  year: number;
  employee: PersonRef;
  /** The samtale's leader (the one who held it; after a confirmed referat, as the referat names them). */
  leader: PersonRef;
  unit?: { id: string; name: string };
  viewer: { employeeId: string; role: SamtaleParty };
  template: { id: string; title: string; description?: string; sections: ViewSection[] };
  content: SamtaleContent;
  /** Which commands the viewer can send now (show the buttons for these). */
  can: Record<SamtaleCommand['type'], boolean>;
  /** Why the next step cannot be taken yet (e.g. actions from last time to review). */
  blockers: string[];
  preparationLabels: { mine: string; other: string };
  /** When the leader last exported the confirmed referat for sak/arkiv. */
  referatExportedAt?: string;
  /** For the employee preparing a new samtale: an earlier one, ended at a leader change, whose own draft they may carry over. */
  carryFrom?: { samtaleId: string; scheduledForText: string };
}

/** What a new leader sees of a confirmed referat the former leader held: the agreed actions, for follow-up. */
export interface FollowUpView {
  samtaleId: string;
  employee: { id: string; name: string };
  /** As the referat names them. */
  formerLeaderName: string;
  unitName?: string;
  scheduledForText: string;
  actions: { id: string; what: string; ownerName: string; dueDateText: string; status: 'open' | 'done' | 'carried' }[];
}

/** What a reconciliation of samtaler with the organisation did. */
export interface LeaderChangeOutcome {
  /** Samtaler closed as «avsluttet ved lederbytte». */
  closed: number;
  /** Confirmed referater whose agreed actions the new leader now follows up. */
  handedOver: number;
  notices: SamtaleNotice[];
}

/** A proactive message to send, with the names a card needs. No free text. */
export interface SamtaleNotice extends SamtaleNotification {
  toName: string;
  fromName: string;
  employeeName: string;
  scheduledForText: string;
}

export type CommandResult = SamtaleOutcome<{
  view: SamtaleView;
  /** True when this exact command was already carried out (double click): nothing changed. */
  duplicate: boolean;
  notifications: SamtaleNotice[];
}>;

export type OverviewStatus = 'ikke_startet' | 'forberedes' | 'gjennomfort' | 'bekreftet';

export const OVERVIEW_LABELS: Record<OverviewStatus, string> = {
  ikke_startet: 'Ikke startet',
  forberedes: 'Forberedes',
  gjennomfort: 'Gjennomført',
  bekreftet: 'Bekreftet',
};

export interface ReportRow extends PersonRef {
  unitName?: string;
  /** The unfinished samtale, when there is one. */
  active?: { samtaleId: string; state: SamtaleState; stateLabel: string; scheduledFor: string; scheduledForText: string };
  /** A samtale confirmed this year (Oslo), the newest: a second one is rarely meant. */
  confirmedThisYear?: { samtaleId: string; heldOnText: string };
}

export interface OverviewRow extends PersonRef {
  status: OverviewStatus;
  statusLabel: string;
  samtaleId?: string;
  scheduledFor?: string;
  scheduledForText?: string;
  state?: SamtaleState;
  employeePreparation?: PreparationStatus;
  leaderPreparation?: PreparationStatus;
  /** Open actions (any owner) of the employee's samtaler; counts only. */
  openActions: number;
  overdueActions: number;
}

export type StatusCounts = Record<OverviewStatus, number>;

export interface TeamOverview {
  year: number;
  rows: OverviewRow[];
  totals: StatusCounts;
}

export interface HrOverview {
  year: number;
  units: UnitCounts[];
  totals: StatusCounts & { employees: number };
}

/**
 * «samtaleoversikt» as one viewer may see it: a leader her reports, HR the counts per unit.
 * `other` says whether the viewer may also switch to the other view (a leader with the HR role).
 */
export type SamtaleOverview =
  | { view: 'team'; page: number; team: TeamOverview; other: boolean }
  | { view: 'hr'; page: number; hr: HrOverview; other: boolean };

export interface UnitCounts extends StatusCounts {
  unitId: string;
  name: string;
  parentUnitId?: string;
  employees: number;
}

/** A reminder to send before an action's due date. Ids and dates only. */
export interface ActionReminder {
  kind: 'tiltak-frist';
  /** Stable per action and due date, so the delivery ledger sends each reminder once. */
  key: string;
  toEmployeeId: string;
  samtaleId: string;
  actionId: string;
  employeeId: string;
  dueDate: string;
  dueDateText: string;
  daysLeft: number;
}

export interface DevPlanSuggestion {
  competenceId: string;
  name: string;
  /** «Lovkrav», «Påkrevd» or «Ønsket». */
  reason: string;
  requirement: string;
}

export interface MySamtaleRow {
  samtaleId: string;
  scheduledFor: string;
  scheduledForText: string;
  state: SamtaleState;
  stateLabel: string;
  leaderName: string;
}

/** A samtale the person held as leader (with a current report), any year. */
export interface LedSamtaleRow {
  samtaleId: string;
  scheduledFor: string;
  scheduledForText: string;
  state: SamtaleState;
  stateLabel: string;
  employeeName: string;
}

