/**
 * Teams routes of the medarbeidersamtale. Each handler finds out who is clicking (from the
 * Teams identity, never from the card), parses the card data, calls the samtale service and
 * answers with a card. Access, steps, stale cards and double clicks are the service's: a
 * refusal's reason is shown as is. The use cases queue their notices themselves.
 */
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { card, cardRoutes, type Reply, text } from '../../bot/card-route.js';
import type { TeamsRouteDeps } from '../../bot/identify.js';
import { sendCard } from '../../bot/reply.js';
import { personalRoutes } from '../../bot/scope.js';
import type { AppTurnState } from '../../bot/state.js';
import { VERBS } from '../../cards/verbs.js';
import type { Downloads } from '../../shared/downloads.js';
import { renderInstallRequest } from '../delivery/cards.js';
import { type Reachability, teamsInstallLink } from '../delivery/reachability.js';
import type { Employee } from '../org/model.js';
import { escapeMarkdown } from '../../texts/index.js';
import { type CardValues, carryInputId } from './cards/shared.js';
import type { Notice } from './cards/templates.js';
import { renderCancel, renderMine, renderReports, renderReschedule, renderStart } from './cards/start.js';
import { renderConduct, renderOverview, renderPrepare } from './cards/samtale.js';
import { renderHrCounts, renderFollowUp, renderTeam } from './cards/overview.js';
import { renderMessage, renderRefusal } from './cards/messages.js';
import type { CommandResult, SamtaleRefusal, SamtaleView } from './views.js';
import type { SamtaleService } from './service-api.js';
import { CONSUMED, DUPLICATE_TEXT, keptValues, LIST_COMMAND, OVERVIEW_COMMAND, SAMTALE_STALE_TEXT, schemas, START_COMMAND } from './teams-input.js';
import { osloToday } from '../../shared/dates.js';


export interface SamtaleTeamsDeps extends TeamsRouteDeps {
  samtale: SamtaleService;
  downloads: Downloads;
  /** Today in Oslo (`YYYY-MM-DD`), for the date picker. */
  today?: () => string;
  /**
   * Whether the bot can message the other party (delivery/reachability). Without it nobody is
   * taken to be reachable: no card then claims that a message reached anyone.
   */
  reachability?: Pick<Reachability, 'canReach'>;
  /** Teams app id (TEAMS_APP_ID) for the link in «Be X installere Kompetansebot». */
  teamsAppId?: string;
}

const good = (t: string): Notice => ({ style: 'good', text: t });
const info = (t: string): Notice => ({ style: 'accent', text: t });
const opt = (s: string | undefined) => (s && s.trim() ? s : undefined);
const firstName = (name: string) => name.split(' ')[0] ?? name;

export function registerSamtaleRoutes(app: Application<AppTurnState>, deps: SamtaleTeamsDeps): void {
  // Every route here shows personal data: only in the person's personal chat (src/bot/scope.ts).
  const stale = card(renderMessage({ heading: 'Ikke gjort', text: SAMTALE_STALE_TEXT, style: 'attention' }));
  const routes = cardRoutes(personalRoutes(app), { ...deps, scope: 'samtale', stale });
  const log = deps.logger?.child('samtale-teams');
  const { samtale } = deps;
  const today = deps.today ?? (() => osloToday(new Date()));

  const refusal = (r: SamtaleRefusal, samtaleId?: string): Reply => card(renderRefusal(r.reason, r.code === 'forbidden' || r.code === 'not-found' ? undefined : samtaleId));
  const savedNotice = (result: { duplicate: boolean }, text: string) => (result.duplicate ? info(DUPLICATE_TEXT) : good(text));

  /**
   * The notice after a command that tells the employee something. Nothing says «har fått»: the
   * message is only queued. When the bot cannot reach the employee (Kompetansebot not installed or
   * never opened), the leader is told so, and gets «Be X installere Kompetansebot» as a new
   * message she can forward.
   */
  async function toldNotice(context: TurnContext, result: { duplicate: boolean; view: SamtaleView }, done: string, reachable: string, unreachable: string): Promise<Notice> {
    if (result.duplicate) return info(DUPLICATE_TEXT);
    const employee = result.view.employee;
    if (deps.reachability && (await deps.reachability.canReach(employee.employeeId))) return good(`${done} ${reachable}`);
    const first = escapeMarkdown(firstName(employee.name));
    log?.info({ samtaleId: result.view.id, employeeId: employee.employeeId }, 'samtale.notice.unreachable');
    // The card names the employee: only into the leader's personal chat, never a group chat or channel.
    if ((context.activity.conversation?.conversationType ?? 'personal') === 'personal') {
      await sendCard(
        context,
        renderInstallRequest({
          names: [employee.name],
          installUrl: teamsInstallLink(deps.teamsAppId),
          reason: `${first} kan ikke få meldinger fra Kompetansebot ennå.`,
        }),
      );
    }
    return { style: 'warning', text: `${done} ${unreachable} ${first} har ikke åpnet Kompetansebot i Teams ennå, så boten kan ikke sende meldinger til ${first}. Si fra selv, og be ${first} installere Kompetansebot – meldingen under kan du videresende.` };
  }

  async function reportsCard(me: Employee, page = 0, opts: { notice?: Notice; only?: string[] } = {}): Promise<Reply> {
    const result = await samtale.reportsForLeader(me.employeeId);
    if (!result.ok) return card(renderRefusal(result.reason));
    const rows = opts.only ? result.reports.filter((r) => opts.only!.includes(r.employeeId)) : result.reports;
    return card(renderReports(rows, { page, ...(opts.notice ? { notice: opts.notice } : {}) }));
  }

  /** «samtaleoversikt»: the service decides which view (reports or counts per unit) the person gets. */
  async function overviewCard(me: Employee, page = 0, want?: 'team' | 'hr'): Promise<Reply> {
    const result = await samtale.overview(me.employeeId, page, want);
    if (!result.ok) return card(renderRefusal(result.reason));
    return result.view === 'team' ? card(renderTeam(result.team, { page: result.page, showHr: result.other })) : card(renderHrCounts(result.hr, { page: result.page, showTeam: result.other }));
  }

  const canReach = async (employeeId: string) => (deps.reachability ? deps.reachability.canReach(employeeId) : false);

  /** The start form for one of the leader's reports: warns of a samtale confirmed this year, and of one the bot cannot reach. */
  async function startCard(me: Employee, employeeId: string): Promise<Reply> {
    const reports = await samtale.reportsForLeader(me.employeeId);
    const employee = reports.ok ? reports.reports.find((r) => r.employeeId === employeeId) : undefined;
    if (!employee) return card(renderRefusal('Du kan bare starte medarbeidersamtale med dine egne medarbeidere (de som har deg som nærmeste leder).'));
    return card(renderStart({ employee, today: today(), reachable: await canReach(employeeId) }));
  }

  async function mineCard(me: Employee): Promise<Reply> {
    const mine = await samtale.listMine(me.employeeId);
    if (!mine.ok) return text(mine.reason);
    return card(renderMine({ mine: mine.samtaler, asLeader: mine.asLeader, isLeader: deps.org.directory().reportsOf(me.employeeId).length > 0 }));
  }

  async function conductCard(me: Employee, view: SamtaleView, idx: number, opts: Parameters<typeof renderConduct>[2] = {}): Promise<Reply> {
    const suggestions = await samtale.devPlanSuggestions(me.employeeId, view.id);
    return card(renderConduct(view, idx, { ...opts, ...(suggestions.ok ? { suggestions: suggestions.suggestions } : {}) }));
  }

  /** After a conversation command: the conversation card again, with the errors next to the fields. */
  async function afterConduct(me: Employee, samtaleId: string, idx: number, result: CommandResult, okText: string, target: 'note' | 'action' | 'devplan' | 'previous' | 'remove', raw: CardValues): Promise<Reply> {
    // What was typed in the card's other fields stays (the summary while adding to the plan, say); only what was saved is cleared.
    if (result.ok) return conductCard(me, result.view, idx, { notice: savedNotice(result, okText), values: keptValues(raw, CONSUMED[target]) });
    if (result.code !== 'invalid' || !result.view) return refusal(result, samtaleId);
    return conductCard(me, result.view, idx, { notice: { style: 'attention', text: result.reason }, values: raw, errors: result.errors ?? [], errorTarget: target === 'remove' ? 'note' : target });
  }

  // --- Commands -------------------------------------------------------------------------------

  routes.message(START_COMMAND, async (me, { context }) => {
    const name = (context.activity.text ?? '').match(START_COMMAND)?.[1]?.trim();
    if (!name) return reportsCard(me);
    const found = samtale.findReports(me.employeeId, name);
    if (!found.ok) return card(renderRefusal(found.reason));
    if (found.matches.length === 1) return startCard(me, found.matches[0]!.employeeId);
    const notice: Notice = found.matches.length
      ? info(`Flere av dine medarbeidere passer til «${name}». Velg den du mener.`)
      : { style: 'warning', text: `Ingen av dine medarbeidere heter «${name}». Velg fra lista.` };
    return reportsCard(me, 0, { notice, ...(found.matches.length ? { only: found.matches.map((m) => m.employeeId) } : {}) });
  });

  routes.message(LIST_COMMAND, (me) => mineCard(me));

  routes.message(OVERVIEW_COMMAND, (me) => overviewCard(me));

  routes.execute(VERBS.samtaleTeam, schemas.page, (me, data) => overviewCard(me, data.page ?? 0, 'team'));
  routes.execute(VERBS.samtaleHr, schemas.page, (me, data) => overviewCard(me, data.page ?? 0, 'hr'));

  // --- Starting -------------------------------------------------------------------------------

  routes.execute(VERBS.samtaleReports, schemas.reports, (me, data) => reportsCard(me, data.page ?? 0));

  routes.execute(VERBS.samtalePick, schemas.pick, async (me, data) => {
    const reports = await samtale.reportsForLeader(me.employeeId);
    if (!reports.ok) return card(renderRefusal(reports.reason));
    const employee = reports.reports.find((r) => r.employeeId === data.employeeId);
    if (!employee) return card(renderRefusal('Du kan bare starte medarbeidersamtale med dine egne medarbeidere (de som har deg som nærmeste leder).'));
    return startCard(me, employee.employeeId);
  });

  routes.execute(VERBS.samtaleStart, schemas.start, async (me, data, { context }) => {
    const result = await samtale.startSamtale(me.employeeId, data.employeeId, data.date ?? '');
    if (result.ok) {
      const first = escapeMarkdown(firstName(result.view.employee.name));
      return card(renderOverview(result.view, {
        notice: result.duplicate
          ? info(`Samtalen var allerede startet. ${DUPLICATE_TEXT}`)
          : await toldNotice(context, result, 'Samtalen er planlagt.', `${first} får en invitasjon i Teams til å forberede seg.`, `${first} får ingen invitasjon fra boten:`),
      }));
    }
    if (result.code === 'invalid') {
      const reports = await samtale.reportsForLeader(me.employeeId);
      const employee = reports.ok ? reports.reports.find((r) => r.employeeId === data.employeeId) : undefined;
      if (employee) return card(renderStart({ employee, today: today(), date: data.date ?? '', dateError: result.errors?.[0]?.message ?? result.reason, reachable: await canReach(employee.employeeId) }));
    }
    if (result.code === 'exists' && result.samtaleId) return card(renderRefusal(result.reason, result.samtaleId));
    return refusal(result);
  });

  routes.execute(VERBS.samtaleMine, schemas.mine, (me) => mineCard(me));

  // --- One samtale ----------------------------------------------------------------------------

  routes.execute(VERBS.samtaleOpen, schemas.open, async (me, data) => {
    const result = await samtale.getForViewer(me.employeeId, data.samtaleId);
    if (result.ok) return card(renderOverview(result.view));
    // Not a party: a new leader may still follow up the agreed actions of a confirmed referat.
    if (result.code === 'forbidden') {
      const followUp = await samtale.followUp(me.employeeId, data.samtaleId);
      if (followUp.ok) return card(renderFollowUp(followUp.followUp));
    }
    return refusal(result);
  });

  routes.execute(VERBS.samtaleCarry, schemas.carry, async (me, data) => {
    const result = await samtale.carryPreparation(me.employeeId, data.samtaleId, data.fromSamtaleId, data.version);
    if (!result.ok) return refusal(result, data.samtaleId);
    return card(renderOverview(result.view, { notice: good('Forberedelsen din fra den avsluttede samtalen er tatt med. Se over svarene før du sender inn – lederen ser dem først når dere begge har sendt inn.') }));
  });

  routes.execute(VERBS.samtaleSection, schemas.section, async (me, data) => {
    const result = await samtale.getForViewer(me.employeeId, data.samtaleId);
    if (!result.ok) return refusal(result);
    if (!result.view.can.saveAnswer) return card(renderOverview(result.view, { notice: info('Forberedelsen kan ikke endres i dette steget. Her er samtalen slik den står nå.') }));
    return card(renderPrepare(result.view, data.sectionId));
  });

  routes.execute(VERBS.samtaleSave, schemas.save, async (me, data, { raw }) => {
    const answers = Object.fromEntries(
      Object.entries(raw)
        .filter(([k]) => k.startsWith('q_'))
        .map(([k, v]) => [k.slice(2), v]),
    );
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'saveAnswer', sectionId: data.sectionId, answers }, data.version);
    if (!result.ok) {
      if (result.code !== 'invalid' || !result.view) return refusal(result, data.samtaleId);
      return card(renderPrepare(result.view, data.sectionId, { notice: { style: 'attention', text: result.reason }, values: raw, errors: result.errors ?? [] }));
    }
    if (data.go === 'overview') {
      return card(renderOverview(result.view, { notice: savedNotice(result, 'Svarene er lagret. Se over, og send inn forberedelsen når du er klar.') }));
    }
    if (data.go === 'later') {
      return card(renderOverview(result.view, { notice: savedNotice(result, 'Svarene er lagret. Skriv «mine samtaler» når du vil fortsette.') }));
    }
    return card(renderPrepare(result.view, data.go, { notice: savedNotice(result, 'Svarene er lagret.') }));
  });

  routes.execute(VERBS.samtaleSubmit, schemas.step, async (me, data, { context }) => {
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'submitPreparation' }, data.version);
    if (!result.ok) return refusal(result, data.samtaleId);
    if (result.view.viewer.role === 'leader') {
      const employee = escapeMarkdown(result.view.employee.name);
      return card(renderOverview(result.view, { notice: await toldNotice(context, result, 'Forberedelsen er sendt inn.', `${employee} får beskjed.`, `${employee} får ingen beskjed fra boten:`) }));
    }
    const other = result.view.leader.name;
    return card(renderOverview(result.view, { notice: savedNotice(result, `Forberedelsen er sendt inn. ${other} får beskjed.`) }));
  });

  // --- Changing the samtale (leader): new date, cancel -----------------------------------------

  routes.execute(VERBS.samtaleReschedule, schemas.step, async (me, data) => {
    const result = await samtale.beforeCommand(me.employeeId, data.samtaleId, 'reschedule');
    return result.ok ? card(renderReschedule(result.view, { today: today(), version: data.version })) : refusal(result, data.samtaleId);
  });

  routes.execute(VERBS.samtaleRescheduleSave, schemas.reschedule, async (me, data, { context }) => {
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'reschedule', date: data.date ?? '' }, data.version);
    if (result.ok) {
      const first = escapeMarkdown(firstName(result.view.employee.name));
      return card(renderOverview(result.view, {
        notice: await toldNotice(context, result, `Samtalen er flyttet til ${result.view.scheduledForText}.`, `${first} får beskjed i Teams.`, `${first} får ingen beskjed fra boten:`),
      }));
    }
    if (result.code !== 'invalid' || !result.view) return refusal(result, data.samtaleId);
    return card(renderReschedule(result.view, { today: today(), version: data.version, date: data.date ?? '', dateError: result.errors?.[0]?.message ?? result.reason }));
  });

  routes.execute(VERBS.samtaleCancel, schemas.step, async (me, data) => {
    const result = await samtale.beforeCommand(me.employeeId, data.samtaleId, 'cancel');
    return result.ok ? card(renderCancel(result.view, { version: data.version })) : refusal(result, data.samtaleId);
  });

  routes.execute(VERBS.samtaleCancelConfirm, schemas.step, async (me, data, { context }) => {
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'cancel' }, data.version);
    if (!result.ok) return refusal(result, data.samtaleId);
    const first = escapeMarkdown(firstName(result.view.employee.name));
    return card(renderOverview(result.view, { notice: await toldNotice(context, result, 'Samtalen er avlyst.', `${first} får beskjed i Teams.`, `${first} får ingen beskjed fra boten:`) }));
  });

  // --- The conversation (leader) --------------------------------------------------------------

  routes.execute(VERBS.samtaleBegin, schemas.step, async (me, data) => {
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'open' }, data.version);
    if (!result.ok) return refusal(result, data.samtaleId);
    return conductCard(me, result.view, 0, { notice: savedNotice(result, 'Samtalen er startet. Dere ser nå begge forberedelsene.') });
  });

  routes.execute(VERBS.samtaleConduct, schemas.conduct, async (me, data, { raw }) => {
    const result = await samtale.getForViewer(me.employeeId, data.samtaleId);
    if (!result.ok) return refusal(result);
    if (result.view.viewer.role !== 'leader' || result.view.state !== 'gjennomfores') return card(renderOverview(result.view));
    // «Forrige del» / «Neste del»: what was typed comes along.
    return conductCard(me, result.view, data.index ?? 0, { values: keptValues(raw, []) });
  });

  routes.execute(VERBS.samtaleNote, schemas.note, async (me, data, { raw }) => {
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'addNote', visibility: data.visibility, text: data.noteText ?? '', ...(data.sectionId ? { sectionId: data.sectionId } : {}) }, data.version);
    return afterConduct(me, data.samtaleId, data.index, result, data.visibility === 'shared' ? 'Felles notat lagret.' : 'Privat notat lagret. Bare du ser det.', 'note', raw);
  });

  routes.execute(VERBS.samtaleAction, schemas.action, async (me, data, { raw }) => {
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'addAction', what: data.actionWhat ?? '', ownerEmployeeId: data.actionOwner ?? '', dueDate: data.actionDue ?? '' }, data.version);
    return afterConduct(me, data.samtaleId, data.index, result, 'Tiltaket er lagt til.', 'action', raw);
  });

  routes.execute(VERBS.samtaleDevPlan, schemas.devplan, async (me, data, { raw }) => {
    const competenceId = opt(data.devCompetence);
    let what = data.devWhat?.trim() ?? '';
    if (!what && competenceId) {
      // A picked suggestion without own words: the competence's name is the item.
      const s = await samtale.devPlanSuggestions(me.employeeId, data.samtaleId);
      what = (s.ok ? s.suggestions.find((x) => x.competenceId === competenceId)?.name : undefined) ?? '';
    }
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'addDevPlanItem', what, ...(competenceId ? { competenceId } : {}) }, data.version);
    return afterConduct(me, data.samtaleId, data.index, result, 'Lagt til i utviklingsplanen.', 'devplan', raw);
  });

  routes.execute(VERBS.samtalePrevious, schemas.previous, async (me, data, { raw }) => {
    const result = data.decision === 'close'
        ? await samtale.execute(me.employeeId, data.samtaleId, { type: 'reviewPreviousAction', actionId: data.actionId, decision: 'close' }, data.version)
        : await samtale.execute(me.employeeId, data.samtaleId, { type: 'reviewPreviousAction', actionId: data.actionId, decision: 'carry', dueDate: String(raw[carryInputId(data.actionId)] ?? '') }, data.version);
    return afterConduct(me, data.samtaleId, data.index, result, data.decision === 'close' ? 'Tiltaket fra forrige samtale er lukket.' : 'Tiltaket er videreført med ny frist.', 'previous', raw);
  });

  routes.execute(VERBS.samtaleRemove, schemas.remove, async (me, data, { raw }) => {
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'removeItem', itemId: data.itemId }, data.version);
    return afterConduct(me, data.samtaleId, data.index, result, 'Fjernet.', 'remove', raw);
  });

  routes.execute(VERBS.samtaleReferat, schemas.referat, async (me, data, { raw, context }) => {
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'sendReferat', ...(opt(data.summary) ? { summary: opt(data.summary)! } : {}) }, data.version);
    if (result.ok) {
      const first = escapeMarkdown(firstName(result.view.employee.name));
      return card(renderOverview(result.view, {
        notice: await toldNotice(context, result, 'Referatet er klart.', `${first} får det i Teams og bekrefter det.`, `${first} får det ikke fra boten, og kan ikke bekrefte det før ${first} har åpnet Kompetansebot:`),
      }));
    }
    if (result.code !== 'invalid' || !result.view) return refusal(result, data.samtaleId);
    return conductCard(me, result.view, data.index ?? 0, { notice: { style: 'attention', text: result.reason }, values: raw, errors: result.errors ?? [], errorTarget: 'referat' });
  });

  // --- Referat --------------------------------------------------------------------------------

  routes.execute(VERBS.samtaleReopen, schemas.step, async (me, data, { context }) => {
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'reopen' }, data.version);
    if (!result.ok) return refusal(result, data.samtaleId);
    const first = escapeMarkdown(firstName(result.view.employee.name));
    return conductCard(me, result.view, 0, {
      notice: await toldNotice(context, result, 'Referatet er åpnet igjen. Send det på nytt når du er ferdig.', `${first} får beskjed i Teams.`, `${first} får ingen beskjed fra boten:`),
    });
  });

  routes.execute(VERBS.samtaleConfirm, schemas.confirm, async (me, data, { raw }) => {
    const comment = opt(data.confirmComment);
    const shown = { ...(data.referat ? { referat: data.referat } : {}), ...(data.shownAt ? { shownAt: data.shownAt } : {}) };
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'confirm', ...(comment !== undefined ? { comment } : {}), ...shown }, data.version);
    return overviewAfter(result, 'Takk! Referatet er bekreftet og låst. Senere merknader kan du legge til som kommentar.', raw, data.samtaleId);
  });

  /** The overview after a referat command: saved, or redrawn with what was typed and the field errors, or refused. */
  const overviewAfter = (result: Awaited<ReturnType<SamtaleService['execute']>>, savedText: string, raw: CardValues, samtaleId: string) => {
    if (result.ok) return card(renderOverview(result.view, { notice: savedNotice(result, savedText) }));
    if (result.code !== 'invalid' || !result.view) return refusal(result, samtaleId);
    return card(renderOverview(result.view, { notice: { style: 'attention', text: result.reason }, values: raw, errors: result.errors ?? [] }));
  };

  /** The referat card's typed comments, carried when another button on it is pressed. */
  const typedComments = (raw: CardValues): CardValues =>
    Object.fromEntries(Object.entries(raw).filter(([k, v]) => (k === 'confirmComment' || k === 'commentText') && typeof v === 'string' && v !== ''));

  /** «Lagre kommentaren» with an empty field: a click that landed on the redrawn card (double click on «Åpne samtalen»), not a mistake. */
  const EMPTY_COMMENT_TEXT = 'Ingen kommentar er lagret – feltet var tomt. Skriv kommentaren i feltet, og trykk «Lagre kommentaren» når du vil lagre den.';

  routes.execute(VERBS.samtaleComment, schemas.comment, async (me, data, { raw }) => {
    if (!data.commentText?.trim()) {
      // Nothing typed: no red error, just the card as it is, with a calm line.
      const current = await samtale.getForViewer(me.employeeId, data.samtaleId);
      if (current.ok) return card(renderOverview(current.view, { notice: info(EMPTY_COMMENT_TEXT), values: typedComments(raw) }));
      return refusal(current);
    }
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'comment', text: data.commentText ?? '' }, data.version);
    return overviewAfter(result, 'Kommentaren er lagret.', raw, data.samtaleId);
  });

  routes.execute(VERBS.samtaleComplete, schemas.complete, async (me, data, { raw }) => {
    const result = await samtale.execute(me.employeeId, data.samtaleId, { type: 'completeAction', actionId: data.actionId }, data.version);
    return result.ok ? card(renderOverview(result.view, { notice: savedNotice(result, 'Tiltaket er markert som fullført.'), values: typedComments(raw) })) : refusal(result, data.samtaleId);
  });

  routes.execute(VERBS.samtaleExport, schemas.open, async (me, data, { raw }) => {
    const pdf = await samtale.referatPdf(me.employeeId, data.samtaleId);
    if (!pdf.ok) return refusal(pdf, data.samtaleId);
    // The archive copy counts as exported when the file is downloaded, not when the link is made.
    const onTaken = pdf.archiveCopy ? async () => void (await samtale.referatDownloaded(me.employeeId, data.samtaleId)) : undefined;
    return card(renderOverview(pdf.view, { downloadUrl: deps.downloads.url(deps.downloads.offer(pdf.file, { onTaken })), archiveCopy: pdf.archiveCopy, values: typedComments(raw) }));
  });
}
