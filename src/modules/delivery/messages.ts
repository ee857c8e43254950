/**
 * What the dispatcher sends and who makes it: the outbound message (text, card or both), the
 * renderers each capability registers per campaign kind, and the sender port that posts into a
 * conversation (throwing {@link SendError} with the connector's answer).
 */
import type { AdaptiveCardJson } from '../../cards/define-card.js';
import type { ConversationRefRecord, OutboxCampaignRecord, OutboxItemRecord } from '../../storage/ports/delivery.js';
import type { SendFailure } from './retry.js';

/** A message as the capabilities describe it: text, an Adaptive Card, or both. */
export interface OutboundMessage {
  text?: string;
  card?: AdaptiveCardJson;
}

/** Thrown by a {@link ProactiveSender} when the connector refused or could not be reached. */
export class SendError extends Error {
  constructor(readonly failure: SendFailure) {
    super(`send failed${failure.status ? ` (${failure.status})` : ''}${failure.code ? ` ${failure.code}` : ''}`);
    this.name = 'SendError';
  }
}

/** Posts one message into an existing conversation. Throws {@link SendError} on failure. */
export interface ProactiveSender {
  send(ref: ConversationRefRecord, message: OutboundMessage): Promise<{ activityId?: string }>;
}

/**
 * Turns an outbox item into the message to send; registered per campaign kind by each capability.
 * `null`: nothing to send any more (e.g. the task a reminder was about was done meanwhile); the
 * item is closed as acknowledged without a send.
 */
export type MessageRenderer = (item: OutboxItemRecord, campaign: OutboxCampaignRecord) => OutboundMessage | null | Promise<OutboundMessage | null>;

export interface MessageRenderers {
  register(kind: string, renderer: MessageRenderer): void;
  get(kind: string): MessageRenderer | undefined;
}

export function createMessageRenderers(): MessageRenderers {
  const byKind = new Map<string, MessageRenderer>();
  return {
    register(kind, renderer) {
      if (byKind.has(kind)) throw new Error(`renderer for «${kind}» already registered`);
      byKind.set(kind, renderer);
    },
    get: (kind) => byKind.get(kind),
  };
}
