/** The delivery renderer for broadcast items: the campaign's message as a card, the title as the notification text. */
import type { MessageRenderers } from '../delivery/dispatcher.js';
import { BROADCAST_KIND, type BroadcastDraft } from './broadcast-service.js';
import { renderMessage } from './cards.js';

export function registerBroadcastRenderer(renderers: MessageRenderers): void {
  renderers.register(BROADCAST_KIND, (_item, campaign) => {
    const draft = campaign.payload as unknown as BroadcastDraft;
    return { text: draft.title, card: renderMessage(campaign.id, draft) };
  });
}
