/**
 * Teams routes of HR's årshjul editor: «rediger årshjul» (or «Rediger årshjulet» on the årshjul
 * card) opens the list of events; «Endre», «Ny hendelse», «Lagre», «Slett» and «Tilbakestill til
 * standard årshjul» are Action.Execute on that card, updated in place. Each handler: parse the
 * card data, one editor call (which checks the HR role and the version), render, reply. Anyone
 * but HR gets a polite refusal and sees nothing of the editor.
 */
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { card, cardRoutes, type Reply, text } from '../../bot/card-route.js';
import type { TeamsRouteDeps } from '../../bot/identify.js';
import type { AppTurnState } from '../../bot/state.js';
import { VERBS } from '../../cards/verbs.js';
import type { Employee } from '../org/model.js';
import { type ArshjulEditor, eventById, eventFormSchema } from './calendar-editor.js';
import { type EditorContext, renderDeleteConfirm, renderEditorList, renderEventForm, renderResetConfirm } from './editor-cards.js';

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
