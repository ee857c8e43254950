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
import { card, cardRoutes, text } from '../../bot/card-route.js';
import type { TeamsRouteDeps } from '../../bot/identify.js';
import { cardActivity } from '../../bot/reply.js';
import { personalRoutes } from '../../bot/scope.js';
import type { AppTurnState } from '../../bot/state.js';
import { VERBS } from '../../cards/verbs.js';
import type { Downloads } from '../../shared/downloads.js';
import type { Employee } from '../org/model.js';
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
  const routes = cardRoutes(personalRoutes(app), { ...deps, scope: 'broadcast', stale: text(BROADCAST_STALE_TEXT) });
  const compose = (draftId: string, form?: Parameters<typeof renderCompose>[0]['form'], errors?: Parameters<typeof renderCompose>[0]['errors']) =>
    card(renderCompose({ draftId, form, errors, qaEntries: deps.qaEntries(), directory: deps.org.directory() }));
  const hr = (me: Employee) => ({ kind: 'employee' as const, employeeId: me.employeeId });

  routes.message(BROADCAST_COMMAND, async (me) => {
    const access = deps.broadcast.access(hr(me));
    return access.ok ? compose(deps.broadcast.newCampaignId()) : text(access.reason);
  });

  routes.execute(VERBS.broadcastPreview, composeFormSchema, async (me, form) => {
    const preview = await deps.broadcast.preview(hr(me), inputFromForm(form));
    if (!preview.ok) return preview.code === 'invalid' ? compose(form.draftId, form, preview.errors) : text(preview.reason);
    return card(renderPreview(form.draftId, preview));
  });

  routes.execute(VERBS.broadcastEdit, composeFormSchema, async (me, form) => {
    // The compose form is HR's tool like every other broadcast verb, also when reached by a forged click.
    const access = deps.broadcast.access(hr(me));
    if (!access.ok) return text(access.reason);
    return compose(form.draftId, form);
  });

  routes.execute(VERBS.broadcastSend, composeFormSchema, async (me, form, { context }) => {
    const actor = hr(me);
    // The draft id is the campaign id: a second click finds the campaign and adds nobody.
    const sent = await deps.broadcast.send(actor, inputFromForm(form), form.draftId);
    if (!sent.ok) return sent.code === 'invalid' ? compose(form.draftId, form, sent.errors) : text(sent.reason);
    const progress = await deps.broadcast.progress(actor, sent.campaignId);
    if (!progress.ok) return text(progress.reason);
    const notice = sent.added === 0 ? 'Meldingen var allerede sendt – ingen fikk den to ganger.' : '';
    if (progress.done) return card(renderReport(progress, { notice }));
    const location = cardLocationOf(context);
    const live = !!deps.live && !!location && (await deps.live.follow(actor, sent.campaignId, location));
    return card(renderProgress(progress, notice, { live }));
  });

  routes.execute(VERBS.broadcastProgress, campaignData, async (me, d) => {
    const progress = await deps.broadcast.progress(hr(me), d.campaignId);
    if (!progress.ok) return text(progress.reason);
    return card(progress.done ? renderReport(progress) : renderProgress(progress));
  });

  routes.execute(VERBS.broadcastCancel, campaignData, async (me, d) => {
    const cancelled = await deps.broadcast.cancel(hr(me), d.campaignId);
    if (!cancelled.ok) return text(cancelled.reason);
    const notice = cancelled.stopped > 0 ? `Utsendingen er avbrutt: ${cancelled.stopped.toLocaleString('nb-NO')} får ikke meldingen.` : 'Det var ingen flere å stoppe.';
    return card(cancelled.done ? renderReport(cancelled, { notice }) : renderProgress(cancelled, `${notice} Meldinger som var på vei, blir levert.`));
  });

  routes.execute(VERBS.broadcastCsv, campaignData, async (me, d) => {
    const actor = hr(me);
    const report = await deps.broadcast.reportCsv(actor, d.campaignId);
    if (!report.ok) return text(report.reason);
    const progress = await deps.broadcast.progress(actor, d.campaignId);
    if (!progress.ok) return text(progress.reason);
    return card(renderReport(progress, { downloadUrl: deps.downloads.url(deps.downloads.offer(report.file)) }));
  });

  routes.execute(VERBS.broadcastAck, campaignData, async (me, d) => {
    const acked = await deps.broadcast.acknowledge(me.employeeId, d.campaignId);
    if (!acked.ok) return text(acked.reason);
    const message = await deps.broadcast.message(d.campaignId);
    if (!message) return text(BROADCAST_STALE_TEXT);
    return card(renderMessage(d.campaignId, message, { acknowledged: true }));
  });
}
