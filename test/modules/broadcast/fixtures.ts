import { join } from 'node:path';
import { silentLogger } from '../../../src/logging/logger.js';
import { createBroadcastService } from '../../../src/modules/broadcast/broadcast-service.js';
import { registerBroadcastRenderer } from '../../../src/modules/broadcast/delivery.js';
import { createDelivery } from '../../../src/modules/delivery/delivery.js';
import type { OutboundMessage, ProactiveSender } from '../../../src/modules/delivery/dispatcher.js';
import { SendError } from '../../../src/modules/delivery/dispatcher.js';
import { createOrgService } from '../../../src/modules/org/org-service.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import type { ConversationRefRecord } from '../../../src/storage/ports/delivery.js';
import { projectRoot } from '../../../src/util/project-root.js';

export const HR = '1007';
export const TEACHER = '1004';
/** Everyone in test/fixtures/org/small-org.json. */
export const EVERYONE = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008'];

/** A broadcast service over a memory store and a real delivery with a fake sender. */
export async function setup(opts: { reachable?: string[]; failFor?: Record<string, number> } = {}) {
  const store = await openMemoryStore();
  const clock = fixedClock('2026-11-23T10:00:00Z');
  const org = await createOrgService({ store, clock, logger: silentLogger, seedFile: join(projectRoot, 'test/fixtures/org/small-org.json') });
  const sent: { employeeId?: string; message: OutboundMessage }[] = [];
  const sender: ProactiveSender = {
    async send(ref: ConversationRefRecord, message) {
      const status = opts.failFor?.[ref.employeeId ?? ''];
      if (status) throw new SendError({ status });
      sent.push({ employeeId: ref.employeeId, message });
      return { activityId: `a-${sent.length}` };
    },
  };
  const delivery = createDelivery({ store, org, sender, clock, logger: silentLogger, sleep: async (ms) => clock.advance(ms), ratePerSecond: 1000 });
  registerBroadcastRenderer(delivery.renderers);
  for (const id of opts.reachable ?? EVERYONE) {
    await store.conversationRefs.save({
      key: `user:aad-${id}`, kind: 'user', serviceUrl: 'https://smba.example.invalid/', conversationId: `a:${id}`, botId: '28:bot', channelId: 'msteams', userId: `29:${id}`, employeeId: id, updatedAt: clock.now().toISOString(),
    });
  }
  const titles: Record<string, string> = { 'rektor-krav': 'Krav til rektor' };
  const broadcast = createBroadcastService({ org, delivery, qaTitle: (id) => titles[id], clock, logger: silentLogger, hrContact: 'HR-teamet' });
  return { store, clock, org, delivery, broadcast, sent };
}

export const hr = { kind: 'employee' as const, employeeId: HR };
export const message = (extra: Record<string, unknown> = {}) => ({ title: 'Ny rutine', text: 'Les den nye rutinen.', audience: { kind: 'everyone' }, ...extra });
