/** What each viewer may see of a samtale: their part in it, the preparations, the content. Pure. */
import type { SamtaleActionRecord, SamtaleNoteRecord, SamtaleParty, SamtalePreparationRecord, SamtaleRecord, SamtaleReferatRecord } from './model.js';

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
