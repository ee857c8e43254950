/** The samtale use cases as one API (implemented by createSamtaleService in samtale-service.ts). */
import type { DocumentFormat } from './referat-export.js';
import type { SamtaleCommand } from './commands.js';
import type { SamtaleTemplates } from './template.js';
import type {
  ActionReminder,
  CommandResult,
  DevPlanSuggestion,
  FollowUpView,
  HrOverview,
  LedSamtaleRow,
  LeaderChangeOutcome,
  MySamtaleRow,
  PersonRef,
  ReportRow,
  SamtaleOutcome,
  SamtaleOverview,
  SamtaleView,
  TeamOverview,
} from './views.js';
import type { BinaryDownloadFile, DownloadFile } from '../../shared/files.js';

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

  /**
   * Any command of a party (see {@link SamtaleCommand}: save an answer, open, add a note, send or
   * confirm the referat …); `version` is the one the card was rendered from. The one way to change
   * a samtale: access, step, stale card and double click are checked here, and the notices queued.
   */
  execute(viewerId: string, samtaleId: string, command: SamtaleCommand, version: number): Promise<CommandResult>;

  /** Suggestions for the development plan from the employee's competence gap (leader only); empty without the competence capability. */
  devPlanSuggestions(viewerId: string, samtaleId: string): Promise<SamtaleOutcome<{ available: boolean; suggestions: DevPlanSuggestion[] }>>;

  /** The referat as a document for sak/arkiv and the personalmappe; for the employee and the current leader. Audited. */
  exportReferat(viewerId: string, samtaleId: string, format?: DocumentFormat): Promise<SamtaleOutcome<{ file: DownloadFile }>>;

  /**
   * The referat as a PDF/A file (the archive copy), without marking anything: the caller offers it
   * and calls `referatDownloaded` when the file is actually taken. `archiveCopy` tells whether that
   * download will count as the copy for sak/arkiv (the current leader, confirmed referat). `view` is the
   * overview as the viewer sees it now, to offer the file on. Audited.
   */
  referatPdf(viewerId: string, samtaleId: string): Promise<SamtaleOutcome<{ file: BinaryDownloadFile; archiveCopy: boolean; view: SamtaleView }>>;

  /** The leader's PDF was downloaded: the referat now counts as exported for the archive. */
  referatDownloaded(viewerId: string, samtaleId: string): Promise<{ archived: boolean }>;

  /** All of the employee's own samtaler (referat, own preparation, own private notes). Audited per samtale. */
  exportMine(employeeId: string, format?: DocumentFormat): Promise<SamtaleOutcome<{ file: DownloadFile }>>;

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
