/**
 * Teams routes of HR's årshjul editor: «rediger årshjul» (or «Rediger årshjulet» on the årshjul
 * card) opens the list of events; «Endre», «Ny hendelse», «Lagre», «Slett» and «Tilbakestill til
 * standard årshjul» are Action.Execute on that card, updated in place. Each handler: parse the
 * card data, one editor call (which checks the HR role and the version), render, reply. Anyone
 * but HR gets a polite refusal and sees nothing of the editor.
 */
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { sendCard } from '../../bot/reply.js';
import type { AppTurnState } from '../../bot/state.js';
import type { AdaptiveCardJson } from '../../cards/define-card.js';
import { VERBS } from '../../cards/verbs.js';
import type { Employee } from '../org/model.js';
import { identifyUser, unknownUserText, type TeamsRouteDeps } from '../org/teams.js';
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

type Reply = { card: AdaptiveCardJson } | { text: string };

export function registerArshjulEditorRoutes(app: Application<AppTurnState>, deps: ArshjulEditorTeamsDeps): void {
  const log = deps.logger?.child('arshjul.editor');
  const { editor } = deps;
  const whoIs = (context: TurnContext) => identifyUser(context, deps.org, { lookupMember: deps.lookupMember, logger: log });
  const ctx = (): EditorContext => ({ directory: deps.org.directory(), qaEntries: deps.qaEntries(), documents: deps.documents() });

  /** Finds the viewer and parses the card data; the handler runs only when both are there. */
  const withHr =
    <S extends z.ZodTypeAny>(verb: string, schema: S, handler: (me: Employee, data: z.infer<S>) => Promise<Reply>) =>
    async (context: TurnContext, raw: unknown): Promise<Reply> => {
      const parsed = schema.safeParse(raw ?? {});
      if (!parsed.success) {
        log?.info({ verb, issues: parsed.error.issues.length }, 'arshjul.editor.payload.invalid');
        return { text: ARSHJUL_EDIT_STALE_TEXT };
      }
      const me = await whoIs(context);
      if (!me) return { text: unknownUserText(deps.hrContact) };
      return handler(me, parsed.data as z.infer<S>);
    };

  const list = async (me: Employee, p = 0): Promise<Reply> => {
    const opened = await editor.open(me.employeeId);
    if (!opened.ok) return { text: opened.reason };
    return { card: renderEditorList(opened.state, ctx(), { page: p }) };
  };

  const invokeResult = (reply: Reply) => ('card' in reply ? (reply.card as never) : reply.text);
  const send = async (context: TurnContext, reply: Reply) => {
    if ('card' in reply) await sendCard(context, reply.card);
    else await context.sendActivity(reply.text);
  };

  app.message(ARSHJUL_EDIT_COMMAND, async (context) => {
    const me = await whoIs(context);
    await send(context, me ? await list(me) : { text: unknownUserText(deps.hrContact) });
  });

  const start = withHr(VERBS.arshjulEdit, z.object({}).passthrough(), (me) => list(me));
  app.adaptiveCards.actionSubmit(VERBS.arshjulEdit, async (context, _s, data) => send(context, await start(context, data)));

  const listAction = withHr(VERBS.arshjulEditList, listData, (me, d) => list(me, d.page ?? 0));
  app.adaptiveCards.actionExecute(VERBS.arshjulEditList, async (context, _s, data) => invokeResult(await listAction(context, data)));

  const openAction = withHr(VERBS.arshjulEditOpen, openData, async (me, d) => {
    const opened = await editor.open(me.employeeId);
    if (!opened.ok) return { text: opened.reason };
    if (!d.eventId) return { card: renderEventForm(opened.state, ctx(), { page: d.page }) };
    const event = eventById(opened.state, d.eventId);
    if (!event) return { card: renderEditorList(opened.state, ctx(), { page: d.page, notice: 'Denne hendelsen finnes ikke lenger i årshjulet. Listen er lastet inn på nytt.', noticeColor: 'Attention' }) };
    // The form carries the version it was made from: the one a save is checked against.
    return { card: renderEventForm(opened.state, ctx(), { event, page: d.page }) };
  });
  app.adaptiveCards.actionExecute(VERBS.arshjulEditOpen, async (context, _s, data) => invokeResult(await openAction(context, data)));

  const saveAction = withHr(VERBS.arshjulEditSave, eventFormSchema, async (me, form) => {
    const saved = await editor.saveEvent(me.employeeId, form);
    if (saved.ok) {
      const title = saved.state.calendar.byId.get(saved.eventId)?.title ?? '';
      return {
        card: renderEditorList(saved.state, ctx(), {
          page: 0,
          notice: `✔ «${title}» er ${saved.created ? 'lagt til' : 'lagret'}. Endringen gjelder fra nå, også for påminnelsene.`,
        }),
      };
    }
    if (saved.code === 'invalid' && 'errors' in saved) return { card: renderEventForm(saved.state, ctx(), { event: saved.event, form, errors: saved.errors }) };
    if (saved.code === 'conflict' && 'state' in saved) return { card: renderEditorList(saved.state, ctx(), { notice: saved.reason, noticeColor: 'Attention' }) };
    return { text: saved.reason };
  });
  app.adaptiveCards.actionExecute(VERBS.arshjulEditSave, async (context, _s, data) => invokeResult(await saveAction(context, data)));

  const deleteAction = withHr(VERBS.arshjulEditDelete, eventData, async (me, d) => {
    const opened = await editor.open(me.employeeId);
    if (!opened.ok) return { text: opened.reason };
    const event = eventById(opened.state, d.eventId);
    if (!event) return { card: renderEditorList(opened.state, ctx(), { notice: 'Denne hendelsen finnes ikke lenger i årshjulet. Listen er lastet inn på nytt.', noticeColor: 'Attention' }) };
    // The confirmation keeps the list's version: if someone saved meanwhile, the deletion is refused.
    return { card: renderDeleteConfirm({ ...opened.state, version: d.version }, event, d.page ?? 0) };
  });
  app.adaptiveCards.actionExecute(VERBS.arshjulEditDelete, async (context, _s, data) => invokeResult(await deleteAction(context, data)));

  const deleteConfirmAction = withHr(VERBS.arshjulEditDeleteConfirm, eventData, async (me, d) => {
    const removed = await editor.removeEvent(me.employeeId, d.eventId, d.version);
    if (removed.ok) return { card: renderEditorList(removed.state, ctx(), { page: d.page ?? 0, notice: `✔ «${removed.title}» er slettet fra årshjulet.` }) };
    if ('state' in removed) return { card: renderEditorList(removed.state, ctx(), { page: d.page ?? 0, notice: removed.reason, noticeColor: 'Attention' }) };
    return { text: removed.reason };
  });
  app.adaptiveCards.actionExecute(VERBS.arshjulEditDeleteConfirm, async (context, _s, data) => invokeResult(await deleteConfirmAction(context, data)));

  const resetAction = withHr(VERBS.arshjulEditReset, resetData, async (me, d) => {
    const opened = await editor.open(me.employeeId);
    if (!opened.ok) return { text: opened.reason };
    return { card: renderResetConfirm({ ...opened.state, version: d.version }, d.page ?? 0) };
  });
  app.adaptiveCards.actionExecute(VERBS.arshjulEditReset, async (context, _s, data) => invokeResult(await resetAction(context, data)));

  const resetConfirmAction = withHr(VERBS.arshjulEditResetConfirm, resetData, async (me, d) => {
    const reset = await editor.reset(me.employeeId, d.version);
    if (reset.ok) return { card: renderEditorList(reset.state, ctx(), { notice: '✔ Årshjulet er tilbakestilt til standardårshjulet fra datafilen.' }) };
    if ('state' in reset) return { card: renderEditorList(reset.state, ctx(), { notice: reset.reason, noticeColor: 'Attention' }) };
    return { text: reset.reason };
  });
  app.adaptiveCards.actionExecute(VERBS.arshjulEditResetConfirm, async (context, _s, data) => invokeResult(await resetConfirmAction(context, data)));
}
