/**
 * The broadcast module's Teams side: «send melding» / «kunngjøring» opens HR's compose form;
 * preview, send, progress, cancel and the CSV report are Action.Execute on that card (updated in
 * place); recipients press «Bekreft lest» on the message. Each handler: parse, one use case,
 * render, reply.
 */
import type { Application } from '@microsoft/teams-ai';
import { type ConversationReference, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Capability } from '../../cards/help-card.js';
import { cardActivity, sendCard } from '../../bot/reply.js';
import { personalRoutes } from '../../bot/scope.js';
import type { AppTurnState } from '../../bot/state.js';
import { VERBS } from '../../cards/verbs.js';
import type { Downloads } from '../../http/downloads.js';
import { identifyUser, unknownUserText, type TeamsRouteDeps } from '../org/teams.js';
import type { BroadcastService } from './broadcast-service.js';
import { CAMPAIGN_ID } from './broadcast-service.js';
import type { ProactiveAdapter } from '../delivery/teams.js';
import type { CardLocation, CardUpdater, LiveProgress } from './live-progress.js';
import { composeFormSchema, inputFromForm, renderCompose, renderMessage, renderPreview, renderProgress, renderReport } from './cards.js';

/** «send melding», «kunngjøring», «ny kunngjøring», «send kunngjøring». */
export const BROADCAST_COMMAND = /^\s*(?:send\s+(?:en\s+)?melding|(?:ny\s+|send\s+(?:en\s+)?)?kunngj(?:ø|o)ring)\s*[.!?]*\s*$/i;

export const BROADCAST_STALE_TEXT = 'Jeg forsto ikke svaret fra kortet – det kan være utdatert. Skriv «send melding» for å begynne på nytt.';

export const BROADCAST_CAPABILITY: Capability = {
  title: 'Kunngjøringer (HR)',
  text: 'HR: skriv «send melding» for å sende en kunngjøring til alle, til roller eller til enheter – med forhåndsvisning, fremdrift og rapport.',
};

export interface BroadcastTeamsDeps extends TeamsRouteDeps {
  broadcast: BroadcastService;
  downloads: Downloads;
  /** The Q&A entries HR may link to. */
  qaEntries: () => { id: string; title: string }[];
  /** Updates the progress card in place until the campaign ends; without it HR presses «Oppdater». */
  live?: LiveProgress;
}

/**
 * Replaces a card in Teams (updateActivity) in a continued conversation. `adapter` is read at
 * each update (the test harness makes its adapter after the bot).
 */
export function createTeamsCardUpdater(deps: { adapter: () => ProactiveAdapter | undefined; botAppId?: string }): CardUpdater {
  return {
    async update(location, card) {
      const adapter = deps.adapter();
      if (!adapter) throw new Error('no adapter');
      await adapter.continueConversationAsync(deps.botAppId ?? '', location.reference as Partial<ConversationReference>, async (context) => {
        await context.updateActivity({ ...cardActivity(card), id: location.activityId });
      });
    },
  };
}

/** The message holding the card an Action.Execute came from; undefined when Teams did not say. */
function cardLocationOf(context: TurnContext): CardLocation | undefined {
  const activityId = context.activity.replyToId;
  if (!activityId) return undefined;
  return { reference: TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>, activityId };
}

const campaignData = z.object({ campaignId: z.string().regex(CAMPAIGN_ID) }).passthrough();

export function registerBroadcastRoutes(app: Application<AppTurnState>, deps: BroadcastTeamsDeps): void {
  // Every route here shows personal data: only in the person's personal chat (src/bot/scope.ts).
  const routes = personalRoutes(app);
  const log = deps.logger?.child('broadcast');
  const identify = (context: TurnContext) => identifyUser(context, deps.org, { lookupMember: deps.lookupMember, logger: log });
  const compose = (draftId: string, form?: Parameters<typeof renderCompose>[0]['form'], errors?: Parameters<typeof renderCompose>[0]['errors']) =>
    renderCompose({ draftId, form, errors, qaEntries: deps.qaEntries(), directory: deps.org.directory() });

  routes.message(BROADCAST_COMMAND, async (context) => {
    const me = await identify(context);
    if (!me) {
      await context.sendActivity(unknownUserText(deps.hrContact));
      return;
    }
    const access = deps.broadcast.access({ kind: 'employee', employeeId: me.employeeId });
    if (!access.ok) {
      await context.sendActivity(access.reason);
      return;
    }
    await sendCard(context, compose(deps.broadcast.newCampaignId()));
  });

  routes.adaptiveCards.actionExecute(VERBS.broadcastPreview, async (context, _state, data) => {
    const form = composeFormSchema.safeParse(data ?? {});
    if (!form.success) return BROADCAST_STALE_TEXT;
    const me = await identify(context);
    if (!me) return unknownUserText(deps.hrContact);
    const preview = await deps.broadcast.preview({ kind: 'employee', employeeId: me.employeeId }, inputFromForm(form.data));
    if (!preview.ok) return (preview.code === 'invalid' ? compose(form.data.draftId, form.data, preview.errors) : preview.reason) as never;
    return renderPreview(form.data.draftId, preview) as never;
  });

  routes.adaptiveCards.actionExecute(VERBS.broadcastEdit, async (context, _state, data) => {
    const form = composeFormSchema.safeParse(data ?? {});
    if (!form.success) return BROADCAST_STALE_TEXT;
    const me = await identify(context);
    if (!me) return unknownUserText(deps.hrContact);
    return compose(form.data.draftId, form.data) as never;
  });

  routes.adaptiveCards.actionExecute(VERBS.broadcastSend, async (context, _state, data) => {
    const form = composeFormSchema.safeParse(data ?? {});
    if (!form.success) return BROADCAST_STALE_TEXT;
    const me = await identify(context);
    if (!me) return unknownUserText(deps.hrContact);
    const actor = { kind: 'employee' as const, employeeId: me.employeeId };
    // The draft id is the campaign id: a second click finds the campaign and adds nobody.
    const sent = await deps.broadcast.send(actor, inputFromForm(form.data), form.data.draftId);
    if (!sent.ok) return (sent.code === 'invalid' ? compose(form.data.draftId, form.data, sent.errors) : sent.reason) as never;
    const progress = await deps.broadcast.progress(actor, sent.campaignId);
    if (!progress.ok) return progress.reason;
    const notice = sent.added === 0 ? 'Meldingen var allerede sendt – ingen fikk den to ganger.' : '';
    if (progress.done) return renderReport(progress, { notice }) as never;
    const location = cardLocationOf(context);
    const live = !!deps.live && !!location && (await deps.live.follow(actor, sent.campaignId, location));
    return renderProgress(progress, notice, { live }) as never;
  });

  routes.adaptiveCards.actionExecute(VERBS.broadcastProgress, async (context, _state, data) => {
    const parsed = campaignData.safeParse(data ?? {});
    if (!parsed.success) return BROADCAST_STALE_TEXT;
    const me = await identify(context);
    if (!me) return unknownUserText(deps.hrContact);
    const progress = await deps.broadcast.progress({ kind: 'employee', employeeId: me.employeeId }, parsed.data.campaignId);
    if (!progress.ok) return progress.reason;
    return (progress.done ? renderReport(progress) : renderProgress(progress)) as never;
  });

  routes.adaptiveCards.actionExecute(VERBS.broadcastCancel, async (context, _state, data) => {
    const parsed = campaignData.safeParse(data ?? {});
    if (!parsed.success) return BROADCAST_STALE_TEXT;
    const me = await identify(context);
    if (!me) return unknownUserText(deps.hrContact);
    const cancelled = await deps.broadcast.cancel({ kind: 'employee', employeeId: me.employeeId }, parsed.data.campaignId);
    if (!cancelled.ok) return cancelled.reason;
    const notice = cancelled.stopped > 0 ? `Utsendingen er avbrutt: ${cancelled.stopped.toLocaleString('nb-NO')} får ikke meldingen.` : 'Det var ingen flere å stoppe.';
    return (cancelled.done ? renderReport(cancelled, { notice }) : renderProgress(cancelled, `${notice} Meldinger som var på vei, blir levert.`)) as never;
  });

  routes.adaptiveCards.actionExecute(VERBS.broadcastCsv, async (context, _state, data) => {
    const parsed = campaignData.safeParse(data ?? {});
    if (!parsed.success) return BROADCAST_STALE_TEXT;
    const me = await identify(context);
    if (!me) return unknownUserText(deps.hrContact);
    const actor = { kind: 'employee' as const, employeeId: me.employeeId };
    const report = await deps.broadcast.reportCsv(actor, parsed.data.campaignId);
    if (!report.ok) return report.reason;
    const progress = await deps.broadcast.progress(actor, parsed.data.campaignId);
    if (!progress.ok) return progress.reason;
    return renderReport(progress, { downloadUrl: deps.downloads.url(deps.downloads.offer(report.file)) }) as never;
  });

  routes.adaptiveCards.actionExecute(VERBS.broadcastAck, async (context, _state, data) => {
    const parsed = campaignData.safeParse(data ?? {});
    if (!parsed.success) return BROADCAST_STALE_TEXT;
    const me = await identify(context);
    if (!me) return unknownUserText(deps.hrContact);
    const acked = await deps.broadcast.acknowledge(me.employeeId, parsed.data.campaignId);
    if (!acked.ok) return acked.reason;
    const message = await deps.broadcast.message(parsed.data.campaignId);
    if (!message) return BROADCAST_STALE_TEXT;
    return renderMessage(parsed.data.campaignId, message, { acknowledged: true }) as never;
  });
}
