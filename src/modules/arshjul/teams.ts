/**
 * Teams routes of the årshjul: «årshjul» / «Hva skjer i årshjulet nå?», the .ics link, and the
 * buttons on the årshjul cards («Ferdig», «Minn meg på igjen …»). Each handler finds out who is
 * asking, parses the card data, calls the årshjul service (which checks that the task is theirs
 * and says so politely when not) and answers with a card. A task key in card data is only a
 * request: a changed key gets a refusal, never someone else's task.
 *
 * Only the «now» intent is matched here, narrowly: a question about the årshjul's content
 * («Hva skjer i januar–mars i Bærums SKUP-årshjul?») goes on to the Q&A.
 */
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { card, cardRoutes, type Reply, text } from '../../bot/card-route.js';
import type { TeamsRouteDeps } from '../../bot/identify.js';
import { personalRoutes } from '../../bot/scope.js';
import type { AppTurnState } from '../../bot/state.js';
import type { Capability } from '../../cards/help-card.js';
import { VERBS } from '../../cards/verbs.js';
import type { Downloads } from '../../shared/downloads.js';
import { type Clock, systemClock } from '../../shared/dates.js';
import type { Employee } from '../org/model.js';
import type { ArshjulService } from './arshjul-service.js';
import { doneNotice, renderIcsLink, renderReminder, renderWhatsNow } from './cards.js';
import { osloDate } from './due-dates.js';
import { type ArshjulEditor, eventById, eventFormSchema } from './calendar-editor.js';
import { type EditorContext, renderDeleteConfirm, renderEditorList, renderEventForm, renderResetConfirm } from './editor-cards.js';

const A = '(?:å|aa|a)';
const NOW = '(?:nå|no|akkurat\\s+nå|nå\\s+for\\s+tiden|for\\s+tiden|for\\s+tida|no\\s+for\\s+tida|denne\\s+måneden|denne\\s+månaden)';
const END = '\\s*[.!?]*\\s*$';
/**
 * «årshjul», «årshjulet», «vis årshjulet», «mitt årshjul», «årshjulet nå», «Hva skjer i årshjulet
 * (nå)?», «Kva skjer i årshjulet no?», «Hva skjer nå i årshjulet?», «Hva må jeg gjøre i årshjulet
 * nå?». Nothing with more words than these: those are questions for the Q&A.
 */
export const ARSHJUL_NOW_COMMAND = new RegExp(
  [
    `^\\s*(?:vis\\s+)?(?:mitt\\s+|mi\\s+|vårt\\s+)?${A}rshjul(?:et)?(?:\\s+${NOW})?${END}`,
    `^\\s*(?:hva|kva)\\s+(?:skjer(?:\\s+det)?|er\\s+aktuelt|står\\s+på|er\\s+på\\s+gang|gjelder)\\s+(?:${NOW}\\s+)?i\\s+${A}rshjulet(?:\\s+${NOW})?${END}`,
    `^\\s*(?:hva|kva)\\s+(?:må|skal)\\s+(?:jeg|eg)\\s+(?:gjøre|gjere)\\s+(?:${NOW}\\s+)?i\\s+${A}rshjulet(?:\\s+${NOW})?${END}`,
  ].join('|'),
  'i',
);

/** «årshjulet som kalender», «årshjul ics», «last ned årshjulet 2027 som kalenderfil». Group 1: the year. */
export const ARSHJUL_ICS_COMMAND = new RegExp(
  `^\\s*(?:last\\s+ned\\s+|eksporter\\s+)?${A}rshjul(?:et)?(?:\\s+(\\d{4}))?\\s+(?:som\\s+)?(?:kalender(?:fil)?|ics|\\.ics|ical|icalendar)(?:\\s+(\\d{4}))?${END}`,
  'i',
);

export const ARSHJUL_CAPABILITY: Capability = {
  title: 'Årshjulet',
  text:
    'Skriv «Hva skjer i årshjulet nå?» for det som pågår og kommer for din rolle, med «Ferdig» på oppgavene dine. ' +
    'Før hver frist får de ansvarlige en påminnelse. «årshjulet som kalender» gir en .ics-fil til Outlook. ' +
    'HR endrer hendelsene med «rediger årshjul».',
};

export const ARSHJUL_STALE_TEXT = 'Jeg forsto ikke svaret fra kortet – det kan være utdatert eller endret. Skriv «Hva skjer i årshjulet nå?» for et nytt kort.';

export interface ArshjulTeamsDeps extends TeamsRouteDeps {
  arshjul: ArshjulService;
  downloads: Downloads;
  clock?: Clock;
  /** HR's årshjul editor (cards); without it, no «rediger årshjul». */
  editor?: Pick<ArshjulEditorTeamsDeps, 'editor' | 'qaEntries' | 'documents'>;
}

/** The task key (`task`, not `key`: the Playground's card renderer cannot take a data field named `key`). */
const task = z.string().min(1).max(300);
const doneData = z.object({ task, view: z.enum(['now', 'reminder']).default('reminder') });
const snoozeData = z.object({ task, until: z.string().min(1).max(40) });
const icsData = z.object({ year: z.coerce.number().int().optional() });

/** The årshjul's commands and card actions. Register before the Q&A catch-all. */
export function registerArshjulRoutes(app: Application<AppTurnState>, deps: ArshjulTeamsDeps): void {
  // Every route here shows personal data: only in the person's personal chat (src/bot/scope.ts).
  const routes = cardRoutes(personalRoutes(app), { ...deps, scope: 'arshjul', stale: text(ARSHJUL_STALE_TEXT) });
  const log = deps.logger?.child('arshjul');
  const clock = deps.clock ?? systemClock;
  const { arshjul } = deps;
  const thisYear = () => osloDate(clock.now()).year;

  /** The viewer's own .ics: the next 12 months, only the events for the viewer's roles. */
  const icsAheadUrl = (employeeId: string): string | undefined => {
    const result = arshjul.exportIcsAhead(employeeId);
    return result.ok ? deps.downloads.url(deps.downloads.offer(result.file)) : undefined;
  };

  const whatsNow = async (me: Employee, notice = ''): Promise<Reply> => {
    const result = await arshjul.whatsNow(me.employeeId);
    if (!result.ok) return text(result.reason);
    const year = thisYear();
    return card(renderWhatsNow(result, { year, url: icsAheadUrl(me.employeeId) ?? '', ahead: true }, notice, { canEdit: deps.editor?.editor.canEdit(me.employeeId) ?? false }));
  };

  const icsLink = (year: number): Reply => {
    const result = arshjul.exportIcs(year);
    if (!result.ok) return text(result.reason);
    log?.info({ year }, 'arshjul.ics.link');
    return card(renderIcsLink(year, deps.downloads.url(deps.downloads.offer(result.file))));
  };

  if (deps.editor) {
    registerArshjulEditorRoutes(app, { ...deps.editor, org: deps.org, hrContact: deps.hrContact, logger: deps.logger, lookupMember: deps.lookupMember });
  }

  routes.message(ARSHJUL_NOW_COMMAND, (me) => whatsNow(me));

  routes.messagePublic(ARSHJUL_ICS_COMMAND, async ({ context }) => {
    const m = ARSHJUL_ICS_COMMAND.exec(context.activity.text ?? '');
    return icsLink(Number(m?.[1] ?? m?.[2] ?? thisYear()));
  });

  // --- card actions -----------------------------------------------------------------------------

  routes.submit(VERBS.arshjulNow, z.object({}).passthrough(), (me) => whatsNow(me));

  routes.submitPublic(VERBS.arshjulIcs, icsData, async (d) => icsLink(d.year ?? thisYear()));

  routes.execute(VERBS.arshjulDone, doneData, async (me, d) => {
    const outcome = await arshjul.markDone(me.employeeId, d.task);
    if (!outcome.ok) return text(outcome.reason);
    // From «Hva skjer nå?» the whole overview comes back with the task ticked off.
    if (d.view === 'now') return whatsNow(me, doneNotice(outcome.item, !!outcome.alreadyDone));
    return card(renderReminder(outcome.item, { key: d.task, state: 'done', alreadyDone: !!outcome.alreadyDone }));
  });

  routes.execute(VERBS.arshjulSnooze, snoozeData, async (me, d) => {
    const outcome = await arshjul.snooze(me.employeeId, d.task, d.until);
    if (!outcome.ok) return text(outcome.reason);
    return card(renderReminder(outcome.item, { key: d.task, state: 'snoozed', snoozeText: outcome.snoozeText ?? '' }));
  });
}

// ---------------------------------------------------------------------------------------------
// HR's editor

/*
 * Teams routes of HR's årshjul editor: «rediger årshjul» (or «Rediger årshjulet» on the årshjul
 * card) opens the list of events; «Endre», «Ny hendelse», «Lagre», «Slett» and «Tilbakestill til
 * standard årshjul» are Action.Execute on that card, updated in place. Each handler: parse the
 * card data, one editor call (which checks the HR role and the version), render, reply. Anyone
 * but HR gets a polite refusal and sees nothing of the editor.
 */

/** «rediger årshjul», «rediger årshjulet», «endre årshjulet». */
export const ARSHJUL_EDIT_COMMAND = /^\s*(?:rediger|endre)\s+(?:å|aa|a)rshjul(?:et)?\s*[.!?]*\s*$/i;

export const ARSHJUL_EDIT_STALE_TEXT = 'Jeg forsto ikke svaret fra kortet – det kan være utdatert. Skriv «rediger årshjul» for å begynne på nytt.';

export interface ArshjulEditorTeamsDeps extends TeamsRouteDeps {
  editor: ArshjulEditor;
  /** The Q&A entries an event may link to. */
  qaEntries: () => { id: string; title: string }[];
  /** The source documents an event may cite. */
  documents: () => { id: string; short: string; year: number }[];
}

const page = z.coerce.number().int().min(0).max(1000).catch(0);
const version = z.string().min(1).max(100);
const listData = z.object({ page: page.optional() }).passthrough();
const openData = z.object({ eventId: z.string().max(100).default(''), version, page: page.optional() }).passthrough();
const eventData = z.object({ eventId: z.string().min(1).max(100), version, page: page.optional() }).passthrough();
const resetData = z.object({ version, page: page.optional() }).passthrough();

export function registerArshjulEditorRoutes(app: Application<AppTurnState>, deps: ArshjulEditorTeamsDeps): void {
  const { editor } = deps;
  const routes = cardRoutes(app, { ...deps, scope: 'arshjul.editor', stale: text(ARSHJUL_EDIT_STALE_TEXT) });
  const ctx = (): EditorContext => ({ directory: deps.org.directory(), qaEntries: deps.qaEntries(), documents: deps.documents() });

  const list = async (me: Employee, p = 0): Promise<Reply> => {
    const opened = await editor.open(me.employeeId);
    if (!opened.ok) return text(opened.reason);
    return card(renderEditorList(opened.state, ctx(), { page: p }));
  };

  routes.message(ARSHJUL_EDIT_COMMAND, (me) => list(me));

  routes.submit(VERBS.arshjulEdit, z.object({}).passthrough(), (me) => list(me));

  routes.execute(VERBS.arshjulEditList, listData, (me, d) => list(me, d.page ?? 0));

  routes.execute(VERBS.arshjulEditOpen, openData, async (me, d) => {
    const opened = await editor.open(me.employeeId);
    if (!opened.ok) return text(opened.reason);
    if (!d.eventId) return card(renderEventForm(opened.state, ctx(), { page: d.page }));
    const event = eventById(opened.state, d.eventId);
    if (!event) return card(renderEditorList(opened.state, ctx(), { page: d.page, notice: 'Denne hendelsen finnes ikke lenger i årshjulet. Listen er lastet inn på nytt.', noticeColor: 'Attention' }));
    // The form carries the version it was made from: the one a save is checked against.
    return card(renderEventForm(opened.state, ctx(), { event, page: d.page }));
  });

  routes.execute(VERBS.arshjulEditSave, eventFormSchema, async (me, form) => {
    const saved = await editor.saveEvent(me.employeeId, form);
    if (saved.ok) {
      const title = saved.state.calendar.byId.get(saved.eventId)?.title ?? '';
      return card(
        renderEditorList(saved.state, ctx(), {
          page: 0,
          notice: `✔ «${title}» er ${saved.created ? 'lagt til' : 'lagret'}. Endringen gjelder fra nå, også for påminnelsene.`,
        }),
      );
    }
    if (saved.code === 'invalid' && 'errors' in saved) return card(renderEventForm(saved.state, ctx(), { event: saved.event, form, errors: saved.errors }));
    if (saved.code === 'conflict' && 'state' in saved) return card(renderEditorList(saved.state, ctx(), { notice: saved.reason, noticeColor: 'Attention' }));
    return text(saved.reason);
  });

  routes.execute(VERBS.arshjulEditDelete, eventData, async (me, d) => {
    const opened = await editor.open(me.employeeId);
    if (!opened.ok) return text(opened.reason);
    const event = eventById(opened.state, d.eventId);
    if (!event) return card(renderEditorList(opened.state, ctx(), { notice: 'Denne hendelsen finnes ikke lenger i årshjulet. Listen er lastet inn på nytt.', noticeColor: 'Attention' }));
    // The confirmation keeps the list's version: if someone saved meanwhile, the deletion is refused.
    return card(renderDeleteConfirm({ ...opened.state, version: d.version }, event, d.page ?? 0));
  });

  routes.execute(VERBS.arshjulEditDeleteConfirm, eventData, async (me, d) => {
    const removed = await editor.removeEvent(me.employeeId, d.eventId, d.version);
    if (removed.ok) return card(renderEditorList(removed.state, ctx(), { page: d.page ?? 0, notice: `✔ «${removed.title}» er slettet fra årshjulet.` }));
    if ('state' in removed) return card(renderEditorList(removed.state, ctx(), { page: d.page ?? 0, notice: removed.reason, noticeColor: 'Attention' }));
    return text(removed.reason);
  });

  routes.execute(VERBS.arshjulEditReset, resetData, async (me, d) => {
    const opened = await editor.open(me.employeeId);
    if (!opened.ok) return text(opened.reason);
    return card(renderResetConfirm({ ...opened.state, version: d.version }, d.page ?? 0));
  });

  routes.execute(VERBS.arshjulEditResetConfirm, resetData, async (me, d) => {
    const reset = await editor.reset(me.employeeId, d.version);
    if (reset.ok) return card(renderEditorList(reset.state, ctx(), { notice: '✔ Årshjulet er tilbakestilt til standardårshjulet fra datafilen.' }));
    if ('state' in reset) return card(renderEditorList(reset.state, ctx(), { notice: reset.reason, noticeColor: 'Attention' }));
    return text(reset.reason);
  });
}
