/**
 * What the samtale use cases share: the ports, the clock and logger, and the small helpers
 * (names, the template of a record, the current leader, saving with retry, the view of one
 * samtale for one party, the notices of a command). Built once per service.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/dates.js';
import type { AuditRepository } from '../../storage/ports/audit.js';
import { ConcurrencyError } from '../../storage/ports/errors.js';
import type { SamtaleRecord } from './model.js';
import type { SamtaleRepository } from '../../storage/ports/samtale.js';
import type { CompetenceContent } from '../registration/catalogue/content.js';
import type { PersonGap } from '../gap/person-gap.js';
import type { OrgDirectory } from '../org/model.js';
import type { Employee } from '../org/model.js';
import { availableCommands, guard, type SamtaleCommand, type SamtaleEffect } from './commands.js';
import { contentFor, PREPARATION_STATUS_LABELS } from './visibility.js';
import { formatDate } from './dates.js';
import { referatToken } from './decide-referat.js';
import type { SamtaleParty } from './model.js';
import { stateLabelOf } from './leader-change.js';
import { enqueueSamtaleNotices, type SamtaleOutbox } from './delivery.js';
import type { SamtaleTemplate, SamtaleTemplates } from './template.js';
import type { PersonRef, SamtaleNotice, SamtaleRefusal, SamtaleView } from './views.js';
import { osloToday } from '../../shared/dates.js';

export interface SamtaleOrgAccess {
  directory(): OrgDirectory;
}

/** The competence capability, when it exists: catalogue names and the person's gap. */
export interface SamtaleCompetenceAccess {
  readonly content: CompetenceContent;
  personGap?(viewerId: string, employeeId: string): Promise<{ ok: true; gap: PersonGap } | { ok: false; reason: string }>;
}

export interface SamtaleServiceDeps {
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
  /**
   * Where the notices of a command go (the delivery module's outbox). The use case queues them
   * itself, right after the change is saved, so every caller's commands are told; without it
   * (some unit tests) none are queued.
   */
  outbox?: SamtaleOutbox;
}

/** Saves retried after losing a race with another save of the same samtale. */
export const MAX_ATTEMPTS = 5;

export interface ServiceContext {
  samtaler: SamtaleRepository;
  audit: AuditRepository;
  org: SamtaleOrgAccess;
  templates: SamtaleTemplates;
  competence: SamtaleCompetenceAccess | undefined;
  clock: Clock;
  log: Logger;
  newId: () => string;
  notesRetentionMonths: number;
  referatRetentionMonths: number;
  refuse(code: SamtaleRefusal['code'], reason: string, extra?: Partial<SamtaleRefusal>): SamtaleRefusal;
  personRef(e: Employee): PersonRef;
  nameOf(directory: OrgDirectory, id: string): string;
  templateOf(record: SamtaleRecord): SamtaleTemplate;
  currentLeaderId(directory: OrgDirectory, employeeId: string): string | undefined;
  /** Applies `change` to the stored record and saves it, retrying a lost race; false when nothing was saved. */
  saveWithRetry(id: string, change: (r: SamtaleRecord) => SamtaleRecord | undefined): Promise<boolean>;
  /** One samtale as one of its parties sees it. */
  buildView(record: SamtaleRecord, viewerId: string, role: SamtaleParty, directory: OrgDirectory): SamtaleView;
  /** The notices among a command's effects, with the names a card needs. */
  notices(effects: SamtaleEffect[], directory: OrgDirectory, record: SamtaleRecord): SamtaleNotice[];
  /** Queues notices on the outbox; call only after the change they tell about is saved. */
  queue(notices: SamtaleNotice[]): Promise<void>;
}

export function createServiceContext(deps: SamtaleServiceDeps): ServiceContext {
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
      shownAt: clock.now().toISOString(),
      ...(record.referat ? { referatToken: referatToken(record) } : {}),
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

  async function queue(list: SamtaleNotice[]): Promise<void> {
    if (!list.length || !deps.outbox) return;
    const added = await enqueueSamtaleNotices(deps.outbox, list);
    log.info({ notices: list.length, added }, 'samtale.notices.queued');
  }

  return {
    queue,
    samtaler, audit, org, templates, competence, clock, log, newId,
    notesRetentionMonths: deps.notesRetentionMonths,
    referatRetentionMonths,
    refuse, personRef, nameOf, templateOf, currentLeaderId, saveWithRetry, buildView, notices,
  };
}
