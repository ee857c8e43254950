/**
 * HR broadcast (kunngjøring): HR composes a message (title, text, an optional Q&A link, an
 * audience, optional «Bekreft lest»), previews who gets it and sends it. Sending is one outbox
 * campaign with one item per recipient (key `broadcast:<campaignId>:<employeeId>`); the delivery
 * dispatcher does the rest (rate limit, retries, crash safety). Only HR may – or another system
 * through the guarded HTTP endpoint (actor `system`).
 *
 * Cancelling gives every item not yet sent and not in flight the outcome `failed` with the code
 * `cancelled` (shown as «Avbrutt»): the outbox port has no separate status for it, and an item
 * leased by a sender right now is left to finish.
 */
import { toCsv } from '../../shared/csv.js';
import { randomUUID } from 'node:crypto';
import type { DownloadFile } from '../../shared/files.js';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/dates.js';
import { formatInstant } from '../../texts/index.js';
import type { OutboxCampaignRecord, OutboxItemRecord, OutboxRepository, OutboxStatus } from '../../storage/ports/delivery.js';
import type { Delivery } from '../delivery/delivery.js';
import { createReachability } from '../delivery/reachability.js';
import type { Employee } from '../org/model.js';
import type { OrgService } from '../org/org-service.js';
import type { FieldError } from '../../shared/results.js';
import {
  type Audience,
  BROADCAST_KIND,
  type BroadcastActor,
  type BroadcastDraft,
  broadcastInputSchema,
  broadcastKey,
  type BroadcastPreview,
  type BroadcastProgress,
  CAMPAIGN_ID,
  CANCELLED_CODE,
  invalid,
  isCancelled,
  type Refusal,
  ROLE_LABELS,
  sameDraft,
  statusLabel,
  toFieldErrors,
} from './model.js';

// The data lives in model.ts; re-exported for the callers that name it with the service.
export { BROADCAST_KIND, broadcastKey, CAMPAIGN_ID, ROLE_LABELS } from './model.js';
export type { BroadcastActor, BroadcastDraft, BroadcastPreview, BroadcastProgress } from './model.js';

/** The lease owner used when cancelling: never a real sender, so a live lease is respected. */
const CANCEL_OWNER = 'broadcast-cancel';

export interface BroadcastService {
  /** May this actor send broadcasts (HR, or a system)? */
  access(actor: BroadcastActor): { ok: true } | Refusal;
  validate(input: unknown): { ok: true; draft: BroadcastDraft } | Refusal;
  preview(actor: BroadcastActor, input: unknown): Promise<BroadcastPreview | Refusal>;
  /**
   * Enqueues one item per recipient. The same `campaignId` again (a double click, a retried HTTP
   * call) adds nothing: the first campaign wins.
   */
  send(actor: BroadcastActor, input: unknown, campaignId?: string): Promise<{ ok: true; campaignId: string; recipients: number; added: number } | Refusal>;
  progress(actor: BroadcastActor, campaignId: string): Promise<BroadcastProgress | Refusal>;
  /** Stops what is not sent yet; sends in flight finish. */
  cancel(actor: BroadcastActor, campaignId: string): Promise<(BroadcastProgress & { stopped: number }) | Refusal>;
  /** One line per recipient (status, attempts, times) as CSV. */
  reportCsv(actor: BroadcastActor, campaignId: string): Promise<{ ok: true; file: DownloadFile; rows: number } | Refusal>;
  /** «Bekreft lest» from a recipient; a second click changes nothing. */
  acknowledge(employeeId: string, campaignId: string): Promise<{ ok: true; already: boolean; title: string } | Refusal>;
  /** The campaign's message (to re-render the recipient's card). */
  message(campaignId: string): Promise<BroadcastDraft | undefined>;
  newCampaignId(): string;
}

export function createBroadcastService(deps: {
  org: Pick<OrgService, 'directory'>;
  delivery: Pick<Delivery, 'enqueue' | 'refs'> & { outbox: OutboxRepository };
  /** The Q&A entries that may be linked (id → title). */
  qaTitle: (entryId: string) => string | undefined;
  clock: Clock;
  logger: Logger;
  hrContact: string;
}): BroadcastService {
  const log = deps.logger.child('broadcast');
  const reachability = createReachability(deps.delivery.refs);
  const forbidden: Refusal = {
    ok: false,
    code: 'forbidden',
    reason: `Kunngjøringer til ansatte sendes av HR. Vil du ha ut en melding, ta kontakt med ${deps.hrContact}.`,
  };
  const notFound: Refusal = { ok: false, code: 'not-found', reason: 'Jeg finner ikke denne utsendingen. Den kan være slettet, eller lenken er feil.' };

  function allowed(actor: BroadcastActor): boolean {
    if (actor.kind === 'system') return true;
    const directory = deps.org.directory();
    return !!directory.employee(actor.employeeId) && directory.hasRole(actor.employeeId, 'hr');
  }

  function validate(input: unknown): { ok: true; draft: BroadcastDraft } | Refusal {
    const parsed = broadcastInputSchema.safeParse(input);
    const errors: FieldError[] = parsed.success ? [] : toFieldErrors(parsed.error);
    const qaEntryId = parsed.success ? parsed.data.qaEntryId || undefined : undefined;
    const qaTitle = qaEntryId ? deps.qaTitle(qaEntryId) : undefined;
    if (qaEntryId && !qaTitle) errors.push({ field: 'qaEntryId', message: 'Denne artikkelen finnes ikke i spørsmål og svar. Velg en annen, eller ingen.' });
    if (parsed.success && parsed.data.audience.kind === 'units') {
      const directory = deps.org.directory();
      const unknown = parsed.data.audience.unitIds.filter((id) => !directory.unit(id));
      if (unknown.length) errors.push({ field: 'audience', message: `Ukjent enhet: ${unknown.slice(0, 5).join(', ')}.` });
    }
    if (!parsed.success || errors.length) return invalid(errors);
    const d = parsed.data;
    const audience: Audience =
      d.audience.kind === 'everyone'
        ? { kind: 'everyone' }
        : d.audience.kind === 'roles'
          ? { kind: 'roles', roles: [...new Set(d.audience.roles)] }
          : { kind: 'units', unitIds: [...new Set(d.audience.unitIds)] };
    return { ok: true, draft: { title: d.title, text: d.text, ...(qaEntryId ? { qaEntryId, qaTitle } : {}), audience, ackRequired: d.ackRequired } };
  }

  /** The employees an audience means today (units include every unit below them), by id. */
  function recipientsOf(audience: Audience): Employee[] {
    const directory = deps.org.directory();
    if (audience.kind === 'everyone') return [...directory.snapshot.employees];
    if (audience.kind === 'roles') return directory.snapshot.employees.filter((e) => audience.roles.some((r) => directory.hasRole(e.employeeId, r)));
    const byId = new Map<string, Employee>();
    for (const unitId of audience.unitIds) for (const e of directory.employeesInUnitTree(unitId)) byId.set(e.employeeId, e);
    return [...byId.values()];
  }

  function audienceText(audience: Audience): string {
    if (audience.kind === 'everyone') return 'Alle ansatte';
    if (audience.kind === 'roles') return audience.roles.map((r) => ROLE_LABELS[r]).join(', ');
    const directory = deps.org.directory();
    return audience.unitIds.map((id) => directory.unit(id)?.name ?? id).join(', ') + ' (med underliggende enheter)';
  }

  async function campaignOf(campaignId: string): Promise<OutboxCampaignRecord | undefined> {
    if (!CAMPAIGN_ID.test(campaignId)) return undefined;
    const campaign = await deps.delivery.outbox.getCampaign(campaignId);
    return campaign?.kind === BROADCAST_KIND ? campaign : undefined;
  }

  const draftOf = (campaign: OutboxCampaignRecord): BroadcastDraft => campaign.payload as unknown as BroadcastDraft;

  function summarise(campaign: OutboxCampaignRecord, items: readonly OutboxItemRecord[]): BroadcastProgress {
    const p: BroadcastProgress = {
      ok: true,
      campaignId: campaign.id,
      title: draftOf(campaign).title,
      ackRequired: draftOf(campaign).ackRequired,
      total: items.length,
      pending: 0,
      retrying: 0,
      sent: 0,
      acknowledged: 0,
      failed: 0,
      blocked: 0,
      notInstalled: 0,
      cancelled: 0,
      done: false,
      createdAt: campaign.createdAt,
    };
    for (const item of items) {
      if (isCancelled(item)) p.cancelled++;
      else if (item.status === 'not-installed') p.notInstalled++;
      // A read confirmation comes after the send: «Sendt» keeps counting it (it never drops as people confirm).
      else if (item.status === 'acknowledged') {
        p.acknowledged++;
        p.sent++;
      } else p[item.status]++;
    }
    p.done = p.pending + p.retrying === 0;
    return p;
  }

  async function progress(actor: BroadcastActor, campaignId: string): Promise<BroadcastProgress | Refusal> {
    if (!allowed(actor)) return forbidden;
    const campaign = await campaignOf(campaignId);
    if (!campaign) return notFound;
    return summarise(campaign, await deps.delivery.outbox.list(campaignId));
  }

  return {
    access: (actor) => (allowed(actor) ? { ok: true } : forbidden),
    validate,

    async preview(actor, input) {
      if (!allowed(actor)) return forbidden;
      const valid = validate(input);
      if (!valid.ok) return valid;
      const recipients = recipientsOf(valid.draft.audience);
      const split = await reachability.check(recipients.map((e) => e.employeeId));
      return { ok: true, draft: valid.draft, audienceText: audienceText(valid.draft.audience), recipients: recipients.length, reachable: split.reachable.length, unreachable: split.unreachable.length };
    },

    async send(actor, input, campaignId = `b-${randomUUID()}`) {
      if (!allowed(actor)) return forbidden;
      if (!CAMPAIGN_ID.test(campaignId)) return invalid([{ field: 'id', message: 'Id-en kan bare ha bokstavene a–z, tall, - og _ (høyst 64 tegn).' }]);
      const existing = await deps.delivery.outbox.getCampaign(campaignId);
      const valid = validate(input);
      if (existing) {
        if (existing.kind !== BROADCAST_KIND) return invalid([{ field: 'id', message: 'Id-en er brukt av noe annet.' }]);
        // The same message again (double click, retried call): nothing new. A different message
        // under the same id would silently not be sent: refuse it instead.
        if (!valid.ok || !sameDraft(draftOf(existing), valid.draft)) {
          log.warn({ campaignId }, 'broadcast.send.conflict');
          return { ok: false, code: 'conflict', reason: `Id-en ${campaignId} er allerede brukt til en annen melding, som er sendt. Bruk en ny id for en ny melding.` };
        }
        const counts = await deps.delivery.outbox.counts(campaignId);
        log.info({ campaignId, recipients: counts.total, added: 0 }, 'broadcast.send.repeat');
        return { ok: true, campaignId, recipients: counts.total, added: 0 };
      }
      if (!valid.ok) return valid;
      const recipients = recipientsOf(valid.draft.audience);
      const createdBy = actor.kind === 'employee' ? actor.employeeId : 'api';
      const result = await deps.delivery.enqueue(
        { id: campaignId, kind: BROADCAST_KIND, payload: { ...valid.draft }, createdBy, expectedItems: recipients.length },
        recipients.map((e) => ({ key: broadcastKey(campaignId, e.employeeId), recipient: { kind: 'employee' as const, employeeId: e.employeeId } })),
      );
      log.info({ campaignId, createdBy, audience: valid.draft.audience.kind, recipients: recipients.length, added: result.added, ackRequired: valid.draft.ackRequired }, 'broadcast.send');
      return { ok: true, campaignId, recipients: recipients.length, added: result.added };
    },

    progress,

    async cancel(actor, campaignId) {
      if (!allowed(actor)) return forbidden;
      const campaign = await campaignOf(campaignId);
      if (!campaign) return notFound;
      const open = (await deps.delivery.outbox.list(campaignId)).filter((i) => i.status === 'pending' || i.status === 'retrying');
      const at = deps.clock.now();
      let stopped = 0;
      // Items leased by a sender right now refuse the mark: they finish as they would have.
      for (let i = 0; i < open.length; i += 100) {
        const marked = await Promise.all(open.slice(i, i + 100).map((item) => deps.delivery.outbox.markFailed(item.key, CANCEL_OWNER, at, { code: CANCELLED_CODE })));
        stopped += marked.filter(Boolean).length;
      }
      log.info({ campaignId, stopped, inFlight: open.length - stopped }, 'broadcast.cancel');
      return { ...summarise(campaign, await deps.delivery.outbox.list(campaignId)), stopped };
    },

    async reportCsv(actor, campaignId) {
      if (!allowed(actor)) return forbidden;
      const campaign = await campaignOf(campaignId);
      if (!campaign) return notFound;
      const items = await deps.delivery.outbox.list(campaignId);
      const directory = deps.org.directory();
      const rows = items.map((i) => {
        const id = i.recipient.kind === 'employee' ? i.recipient.employeeId : `team:${i.recipient.teamId}`;
        const e = i.recipient.kind === 'employee' ? directory.employee(i.recipient.employeeId) : undefined;
        const error = isCancelled(i) ? '' : i.lastError ? [i.lastError.status, i.lastError.code].filter((x) => x !== undefined).join(' ') : '';
        const oslo = (at: string | undefined) => (at ? formatInstant(at, 'numericDateTime') : undefined);
        return [id, e?.name, e ? (directory.unit(e.unitId)?.name ?? e.unitId) : '', statusLabel(i), i.attempts, oslo(i.sentAt), oslo(i.acknowledgedAt), error];
      });
      const date = deps.clock.now().toISOString().slice(0, 10);
      log.info({ campaignId, rows: items.length }, 'broadcast.report.csv');
      return {
        ok: true,
        rows: items.length,
        file: {
          fileName: `utsending-${campaignId}-${date}.csv`,
          contentType: 'text/csv; charset=utf-8',
          content: toCsv(['Ansattnr.', 'Navn', 'Enhet', 'Status', 'Forsøk', 'Sendt (norsk tid)', 'Bekreftet lest (norsk tid)', 'Feilkode'], rows),
        },
      };
    },

    async acknowledge(employeeId, campaignId) {
      const campaign = await campaignOf(campaignId);
      if (!campaign) return notFound;
      const key = broadcastKey(campaignId, employeeId);
      const item = await deps.delivery.outbox.get(key);
      if (!item) return notFound;
      const title = draftOf(campaign).title;
      if (item.status === 'acknowledged') return { ok: true, already: true, title };
      const marked = await deps.delivery.outbox.markAcknowledged(key, deps.clock.now());
      log.info({ campaignId, employeeId, marked }, 'broadcast.ack');
      return { ok: true, already: !marked, title };
    },

    async message(campaignId) {
      const campaign = await campaignOf(campaignId);
      return campaign ? draftOf(campaign) : undefined;
    },

    newCampaignId: () => `b-${randomUUID()}`,
  };
}
