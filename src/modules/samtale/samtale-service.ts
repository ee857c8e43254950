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
import { ConcurrencyError } from '../../storage/ports/errors.js';
import type { SamtaleRecord, SamtaleState } from './model.js';
import type { OrgDirectory } from '../org/model.js';
import { createLeaderChange } from './leader-change-service.js';
import { createOverviewQueries } from './overview-queries.js';
import { createReferatExports } from './referat-exports.js';
import { createSamtaleJobs } from './samtale-jobs.js';
import type { SamtaleService } from './service-api.js';
import { createServiceContext, MAX_ATTEMPTS, type SamtaleServiceDeps } from './service-context.js';
import { carryPreparation as carryPreparationInto, followUpAction, stateLabelOf } from './leader-change.js';
import { type DecideContext, guard, type SamtaleCommand, type SamtaleEffect, STATE_LABELS, TEXT } from './commands.js';
import { decide, startSamtale as startRecord } from './state-machine.js';
import { formatDate } from './dates.js';
import { roleOf } from './visibility.js';
import type { CommandResult, DevPlanSuggestion, ReportRow } from './views.js';
import { osloToday } from '../../shared/dates.js';


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


const ACTIVE: ReadonlySet<SamtaleState> = new Set(['planlagt', 'forberedes', 'klar', 'gjennomfores', 'referat_sendt']);


const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/å/g, 'a')
    .trim();

export function createSamtaleService(deps: SamtaleServiceDeps): SamtaleService {
  const ctx = createServiceContext(deps);
  const { samtaler, audit, org, templates, clock, competence, log, newId, refuse, personRef, nameOf, templateOf, currentLeaderId, saveWithRetry, buildView, notices, queue } = ctx;

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
      const told = notices(decision.effects, directory, decision.record);
      await queue(told);
      return { ok: true, view: buildView(decision.record, viewerId, role!, directory), duplicate: false, notifications: told };
    }
    log.warn({ samtaleId, viewerId, command: command.type }, 'samtale.command.busy');
    return refuse('stale', SAMTALE_TEXT.busy);
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

  const exports = createReferatExports(ctx);
  const service: SamtaleService = {
    templates,
    ...createLeaderChange(ctx),
    ...exports,
    ...createOverviewQueries(ctx),
    ...createSamtaleJobs(ctx),

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
      const told = notices(started.effects, directory, started.record);
      await queue(told);
      return { ok: true, view: buildView(started.record, leaderId, 'leader', directory), duplicate: false, notifications: told };
    },

    async referatPdf(viewerId, samtaleId) {
      const pdf = await exports.referatPdf(viewerId, samtaleId);
      if (!pdf.ok) return pdf;
      // The card the file is offered on is the overview as this viewer sees it now.
      const current = await service.getForViewer(viewerId, samtaleId);
      return current.ok ? { ...pdf, view: current.view } : current;
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
      const row = (r: SamtaleRecord) => ({
        samtaleId: r.id,
        scheduledFor: r.scheduledFor,
        scheduledForText: formatDate(r.scheduledFor),
        state: r.state,
        stateLabel: stateLabelOf(r),
      });
      return {
        ok: true,
        asLeader: led.map((r) => ({ ...row(r), employeeName: r.referat?.employee.name ?? nameOf(directory, r.employeeId) })).sort(newestFirst),
        samtaler: records.map((r) => ({ ...row(r), leaderName: r.referat?.leader.name ?? nameOf(directory, r.leaderId) })).reverse(),
      };
    },

    execute,

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

  };
  return service;
}
