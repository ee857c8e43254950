/**
 * HR broadcasts as data: the message and audience schemas, the validated draft stored in the
 * campaign payload, who may ask, what the service answers (preview, progress), the outbox key,
 * and how an item's status reads («Avbrutt» for a cancelled one). Pure.
 */
import { z } from 'zod';
import type { OutboxItemRecord, OutboxStatus } from '../../storage/ports/delivery.js';
import { OUTBOX_STATUS_LABELS, outboxKey } from '../delivery/outbox.js';
import { ORG_ROLES, type OrgRole } from '../org/model.js';
import type { FieldError, Refusal as SharedRefusal } from '../../shared/results.js';

export const BROADCAST_KIND = 'broadcast';
export const CANCELLED_CODE = 'cancelled';

export const MAX_TITLE = 120;
export const MAX_TEXT = 4000;

export const ROLE_LABELS: Record<OrgRole, string> = {
  leder: 'Ledere',
  hr: 'HR',
  tillitsvalgt: 'Tillitsvalgte',
  verneombud: 'Verneombud',
};

export const audienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }),
  z.object({ kind: z.literal('roles'), roles: z.array(z.enum(ORG_ROLES), { message: 'Velg minst én rolle.' }).min(1, 'Velg minst én rolle.').max(ORG_ROLES.length) }),
  z.object({ kind: z.literal('units'), unitIds: z.array(z.string().trim().min(1).max(200)).min(1, 'Velg minst én enhet.').max(500) }),
]);
export type Audience = z.infer<typeof audienceSchema>;

/** What HR (or another system) sends in. */
export const broadcastInputSchema = z
  .object({
    title: z.string({ required_error: 'Skriv en tittel.' }).trim().min(1, 'Skriv en tittel.').max(MAX_TITLE, `Tittelen kan være høyst ${MAX_TITLE} tegn.`),
    text: z.string({ required_error: 'Skriv selve meldingen.' }).trim().min(1, 'Skriv selve meldingen.').max(MAX_TEXT, `Meldingen kan være høyst ${MAX_TEXT} tegn.`),
    qaEntryId: z.string().trim().max(200).optional(),
    audience: audienceSchema,
    ackRequired: z.boolean().default(false),
  })
  .strict();
export type BroadcastInput = z.input<typeof broadcastInputSchema>;

/** A validated message as stored in the campaign payload. */
export interface BroadcastDraft {
  title: string;
  text: string;
  qaEntryId?: string;
  qaTitle?: string;
  audience: Audience;
  ackRequired: boolean;
}

/** Who is asking: an employee (must be HR) or another system through the API key. */
export type BroadcastActor = { kind: 'employee'; employeeId: string } | { kind: 'system' };

/** `conflict`: the campaign id is taken by a different message (HTTP 409). */
export type Refusal = SharedRefusal<'forbidden' | 'not-found' | 'conflict'> | (SharedRefusal<'invalid'> & { errors: FieldError[] });

export interface BroadcastPreview {
  ok: true;
  draft: BroadcastDraft;
  audienceText: string;
  recipients: number;
  /** Those the bot can send to now: the number «Send til …» promises. */
  reachable: number;
  /** Employees without a conversation reference: they will be «Ikke installert». */
  unreachable: number;
}

/** Counts a person reads; `cancelled` are the items stopped by «Avbryt utsending». */
export interface BroadcastProgress {
  ok: true;
  campaignId: string;
  title: string;
  ackRequired: boolean;
  total: number;
  pending: number;
  retrying: number;
  /** Delivered, including those who have since confirmed reading. */
  sent: number;
  /** Of `sent`, those who pressed «Bekreft lest». */
  acknowledged: number;
  failed: number;
  blocked: number;
  notInstalled: number;
  cancelled: number;
  /** Nothing left to send. */
  done: boolean;
  createdAt: string;
}

export const broadcastKey = (campaignId: string, employeeId: string) => outboxKey('broadcast', campaignId, employeeId);

export const CAMPAIGN_ID = /^[A-Za-z0-9_-]{1,64}$/;

const CANCELLED_LABEL = 'Avbrutt';
export const isCancelled = (item: Pick<OutboxItemRecord, 'status' | 'lastError'>) => item.status === 'failed' && item.lastError?.code === CANCELLED_CODE;

export function statusLabel(item: Pick<OutboxItemRecord, 'status' | 'lastError'>): string {
  return isCancelled(item) ? CANCELLED_LABEL : OUTBOX_STATUS_LABELS[item.status as OutboxStatus];
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path[0] === 'audience' ? 'audience' : String(issue.path[0] ?? '(skjema)');
    if (seen.has(field)) continue;
    seen.add(field);
    const message =
      issue.code === z.ZodIssueCode.unrecognized_keys
        ? `Ukjent felt: ${issue.keys.join(', ')}.`
        : issue.code === z.ZodIssueCode.invalid_union_discriminator || (field === 'audience' && issue.code === z.ZodIssueCode.invalid_type)
          ? 'Velg hvem som skal få meldingen.'
          : issue.code === z.ZodIssueCode.invalid_enum_value
            ? `Ukjent rolle. Gyldige roller: ${ORG_ROLES.join(', ')}.`
            : issue.message;
    out.push({ field, message });
  }
  return out;
}

/** Key order does not matter; values do. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)])) : v;
export const sameDraft = (a: BroadcastDraft, b: BroadcastDraft) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

export const invalid = (errors: FieldError[]): Refusal => ({ ok: false, code: 'invalid', reason: 'Meldingen er ikke klar til sending: ' + errors.map((e) => e.message).join(' '), errors });
