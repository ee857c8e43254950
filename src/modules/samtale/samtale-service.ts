/**
 * Use cases of the medarbeidersamtale, each with its access check. The Teams cards and routes
 * are built on top of this API; nothing here knows about Teams.
 *
 * Who may do what:
 * - content (preparations, notes, actions, referat) is for the employee and their CURRENT
 *   leader (`leaderOf(employee)`) only; another leader, HR and colleagues are refused;
 * - only the current leader starts a samtale, and only with one of their own reports;
 * - HR sees counts per unit, never content; a leader sees the status of their own reports.
 * Every opening (and refused opening) of a samtale and every export is written to the audit log.
 *
 * Every command carries the version its card was rendered from; see state-machine.ts for how a
 * double click is answered as done and a stale card is refused. Commands return what the card
 * needs to re-render (`view`) and the proactive messages to send (`notifications`, plain data:
 * the delivery module sends them).
 *
 * Logs hold ids, codes and counts only: never what anyone wrote.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../scheduler/clock.js';
import { type AuditRepository, ConcurrencyError, type SamtaleRecord, type SamtaleRepository, type SamtaleState } from '../../storage/ports.js';
import type { CompetenceContent } from '../registration/catalogue/content.js';
import type { PersonGap } from '../gap/person-gap.js';
import type { OrgDirectory } from '../org/directory.js';
import type { Employee } from '../org/model.js';
import { type DocumentFormat, type ExportFile, type PdfFile, exportOwnSamtaler, exportReferatDocument, exportReferatPdf } from './referat-export.js';
import {
  addDays,
  availableCommands,
  contentFor,
  type DecideContext,
  decide,
  deleteReferatContent,
  type FieldError,
  followUpAction,
  formatDate,
  guard,
  markReferatExported,
  osloToday,
  PREPARATION_STATUS_LABELS,
  type PreparationStatus,
  preparationStatus,
  purgeWorkingNotes,
  referatArchived,
  referatExpiresAt,
  roleOf,
  type SamtaleCommand,
  type SamtaleContent,
  type SamtaleEffect,
  type SamtaleNotification,
  type SamtaleParty,
  startSamtale as startRecord,
  STATE_LABELS,
  stateLabelOf,
  closeForLeaderChange,
  carryPreparation as carryPreparationInto,
  TEXT,
} from './state-machine.js';
import type { SamtaleTemplate, SamtaleTemplates, SectionKind } from './template.js';

// ---------------------------------------------------------------------------------------------
// Types returned to the Teams layer

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

/** The organisation as the service needs it; the org module's OrgService fits. Read on every call. */
export interface SamtaleOrgAccess {
  directory(): OrgDirectory;
}

/** The competence capability, when it exists: catalogue names and the person's gap. */
export interface SamtaleCompetenceAccess {
  readonly content: CompetenceContent;
  personGap?(viewerId: string, employeeId: string): Promise<{ ok: true; gap: PersonGap } | { ok: false; reason: string }>;
}

export interface SamtaleService {
  readonly templates: SamtaleTemplates;

  /** The leader's direct reports, with the unfinished samtale of each. Refused for someone with no reports. */
  reportsForLeader(leaderId: string): Promise<SamtaleOutcome<{ reports: ReportRow[] }>>;

  /** Reports whose name matches what the leader wrote («start medarbeidersamtale med lars»), best first. */
  findReports(leaderId: string, nameQuery: string): SamtaleOutcome<{ matches: PersonRef[] }>;

  /**
   * Starts a samtale (state planlagt) with one of the leader's own reports on `dateIso`
   * (`YYYY-MM-DD`, today or later), brings back the open actions of the employee's previous
   * samtale, and returns the invitation to send. Starting again with the same date while the
   * first is untouched is a double click: the same samtale comes back, `duplicate: true`.
   */
  startSamtale(leaderId: string, employeeId: string, dateIso: string): Promise<CommandResult>;

  /** One samtale for one of its parties. Writes an audit entry (also when refused). */
  getForViewer(viewerId: string, samtaleId: string): Promise<SamtaleOutcome<{ view: SamtaleView }>>;

  /**
   * The samtale for the step before a command (the date form before «Flytt dato», the question
   * before «Avlys»): refused, with the reason, when the viewer may not send `type` in this step.
   * Audited like an opening.
   */
  beforeCommand(viewerId: string, samtaleId: string, type: SamtaleCommand['type']): Promise<SamtaleOutcome<{ view: SamtaleView }>>;

  /** The viewer's own samtaler as employee (no content). */
  /**
   * «mine samtaler»: the person's own samtaler (`samtaler`, as employee) and those they hold as
   * leader with their current reports (`asLeader`), every year and state, newest first.
   */
  listMine(employeeId: string): Promise<SamtaleOutcome<{ samtaler: MySamtaleRow[]; asLeader: LedSamtaleRow[] }>>;

  /** Any command (see {@link SamtaleCommand}); `version` is the one the card was rendered from. */
  execute(viewerId: string, samtaleId: string, command: SamtaleCommand, version: number): Promise<CommandResult>;

  saveAnswer(viewerId: string, samtaleId: string, sectionId: string, answers: Record<string, unknown>, version: number): Promise<CommandResult>;
  submitPreparation(viewerId: string, samtaleId: string, version: number): Promise<CommandResult>;
  reschedule(viewerId: string, samtaleId: string, dateIso: string, version: number): Promise<CommandResult>;
  /** The leader starts the conversation: both preparations side by side from now on. */
  open(viewerId: string, samtaleId: string, version: number): Promise<CommandResult>;
  addNote(viewerId: string, samtaleId: string, note: { visibility: 'shared' | 'private'; text: string; sectionId?: string }, version: number): Promise<CommandResult>;
  addAction(viewerId: string, samtaleId: string, action: { what: string; ownerEmployeeId: string; dueDate: string }, version: number): Promise<CommandResult>;
  addDevPlanItem(viewerId: string, samtaleId: string, item: { what: string; competenceId?: string }, version: number): Promise<CommandResult>;
  removeItem(viewerId: string, samtaleId: string, itemId: string, version: number): Promise<CommandResult>;
  /** Closes an open action of the previous samtale. */
  closePreviousAction(viewerId: string, samtaleId: string, actionId: string, version: number): Promise<CommandResult>;
  /** Carries an open action of the previous samtale on as a new action with a new due date. */
  carryOverPreviousAction(viewerId: string, samtaleId: string, actionId: string, carry: { dueDate: string; ownerEmployeeId?: string }, version: number): Promise<CommandResult>;
  /** Sends the referat to both; refused while actions from last time are not closed or carried on. */
  sendReferat(viewerId: string, samtaleId: string, summary: string | undefined, version: number): Promise<CommandResult>;
  reopen(viewerId: string, samtaleId: string, version: number): Promise<CommandResult>;
  /** The employee confirms the referat (optionally with a comment); it is locked from then on. */
  confirm(viewerId: string, samtaleId: string, comment: string | undefined, version: number): Promise<CommandResult>;
  comment(viewerId: string, samtaleId: string, text: string, version: number): Promise<CommandResult>;
  completeAction(viewerId: string, samtaleId: string, actionId: string, version: number): Promise<CommandResult>;
  cancel(viewerId: string, samtaleId: string, version: number): Promise<CommandResult>;

  /** Suggestions for the development plan from the employee's competence gap (leader only); empty without the competence capability. */
  devPlanSuggestions(viewerId: string, samtaleId: string): Promise<SamtaleOutcome<{ available: boolean; suggestions: DevPlanSuggestion[] }>>;

  /** The referat as a document for sak/arkiv and the personalmappe; for the employee and the current leader. Audited. */
  exportReferat(viewerId: string, samtaleId: string, format?: DocumentFormat): Promise<SamtaleOutcome<{ file: ExportFile }>>;

  /**
   * The referat as a PDF/A file (the archive copy), without marking anything: the caller offers it
   * and calls `referatDownloaded` when the file is actually taken. `archiveCopy` tells whether that
   * download will count as the copy for sak/arkiv (the current leader, confirmed referat). Audited.
   */
  referatPdf(viewerId: string, samtaleId: string): Promise<SamtaleOutcome<{ file: PdfFile; archiveCopy: boolean }>>;

  /** The leader's PDF was downloaded: the referat now counts as exported for the archive. */
  referatDownloaded(viewerId: string, samtaleId: string): Promise<{ archived: boolean }>;

  /** All of the employee's own samtaler (referat, own preparation, own private notes). Audited per samtale. */
  exportMine(employeeId: string, format?: DocumentFormat): Promise<SamtaleOutcome<{ file: ExportFile }>>;

  /** Per direct report this year: ikke startet / forberedes / gjennomført / bekreftet. */
  leaderOverview(leaderId: string, year: number): Promise<SamtaleOutcome<TeamOverview>>;

  /** Counts per unit for HR; never content. */
  hrCounts(viewerId: string, year: number): Promise<SamtaleOutcome<HrOverview>>;

  /**
   * «samtaleoversikt» for this year (Oslo): decides which view the viewer gets. A leader gets
   * her reports, HR the counts per unit; someone who is both starts with the reports (or gets
   * the one asked for with `want`). Refused, with the reason, for anyone who is neither.
   */
  overview(viewerId: string, page: number, want?: 'team' | 'hr'): Promise<SamtaleOutcome<SamtaleOverview>>;

  /** One action for a reminder card: its owner (or either party) only. */
  actionReminder(viewerId: string, samtaleId: string, actionId: string): Promise<SamtaleOutcome<{ what: string; dueDate: string; dueDateText: string; scheduledForText: string; ownerName: string }>>;

  /** Open actions due from today to `withinDays` ahead, one reminder each (to the owner; a former leader's to the current leader). */
  dueActions(now: Date, withinDays: number): Promise<ActionReminder[]>;

  /**
   * Applies leader changes (after an org import or sync): every samtale whose employee now has
   * another leader than the one who held it is closed as «avsluttet ved lederbytte» unless its
   * referat is confirmed; a confirmed referat with open actions is handed to the new leader for
   * follow-up (actions only). Employee, former and new leader are told; each step is audited.
   * Safe to run again: what was done is not done twice.
   */
  reconcileLeaders(): Promise<LeaderChangeOutcome>;

  /** A confirmed referat's agreed actions for the employee's new leader (never notes or preparations). Audited. */
  followUp(viewerId: string, samtaleId: string): Promise<SamtaleOutcome<{ followUp: FollowUpView }>>;

  /** The employee carries their own draft from a samtale ended at a leader change into `samtaleId` (being prepared). */
  carryPreparation(employeeId: string, samtaleId: string, fromSamtaleId: string, version: number): Promise<CommandResult>;

  /** Deletes working notes `SAMTALE_NOTES_RETENTION_MONTHS` after confirmation (or cancellation). */
  purgeWorkingNotes(now: Date): Promise<{ purged: number }>;

  /**
   * Deletes the referat content of samtaler confirmed more than `SAMTALE_REFERAT_RETENTION_MONTHS`
   * ago whose referat the leader has exported for the archive, keeping a tombstone. Referater
   * past the time but never exported (or commented on after the export) are kept and counted
   * in `notArchived`.
   */
  purgeArchivedReferats(now: Date): Promise<{ deleted: number; notArchived: number }>;
}

export const SAMTALE_TEXT = {
  nothingToCarry: 'Det er ingenting å ta med: forberedelsen i denne samtalen er sendt inn, eller svarene er allerede fylt ut.',
  notFound: 'Jeg finner ikke den medarbeidersamtalen. Den kan være slettet, eller kortet er gammelt.',
  unknownPerson: 'Jeg finner deg ikke i organisasjonsoversikten. Ta kontakt med HR for å bli lagt inn.',
  unknownEmployee: 'Jeg finner ikke den medarbeideren i organisasjonsoversikten.',
  notALeader: 'Du står ikke som leder for noen i organisasjonsoversikten, så du har ingen å holde medarbeidersamtale med. Er dette feil, kontakt HR.',
  notYourReport: 'Du kan bare starte medarbeidersamtale med dine egne medarbeidere (de som har deg som nærmeste leder).',
  notYourself: 'Du kan ikke holde medarbeidersamtale med deg selv.',
  exists: (date: string) => `Dere har allerede en medarbeidersamtale som ikke er avsluttet (planlagt ${date}). Åpne den i stedet for å starte en ny.`,
  hrOnly: 'Tallene per enhet er for HR.',
  noReferat: 'Referatet er ikke sendt ennå, så det er ingenting å eksportere.',
  referatDeleted: (date: string) => `Referatet er slettet etter arkivering (${date}).`,
  overviewRefused:
    'Samtaleoversikten er for ledere, som ser status for sine egne medarbeidere, og for HR, som ser antall per enhet. Du står ikke som leder for noen i organisasjonsoversikten og har ikke HR-rollen. Skriv «mine samtaler» for å se dine egne samtaler.',
  busy: 'Samtalen ble endret samtidig flere steder. Ingenting er lagret. Åpne samtalen på nytt og prøv igjen.',
  leaderOnlySuggestions: 'Forslagene fra kompetansegapet er for lederen i samtalen.',
} as const;

/** Saves retried after losing a race with another save of the same samtale. */
const MAX_ATTEMPTS = 5;

const ACTIVE: ReadonlySet<SamtaleState> = new Set(['planlagt', 'forberedes', 'klar', 'gjennomfores', 'referat_sendt']);

export function overviewStatus(state: SamtaleState | undefined): OverviewStatus {
  switch (state) {
    case 'planlagt':
    case 'forberedes':
    case 'klar':
      return 'forberedes';
    case 'gjennomfores':
    case 'referat_sendt':
      return 'gjennomfort';
    case 'bekreftet':
      return 'bekreftet';
    default:
      return 'ikke_startet';
  }
}

const STATUS_RANK: Record<OverviewStatus, number> = { ikke_startet: 0, forberedes: 1, gjennomfort: 2, bekreftet: 3 };

const emptyCounts = (): StatusCounts => ({ ikke_startet: 0, forberedes: 0, gjennomfort: 0, bekreftet: 0 });

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/å/g, 'a')
    .trim();

export function createSamtaleService(deps: {
  samtaler: SamtaleRepository;
  audit: AuditRepository;
  org: SamtaleOrgAccess;
  templates: SamtaleTemplates;
  competence?: SamtaleCompetenceAccess;
  clock: Clock;
  logger: Logger;
  /** SAMTALE_NOTES_RETENTION_MONTHS. */
  notesRetentionMonths: number;
  /** SAMTALE_REFERAT_RETENTION_MONTHS; default 24. */
  referatRetentionMonths?: number;
  newId?: () => string;
}): SamtaleService {
  const { samtaler, audit, org, templates, clock, competence } = deps;
  const log = deps.logger.child('samtale');
  const newId = deps.newId ?? (() => `smt-${randomUUID()}`);
  const referatRetentionMonths = deps.referatRetentionMonths ?? 24;

  const refuse = (code: SamtaleRefusal['code'], reason: string, extra: Partial<SamtaleRefusal> = {}): SamtaleRefusal => ({ ok: false, code, reason, ...extra });
  const personRef = (e: Employee): PersonRef => ({ employeeId: e.employeeId, name: e.name, title: e.position.title });
  const nameOf = (directory: OrgDirectory, id: string) => directory.employee(id)?.name ?? `Ukjent (${id})`;
  const templateOf = (record: SamtaleRecord): SamtaleTemplate => templates.byId.get(record.templateId) ?? templates.defaultTemplate;
  const currentLeaderId = (directory: OrgDirectory, employeeId: string) => directory.leaderOf(employeeId)?.employeeId;

  function buildView(record: SamtaleRecord, viewerId: string, role: SamtaleParty, directory: OrgDirectory): SamtaleView {
    const employee = directory.employee(record.employeeId);
    // The samtale's own leader and unit, as they were – never whoever leads the employee now.
    const leaderEmployee = directory.employee(record.leaderId);
    const unit = record.referat?.unit ?? directory.unit(record.unitId);
    const template = templateOf(record);
    const content = contentFor(record, viewerId, role)!;
    const allowed = new Set(availableCommands(record, role));
    const can = Object.fromEntries(
      (['saveAnswer', 'submitPreparation', 'reschedule', 'open', 'addNote', 'addAction', 'addDevPlanItem', 'removeItem', 'reviewPreviousAction', 'sendReferat', 'reopen', 'confirm', 'comment', 'completeAction', 'cancel'] as const).map((t) => [
        t,
        allowed.has(t),
      ]),
    ) as Record<SamtaleCommand['type'], boolean>;
    // reviewPreviousAction is only worth a button when there is something to review.
    can.reviewPreviousAction = can.reviewPreviousAction && record.previousActions.some((p) => !p.decision);
    const blockers: string[] = [];
    if (role === 'leader' && record.state === 'gjennomfores') {
      const blocked = guard(record, { employeeId: viewerId, party: role }, 'sendReferat');
      if (blocked) blockers.push(blocked.reason);
    }
    return {
      id: record.id,
      version: record.version,
      state: record.state,
      stateLabel: stateLabelOf(record),
      scheduledFor: record.scheduledFor,
      scheduledForText: formatDate(record.scheduledFor),
      ...(record.openedAt ? { heldOn: osloToday(new Date(record.openedAt)), heldOnText: formatDate(osloToday(new Date(record.openedAt))) } : {}),
      year: record.year,
      employee: employee ? personRef(employee) : { employeeId: record.employeeId, name: nameOf(directory, record.employeeId), title: '' },
      leader: record.referat
        ? { employeeId: record.referat.leader.id, name: record.referat.leader.name, title: leaderEmployee?.position.title ?? '' }
        : leaderEmployee
          ? personRef(leaderEmployee)
          : { employeeId: record.leaderId, name: nameOf(directory, record.leaderId), title: '' },
      ...(unit ? { unit: { id: unit.id, name: unit.name } } : {}),
      viewer: { employeeId: viewerId, role },
      template: {
        id: template.id,
        title: template.title,
        ...(template.description ? { description: template.description } : {}),
        sections: template.sections.map((s) => ({
          id: s.id,
          title: s.title,
          // Each reads the section's opening written to them: the employee's intro is not the leader's.
          ...(role === 'leader' ? (s.leaderIntro ? { intro: s.leaderIntro } : {}) : s.intro ? { intro: s.intro } : {}),
          ...(s.kind ? { kind: s.kind } : {}),
          questions: s.questions.map((q) => ({ id: q.id, text: role === 'leader' ? q.leaderText : q.text })),
          qaEntryIds: [...s.qaEntryIds],
        })),
      },
      content,
      can,
      blockers,
      preparationLabels: { mine: PREPARATION_STATUS_LABELS[content.mine.status], other: PREPARATION_STATUS_LABELS[content.other.status] },
      ...(record.referatExportedAt ? { referatExportedAt: record.referatExportedAt } : {}),
    };
  }

  function notices(effects: SamtaleEffect[], directory: OrgDirectory, record: SamtaleRecord): SamtaleNotice[] {
    return effects.flatMap((e) =>
      e.kind === 'notify'
        ? [
            {
              ...e.notification,
              toName: nameOf(directory, e.notification.toEmployeeId),
              fromName: nameOf(directory, e.notification.fromEmployeeId),
              employeeName: nameOf(directory, record.employeeId),
              scheduledForText: formatDate(e.notification.scheduledFor),
            },
          ]
        : [],
    );
  }

  /** Who may take the referat out (the employee and the current leader), audited; refusals as results. */
  async function referatAccess(viewerId: string, samtaleId: string) {
    const record = await samtaler.get(samtaleId);
    if (!record) return refuse('not-found', SAMTALE_TEXT.notFound);
    const directory = org.directory();
    const role = roleOf(record, viewerId, currentLeaderId(directory, record.employeeId));
    const now = clock.now();
    await audit.append({ samtaleId, viewerId, action: 'export', outcome: role ? 'allowed' : 'refused', at: now.toISOString() });
    if (!role) {
      log.info({ samtaleId, viewerId }, 'samtale.export.refused');
      return refuse('forbidden', TEXT.noAccess);
    }
    if (record.referatDeletedAt) return refuse('not-allowed', SAMTALE_TEXT.referatDeleted(formatDate(osloToday(new Date(record.referatDeletedAt)))));
    if (!record.referat) return refuse('not-allowed', SAMTALE_TEXT.noReferat);
    return { ok: true as const, record: { ...record, referat: record.referat }, role, now, directory };
  }

  async function saveWithRetry(id: string, change: (r: SamtaleRecord) => SamtaleRecord | undefined): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await samtaler.get(id);
      if (!current) return false;
      const next = change(current);
      if (!next) return false;
      try {
        await samtaler.save(next, current.version);
        return true;
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err;
      }
    }
    return false;
  }

  async function applySystemEffects(effects: SamtaleEffect[]) {
    for (const e of effects) {
      if (e.kind !== 'followUpPrevious') continue;
      const now = clock.now();
      const done = await saveWithRetry(e.samtaleId, (r) => followUpAction(r, e.actionId, e.status, now));
      log.info({ samtaleId: e.samtaleId, actionId: e.actionId, status: e.status, done }, 'samtale.follow-up-previous');
    }
  }

  function decideContext(record: SamtaleRecord, directory: OrgDirectory): DecideContext {
    const employee = directory.employee(record.employeeId);
    const unit = directory.unit(employee?.unitId ?? record.unitId);
    const leaderId = currentLeaderId(directory, record.employeeId);
    return {
      now: clock.now(),
      template: templateOf(record),
      nameOf: (id) => directory.employee(id)?.name,
      ...(unit ? { unit: { id: unit.id, name: unit.name } } : {}),
      ...(leaderId ? { currentLeaderId: leaderId } : {}),
      ...(competence ? { competenceName: (id: string) => competence.content.competenceById.get(id)?.name } : {}),
    };
  }

  async function execute(viewerId: string, samtaleId: string, command: SamtaleCommand, version: number): Promise<CommandResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const record = await samtaler.get(samtaleId);
      if (!record) {
        log.info({ viewerId, command: command.type }, 'samtale.command.not-found');
        return refuse('not-found', SAMTALE_TEXT.notFound);
      }
      const directory = org.directory();
      const role = roleOf(record, viewerId, currentLeaderId(directory, record.employeeId));
      const decision = decide(record, { employeeId: viewerId, party: role }, command, version, decideContext(record, directory));
      if (!decision.ok) {
        log.info({ samtaleId, viewerId, command: command.type, code: decision.code, errors: decision.errors?.length ?? 0 }, 'samtale.command.refused');
        // Who tried what and why it was refused, never what the command carried.
        await audit.append({ samtaleId, viewerId, action: 'command', outcome: 'refused', command: command.type, reason: decision.code, at: clock.now().toISOString() });
        return refuse(decision.code, decision.reason, {
          ...(decision.errors ? { errors: decision.errors } : {}),
          ...(decision.code === 'invalid' && role ? { view: buildView(record, viewerId, role, directory) } : {}),
        });
      }
      if (decision.duplicate) {
        log.info({ samtaleId, viewerId, command: command.type, version: record.version }, 'samtale.command.duplicate');
        return { ok: true, view: buildView(record, viewerId, role!, directory), duplicate: true, notifications: [] };
      }
      try {
        await samtaler.save(decision.record, record.version);
      } catch (err) {
        if (err instanceof ConcurrencyError) continue;
        throw err;
      }
      log.info({ samtaleId, viewerId, command: command.type, state: decision.record.state, version: decision.record.version }, 'samtale.command');
      await applySystemEffects(decision.effects);
      return { ok: true, view: buildView(decision.record, viewerId, role!, directory), duplicate: false, notifications: notices(decision.effects, directory, decision.record) };
    }
    log.warn({ samtaleId, viewerId, command: command.type }, 'samtale.command.busy');
    return refuse('stale', SAMTALE_TEXT.busy);
  }

  /** The samtale counting for this employee in this year: the furthest along, cancelled ones ignored. */
  function pickForYear(records: SamtaleRecord[]): SamtaleRecord | undefined {
    let best: SamtaleRecord | undefined;
    for (const r of records) {
      if (r.state === 'avlyst') continue;
      if (!best || STATUS_RANK[overviewStatus(r.state)] >= STATUS_RANK[overviewStatus(best.state)]) best = r;
    }
    return best;
  }

  async function previousFor(employeeId: string): Promise<SamtaleRecord | undefined> {
    const all = await samtaler.listForEmployee(employeeId);
    return all.filter((r) => r.state === 'referat_sendt' || r.state === 'bekreftet').at(-1);
  }

  /** The latest samtale ended at a leader change whose employee draft could go into `record` (still being prepared). */
  async function carrySource(record: SamtaleRecord): Promise<SamtaleRecord | undefined> {
    if (record.preparations.employee.submittedAt || !['planlagt', 'forberedes'].includes(record.state)) return undefined;
    const mine = await samtaler.listForEmployee(record.employeeId);
    return mine
      .filter((r) => r.id !== record.id && r.closedReason === 'lederbytte' && Object.keys(r.preparations.employee.answers).length > 0)
      .filter((r) => carryPreparationInto(record, r, templateOf(record), clock.now()) !== undefined)
      .at(-1);
  }

  const service: SamtaleService = {
    templates,

    async reconcileLeaders() {
      const directory = org.directory();
      const now = clock.now();
      const at = now.toISOString();
      const out: LeaderChangeOutcome = { closed: 0, handedOver: 0, notices: [] };
      for (const record of await samtaler.all()) {
        if (!directory.employee(record.employeeId)) continue;
        const current = currentLeaderId(directory, record.employeeId);
        if (current === record.leaderId) continue;
        const change = closeForLeaderChange(record, current, now);
        if (change) {
          let effects = change.effects;
          let closed: SamtaleRecord | undefined;
          const saved = await saveWithRetry(record.id, (fresh) => {
            const c = closeForLeaderChange(fresh, current, now);
            if (c) ({ effects, record: closed } = c);
            return c?.record;
          });
          if (!saved || !closed) continue;
          await audit.append({ samtaleId: record.id, viewerId: current ?? '', action: 'lederbytte', outcome: 'allowed', at });
          out.notices.push(...notices(effects, directory, closed));
          out.closed++;
          log.info({ samtaleId: record.id, formerLeaderId: record.leaderId, newLeaderId: current, from: record.state }, 'samtale.lederbytte.closed');
          continue;
        }
        // A confirmed referat stays as it was; its open actions are the new leader's to follow up.
        if (record.state !== 'bekreftet' || !current || current === record.employeeId || record.referatDeletedAt) continue;
        if (!record.actions.some((a) => a.status === 'open')) continue;
        const entries = await audit.listForSamtale(record.id);
        if (entries.some((e) => e.action === 'lederbytte' && e.viewerId === current)) continue;
        await audit.append({ samtaleId: record.id, viewerId: current, action: 'lederbytte', outcome: 'allowed', at });
        out.notices.push(
          ...notices(
            [{ kind: 'notify', notification: { kind: 'tiltak-overtatt', key: `${record.id}:tiltak:${current}`, toEmployeeId: current, fromEmployeeId: record.leaderId, samtaleId: record.id, version: record.version, scheduledFor: record.scheduledFor } }],
            directory,
            record,
          ),
        );
        out.handedOver++;
        log.info({ samtaleId: record.id, formerLeaderId: record.leaderId, newLeaderId: current }, 'samtale.lederbytte.handedOver');
      }
      return out;
    },

    async followUp(viewerId, samtaleId) {
      const record = await samtaler.get(samtaleId);
      if (!record) return refuse('not-found', SAMTALE_TEXT.notFound);
      const directory = org.directory();
      const allowed =
        record.state === 'bekreftet' && !!record.referat && !record.referatDeletedAt && viewerId !== record.leaderId && viewerId !== record.employeeId && currentLeaderId(directory, record.employeeId) === viewerId;
      await audit.append({ samtaleId, viewerId, action: 'view', outcome: allowed ? 'allowed' : 'refused', at: clock.now().toISOString() });
      if (!allowed || !record.referat) return refuse('forbidden', TEXT.noAccess);
      const referat = record.referat;
      const status = new Map(record.actions.map((a) => [a.id, a.status]));
      log.info({ samtaleId, viewerId, actions: referat.actions.length }, 'samtale.follow-up');
      return {
        ok: true,
        followUp: {
          samtaleId,
          employee: { ...referat.employee },
          formerLeaderName: referat.leader.name,
          ...(referat.unit ? { unitName: referat.unit.name } : {}),
          scheduledForText: formatDate(referat.scheduledFor),
          actions: referat.actions.map((a) => ({ id: a.id, what: a.what, ownerName: a.ownerName, dueDateText: formatDate(a.dueDate), status: status.get(a.id) ?? 'open' })),
        },
      };
    },

    async carryPreparation(employeeId, samtaleId, fromSamtaleId, version) {
      const [record, from] = await Promise.all([samtaler.get(samtaleId), samtaler.get(fromSamtaleId)]);
      if (!record || !from) return refuse('not-found', SAMTALE_TEXT.notFound);
      const directory = org.directory();
      if (record.employeeId !== employeeId || from.employeeId !== employeeId) return refuse('forbidden', TEXT.noAccess);
      if (record.version !== version) return refuse('stale', TEXT.staleEdit);
      const next = carryPreparationInto(record, from, templateOf(record), clock.now());
      if (!next) return refuse('not-allowed', SAMTALE_TEXT.nothingToCarry);
      try {
        await samtaler.save(next, record.version);
      } catch (err) {
        if (err instanceof ConcurrencyError) return refuse('stale', TEXT.staleEdit);
        throw err;
      }
      log.info({ samtaleId, fromSamtaleId, version: next.version }, 'samtale.carry-preparation');
      return { ok: true, view: buildView(next, employeeId, 'employee', directory), duplicate: false, notifications: [] };
    },

    async reportsForLeader(leaderId) {
      const directory = org.directory();
      if (!directory.employee(leaderId)) return refuse('not-found', SAMTALE_TEXT.unknownPerson);
      const reports = directory.reportsOf(leaderId);
      if (!reports.length) return refuse('forbidden', SAMTALE_TEXT.notALeader);
      const records = await samtaler.listForEmployees(reports.map((r) => r.employeeId));
      const active = new Map<string, SamtaleRecord>();
      for (const r of records) if (ACTIVE.has(r.state)) active.set(r.employeeId, r);
      const thisYear = Number(osloToday(clock.now()).slice(0, 4));
      const heldOn = (r: SamtaleRecord) => (r.openedAt ? osloToday(new Date(r.openedAt)) : r.scheduledFor);
      const confirmed = new Map<string, SamtaleRecord>();
      for (const r of records) {
        if (r.state !== 'bekreftet' || Number(heldOn(r).slice(0, 4)) !== thisYear) continue;
        const seen = confirmed.get(r.employeeId);
        if (!seen || heldOn(seen) < heldOn(r)) confirmed.set(r.employeeId, r);
      }
      const rows: ReportRow[] = reports
        .map((e) => {
          const a = active.get(e.employeeId);
          const c = confirmed.get(e.employeeId);
          const unitName = directory.unit(e.unitId)?.name;
          return {
            ...personRef(e),
            ...(unitName ? { unitName } : {}),
            ...(a
              ? { active: { samtaleId: a.id, state: a.state, stateLabel: STATE_LABELS[a.state], scheduledFor: a.scheduledFor, scheduledForText: formatDate(a.scheduledFor) } }
              : {}),
            ...(c ? { confirmedThisYear: { samtaleId: c.id, heldOnText: formatDate(heldOn(c)) } } : {}),
          };
        })
        .sort((x, y) => x.name.localeCompare(y.name, 'nb'));
      return { ok: true, reports: rows };
    },

    findReports(leaderId, nameQuery) {
      const directory = org.directory();
      if (!directory.employee(leaderId)) return refuse('not-found', SAMTALE_TEXT.unknownPerson);
      const reports = directory.reportsOf(leaderId);
      if (!reports.length) return refuse('forbidden', SAMTALE_TEXT.notALeader);
      const q = fold(nameQuery);
      const tokens = q.split(/\s+/).filter(Boolean);
      if (!tokens.length) return { ok: true, matches: [] };
      const scored = reports
        .map((e) => {
          const name = fold(e.name);
          const words = name.split(/\s+/);
          let score = 0;
          if (name === q) score = 3;
          else if (tokens.every((t) => words.some((w) => w.startsWith(t)))) score = 2;
          else if (name.includes(q)) score = 1;
          return { e, score };
        })
        .filter((x) => x.score > 0)
        .sort((a, b) => b.score - a.score || a.e.name.localeCompare(b.e.name, 'nb'));
      const top = scored[0]?.score ?? 0;
      return { ok: true, matches: scored.filter((x) => x.score === top).map((x) => personRef(x.e)) };
    },

    async startSamtale(leaderId, employeeId, dateIso) {
      const directory = org.directory();
      if (!directory.employee(leaderId)) return refuse('not-found', SAMTALE_TEXT.unknownPerson);
      const employee = directory.employee(employeeId);
      if (!employee) return refuse('not-found', SAMTALE_TEXT.unknownEmployee);
      if (employeeId === leaderId) return refuse('forbidden', SAMTALE_TEXT.notYourself);
      if (currentLeaderId(directory, employeeId) !== leaderId) {
        log.info({ leaderId, employeeId }, 'samtale.start.refused');
        return refuse('forbidden', SAMTALE_TEXT.notYourReport);
      }
      const existing = (await samtaler.listForEmployee(employeeId)).filter((r) => ACTIVE.has(r.state));
      const same = existing.find((r) => r.leaderId === leaderId && r.scheduledFor === dateIso && r.version === 1);
      if (same) {
        log.info({ samtaleId: same.id, leaderId }, 'samtale.start.duplicate');
        return { ok: true, view: buildView(same, leaderId, 'leader', directory), duplicate: true, notifications: [] };
      }
      if (existing.length) {
        const a = existing.at(-1)!;
        return refuse('exists', SAMTALE_TEXT.exists(formatDate(a.scheduledFor)), { samtaleId: a.id });
      }
      const started = startRecord(
        { id: newId(), employeeId, leaderId, unitId: employee.unitId, templateId: templates.defaultTemplate.id, scheduledFor: dateIso, now: clock.now() },
        await previousFor(employeeId),
      );
      if (!started.ok) return refuse(started.code, started.reason, started.errors ? { errors: started.errors } : {});
      try {
        await samtaler.save(started.record, 0);
      } catch (err) {
        if (err instanceof ConcurrencyError) return refuse('stale', SAMTALE_TEXT.busy);
        throw err;
      }
      log.info({ samtaleId: started.record.id, leaderId, employeeId, previousActions: started.record.previousActions.length }, 'samtale.start');
      return { ok: true, view: buildView(started.record, leaderId, 'leader', directory), duplicate: false, notifications: notices(started.effects, directory, started.record) };
    },

    async getForViewer(viewerId, samtaleId) {
      const record = await samtaler.get(samtaleId);
      if (!record) return refuse('not-found', SAMTALE_TEXT.notFound);
      const directory = org.directory();
      const role = roleOf(record, viewerId, currentLeaderId(directory, record.employeeId));
      await audit.append({ samtaleId, viewerId, action: 'view', outcome: role ? 'allowed' : 'refused', at: clock.now().toISOString() });
      if (!role) {
        log.info({ samtaleId, viewerId }, 'samtale.view.refused');
        return refuse('forbidden', TEXT.noAccess);
      }
      log.info({ samtaleId, viewerId, role, state: record.state }, 'samtale.view');
      const view = buildView(record, viewerId, role, directory);
      const carryFrom = role === 'employee' ? await carrySource(record) : undefined;
      return { ok: true, view: carryFrom ? { ...view, carryFrom: { samtaleId: carryFrom.id, scheduledForText: formatDate(carryFrom.scheduledFor) } } : view };
    },

    async beforeCommand(viewerId, samtaleId, type) {
      const record = await samtaler.get(samtaleId);
      if (!record) return refuse('not-found', SAMTALE_TEXT.notFound);
      const directory = org.directory();
      const role = roleOf(record, viewerId, currentLeaderId(directory, record.employeeId));
      await audit.append({ samtaleId, viewerId, action: 'view', outcome: role ? 'allowed' : 'refused', at: clock.now().toISOString() });
      const blocked = guard(record, { employeeId: viewerId, party: role }, type);
      if (blocked) {
        log.info({ samtaleId, viewerId, command: type, code: blocked.code }, 'samtale.command-step.refused');
        return refuse(blocked.code, blocked.reason);
      }
      return { ok: true, view: buildView(record, viewerId, role!, directory) };
    },

    async listMine(employeeId) {
      const directory = org.directory();
      if (!directory.employee(employeeId)) return refuse('not-found', SAMTALE_TEXT.unknownPerson);
      const records = await samtaler.listForEmployee(employeeId);
      // As leader: every samtale she holds with a current report, confirmed ones and earlier years too.
      const reports = directory.reportsOf(employeeId);
      const led = reports.length ? (await samtaler.listForEmployees(reports.map((r) => r.employeeId))).filter((r) => r.leaderId === employeeId) : [];
      const newestFirst = (a: { scheduledFor: string }, b: { scheduledFor: string }) => b.scheduledFor.localeCompare(a.scheduledFor);
      return {
        ok: true,
        asLeader: led
          .map((r) => ({
            samtaleId: r.id,
            scheduledFor: r.scheduledFor,
            scheduledForText: formatDate(r.scheduledFor),
            state: r.state,
            stateLabel: stateLabelOf(r),
            employeeName: r.referat?.employee.name ?? nameOf(directory, r.employeeId),
          }))
          .sort(newestFirst),
        samtaler: records
          .map((r) => ({
            samtaleId: r.id,
            scheduledFor: r.scheduledFor,
            scheduledForText: formatDate(r.scheduledFor),
            state: r.state,
            stateLabel: stateLabelOf(r),
            leaderName: r.referat?.leader.name ?? nameOf(directory, r.leaderId),
          }))
          .reverse(),
      };
    },

    execute,
    saveAnswer: (v, id, sectionId, answers, version) => execute(v, id, { type: 'saveAnswer', sectionId, answers }, version),
    submitPreparation: (v, id, version) => execute(v, id, { type: 'submitPreparation' }, version),
    reschedule: (v, id, date, version) => execute(v, id, { type: 'reschedule', date }, version),
    open: (v, id, version) => execute(v, id, { type: 'open' }, version),
    addNote: (v, id, note, version) => execute(v, id, { type: 'addNote', ...note }, version),
    addAction: (v, id, action, version) => execute(v, id, { type: 'addAction', ...action }, version),
    addDevPlanItem: (v, id, item, version) => execute(v, id, { type: 'addDevPlanItem', ...item }, version),
    removeItem: (v, id, itemId, version) => execute(v, id, { type: 'removeItem', itemId }, version),
    closePreviousAction: (v, id, actionId, version) => execute(v, id, { type: 'reviewPreviousAction', actionId, decision: 'close' }, version),
    carryOverPreviousAction: (v, id, actionId, carry, version) =>
      execute(v, id, { type: 'reviewPreviousAction', actionId, decision: 'carry', dueDate: carry.dueDate, ...(carry.ownerEmployeeId ? { ownerEmployeeId: carry.ownerEmployeeId } : {}) }, version),
    sendReferat: (v, id, summary, version) => execute(v, id, { type: 'sendReferat', ...(summary !== undefined ? { summary } : {}) }, version),
    reopen: (v, id, version) => execute(v, id, { type: 'reopen' }, version),
    confirm: (v, id, comment, version) => execute(v, id, { type: 'confirm', ...(comment !== undefined ? { comment } : {}) }, version),
    comment: (v, id, text, version) => execute(v, id, { type: 'comment', text }, version),
    completeAction: (v, id, actionId, version) => execute(v, id, { type: 'completeAction', actionId }, version),
    cancel: (v, id, version) => execute(v, id, { type: 'cancel' }, version),

    async devPlanSuggestions(viewerId, samtaleId) {
      const record = await samtaler.get(samtaleId);
      if (!record) return refuse('not-found', SAMTALE_TEXT.notFound);
      const directory = org.directory();
      const role = roleOf(record, viewerId, currentLeaderId(directory, record.employeeId));
      if (role === null) return refuse('forbidden', TEXT.noAccess);
      if (role !== 'leader') return refuse('forbidden', SAMTALE_TEXT.leaderOnlySuggestions);
      if (!competence?.personGap) return { ok: true, available: false, suggestions: [] };
      const result = await competence.personGap(viewerId, record.employeeId);
      if (!result.ok) return { ok: true, available: false, suggestions: [] };
      const seen = new Set(record.devPlan.map((d) => d.competenceId).filter(Boolean));
      const suggestions: DevPlanSuggestion[] = [];
      for (const r of result.gap.requirements) {
        if (r.status === 'met') continue;
        const reason = r.critical || r.legal ? 'Lovkrav' : r.priority === 'required' ? 'Påkrevd' : 'Ønsket';
        for (const m of r.unmet) {
          if (seen.has(m.competenceId)) continue;
          seen.add(m.competenceId);
          suggestions.push({ competenceId: m.competenceId, name: m.name, reason, requirement: r.label });
        }
      }
      const rank = (s: DevPlanSuggestion) => (s.reason === 'Lovkrav' ? 0 : s.reason === 'Påkrevd' ? 1 : 2);
      suggestions.sort((a, b) => rank(a) - rank(b));
      log.info({ samtaleId, viewerId, suggestions: suggestions.length }, 'samtale.dev-plan-suggestions');
      return { ok: true, available: true, suggestions };
    },

    async exportReferat(viewerId, samtaleId, format = 'markdown') {
      const access = await referatAccess(viewerId, samtaleId);
      if (!access.ok) return access;
      const { record, role, now, directory } = access;
      const file = exportReferatDocument(format, record, templateOf(record), { nameOf: (id) => nameOf(directory, id) }, now);
      // The leader's export of the confirmed referat is the copy for sak/arkiv: only after it may the referat be deleted.
      const archived = role === 'leader' && (await saveWithRetry(samtaleId, (current) => markReferatExported(current, now)));
      log.info({ samtaleId, viewerId, role, format, confirmed: !!record.confirmedAt, archived }, 'samtale.export');
      return { ok: true, file };
    },

    async referatPdf(viewerId, samtaleId) {
      const access = await referatAccess(viewerId, samtaleId);
      if (!access.ok) return access;
      const { record, role, now, directory } = access;
      const file = await exportReferatPdf(record, templateOf(record), { nameOf: (id) => nameOf(directory, id) }, now);
      const archiveCopy = role === 'leader' && record.state === 'bekreftet';
      log.info({ samtaleId, viewerId, role, format: 'pdf', confirmed: !!record.confirmedAt, archiveCopy, bytes: file.content.length }, 'samtale.export');
      return { ok: true, file, archiveCopy };
    },

    async referatDownloaded(viewerId, samtaleId) {
      const record = await samtaler.get(samtaleId);
      if (!record) return { archived: false };
      const role = roleOf(record, viewerId, currentLeaderId(org.directory(), record.employeeId));
      const now = clock.now();
      const archived = role === 'leader' && (await saveWithRetry(samtaleId, (current) => markReferatExported(current, now)));
      log.info({ samtaleId, viewerId, role, archived }, 'samtale.export.downloaded');
      return { archived };
    },

    async exportMine(employeeId, format = 'markdown') {
      const directory = org.directory();
      const employee = directory.employee(employeeId);
      if (!employee) return refuse('not-found', SAMTALE_TEXT.unknownPerson);
      const now = clock.now();
      const records = await samtaler.listForEmployee(employeeId);
      for (const r of records) await audit.append({ samtaleId: r.id, viewerId: employeeId, action: 'export', outcome: 'allowed', at: now.toISOString() });
      const file = exportOwnSamtaler(format, { id: employeeId, name: employee.name }, records, templateOf, { nameOf: (id) => nameOf(directory, id) }, now);
      log.info({ employeeId, samtaler: records.length, format }, 'samtale.export-mine');
      return { ok: true, file };
    },

    async leaderOverview(leaderId, year) {
      const directory = org.directory();
      if (!directory.employee(leaderId)) return refuse('not-found', SAMTALE_TEXT.unknownPerson);
      const reports = directory.reportsOf(leaderId);
      if (!reports.length) return refuse('forbidden', SAMTALE_TEXT.notALeader);
      const records = await samtaler.listForEmployees(reports.map((r) => r.employeeId));
      const byEmployee = new Map<string, SamtaleRecord[]>();
      for (const r of records) byEmployee.set(r.employeeId, [...(byEmployee.get(r.employeeId) ?? []), r]);
      const today = osloToday(clock.now());
      const totals = emptyCounts();
      const rows: OverviewRow[] = reports
        .map((e) => {
          const mine = byEmployee.get(e.employeeId) ?? [];
          const chosen = pickForYear(mine.filter((r) => r.year === year));
          const status = overviewStatus(chosen?.state);
          totals[status]++;
          let openActions = 0;
          let overdueActions = 0;
          for (const r of mine) {
            if (r.state !== 'referat_sendt' && r.state !== 'bekreftet') continue;
            for (const a of r.actions) {
              if (a.status !== 'open') continue;
              openActions++;
              if (a.dueDate < today) overdueActions++;
            }
          }
          return {
            ...personRef(e),
            status,
            statusLabel: OVERVIEW_LABELS[status],
            ...(chosen
              ? {
                  samtaleId: chosen.id,
                  scheduledFor: chosen.scheduledFor,
                  scheduledForText: formatDate(chosen.scheduledFor),
                  state: chosen.state,
                  employeePreparation: preparationStatus(chosen.preparations.employee),
                  leaderPreparation: preparationStatus(chosen.preparations.leader),
                }
              : {}),
            openActions,
            overdueActions,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
      log.info({ leaderId, year, reports: rows.length }, 'samtale.leader-overview');
      return { ok: true, year, rows, totals };
    },

    async hrCounts(viewerId, year) {
      const directory = org.directory();
      if (!directory.employee(viewerId)) return refuse('not-found', SAMTALE_TEXT.unknownPerson);
      if (!directory.hasRole(viewerId, 'hr')) {
        log.info({ viewerId }, 'samtale.hr-counts.refused');
        return refuse('forbidden', SAMTALE_TEXT.hrOnly);
      }
      const records = await samtaler.listForYear(year);
      const byEmployee = new Map<string, SamtaleRecord[]>();
      for (const r of records) byEmployee.set(r.employeeId, [...(byEmployee.get(r.employeeId) ?? []), r]);
      const totals = { ...emptyCounts(), employees: 0 };
      const units: UnitCounts[] = directory.snapshot.units.map((u) => {
        const counts: UnitCounts = { unitId: u.id, name: u.name, ...(u.parentUnitId ? { parentUnitId: u.parentUnitId } : {}), employees: 0, ...emptyCounts() };
        for (const e of directory.employeesInUnit(u.id)) {
          const status = overviewStatus(pickForYear(byEmployee.get(e.employeeId) ?? [])?.state);
          counts.employees++;
          counts[status]++;
          totals.employees++;
          totals[status]++;
        }
        return counts;
      });
      log.info({ viewerId, year, units: units.length }, 'samtale.hr-counts');
      return { ok: true, year, units, totals };
    },

    async actionReminder(viewerId, samtaleId, actionId) {
      const record = await samtaler.get(samtaleId);
      if (!record) return refuse('not-found', SAMTALE_TEXT.notFound);
      const directory = org.directory();
      const current = currentLeaderId(directory, record.employeeId);
      const role = roleOf(record, viewerId, current);
      // A new leader follows up the agreed actions of a confirmed referat (never anything else of it).
      const successor = !role && record.state === 'bekreftet' && viewerId === current;
      if (!role && !successor) return refuse('forbidden', TEXT.noAccess);
      const action = record.referatDeletedAt ? undefined : record.actions.find((a) => a.id === actionId);
      if (!action) return refuse('not-found', 'Fant ikke tiltaket.');
      return {
        ok: true,
        what: action.what,
        dueDate: action.dueDate,
        dueDateText: formatDate(action.dueDate),
        scheduledForText: formatDate(record.scheduledFor),
        ownerName: nameOf(directory, action.ownerEmployeeId),
      };
    },

    async dueActions(now, withinDays) {
      const directory = org.directory();
      const today = osloToday(now);
      const until = addDays(today, withinDays);
      const out: ActionReminder[] = [];
      for (const r of await samtaler.all()) {
        if ((r.state !== 'referat_sendt' && r.state !== 'bekreftet') || r.referatDeletedAt) continue;
        for (const a of r.actions) {
          if (a.status !== 'open' || a.dueDate < today || a.dueDate > until) continue;
          // A former leader has no access any more: their reminders go to the current leader.
          const to = a.ownerEmployeeId === r.employeeId ? r.employeeId : currentLeaderId(directory, r.employeeId) ?? a.ownerEmployeeId;
          if (!directory.employee(to)) continue;
          const daysLeft = Math.round((Date.parse(`${a.dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
          out.push({
            kind: 'tiltak-frist',
            key: `${r.id}:${a.id}:${a.dueDate}`,
            toEmployeeId: to,
            samtaleId: r.id,
            actionId: a.id,
            employeeId: r.employeeId,
            dueDate: a.dueDate,
            dueDateText: formatDate(a.dueDate),
            daysLeft,
          });
        }
      }
      out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.key.localeCompare(b.key));
      log.info({ reminders: out.length, withinDays }, 'samtale.due-actions');
      return out;
    },

    async purgeWorkingNotes(now) {
      let purged = 0;
      for (const r of await samtaler.all()) {
        if (!purgeWorkingNotes(r, now, deps.notesRetentionMonths)) continue;
        if (await saveWithRetry(r.id, (current) => purgeWorkingNotes(current, now, deps.notesRetentionMonths))) purged++;
      }
      log.info({ purged, months: deps.notesRetentionMonths }, 'samtale.retention.purge');
      return { purged };
    },

    async purgeArchivedReferats(now) {
      let deleted = 0;
      let notArchived = 0;
      for (const r of await samtaler.all()) {
        if (r.referatDeletedAt) continue;
        const expires = referatExpiresAt(r, referatRetentionMonths);
        if (!expires || expires.getTime() > now.getTime()) continue;
        if (!referatArchived(r)) {
          notArchived++;
          continue;
        }
        if (await saveWithRetry(r.id, (current) => deleteReferatContent(current, now, referatRetentionMonths))) deleted++;
      }
      // HR reads the count of referater kept because nobody exported them for the archive.
      log.info({ deleted, notArchived, months: referatRetentionMonths }, 'samtale.retention.referat');
      return { deleted, notArchived };
    },

    async overview(viewerId, page, want) {
      const year = Number(osloToday(clock.now()).slice(0, 4));
      const [team, hr] = await Promise.all([service.leaderOverview(viewerId, year), service.hrCounts(viewerId, year)]);
      if (team.ok && want !== 'hr') return { ok: true, view: 'team', page, team: { year: team.year, rows: team.rows, totals: team.totals }, other: hr.ok };
      if (hr.ok && want !== 'team') return { ok: true, view: 'hr', page, hr: { year: hr.year, units: hr.units, totals: hr.totals }, other: team.ok };
      if (!team.ok && team.code === 'not-found') return team;
      if (want === 'team' && !team.ok && hr.ok) return team;
      if (want === 'hr' && !hr.ok && team.ok) return hr;
      log.info({ viewerId }, 'samtale.overview.refused');
      return refuse('forbidden', SAMTALE_TEXT.overviewRefused);
    },
  };
  return service;
}
