/**
 * The bot side of `npm run bench:broadcast`, as its own process so the bench can kill it with
 * SIGKILL: the real lowdb store in DATA_FILE (or PostgreSQL at STORE_URL, shared by several
 * instances, which then also share one rate limiter in the database), the delivery module (outbox, rate limiter, retry,
 * dispatcher) with the Bot Framework sender, and the broadcast renderer. Sends until the
 * campaign has nothing open, reporting counts over IPC.
 */
import { createAdapter } from '../src/bot/adapter.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logging/logger.js';
import { registerBroadcastRenderer } from '../src/modules/broadcast/delivery.js';
import { createConversationRefs } from '../src/modules/delivery/conversation-refs.js';
import { createDispatcher, createMessageRenderers } from '../src/modules/delivery/dispatcher.js';
import { createDeliveryRateLimiter } from '../src/modules/delivery/delivery.js';
import { defaultBurst } from '../src/modules/delivery/rate-limiter.js';
import { createTeamsSender } from '../src/modules/delivery/teams.js';
import { createOrgDirectory, EMPTY_ORG } from '../src/modules/org/org-directory.js';
import { systemClock } from '../src/shared/dates.js';
import { openStore } from '../src/storage/open-store.js';
import { openPostgresStore } from '../src/storage/postgres/postgres-store.js';

async function run() {
  const env = process.env;
  // lowdb (DATA_FILE), or PostgreSQL (STORE_URL + STORE_SCHEMA) shared with other instances.
  const store = env.STORE_URL
    ? await openPostgresStore(env.STORE_URL, { schema: env.STORE_SCHEMA, migrate: false })
    : await openStore(env.DATA_FILE!);
  const config = loadConfig({ BOT_MODE: 'local', SEND_RATE_PER_SECOND: env.SEND_RATE_PER_SECOND });
  // Composed like createDelivery, with a short lease (and margin) so a killed run's claimed items come back soon.
  const renderers = createMessageRenderers();
  const settings = {
    concurrency: Number(env.CONCURRENCY ?? 8),
    // Two POSTs on the wire cover 200/s × a loopback round trip and bound what a kill -9 can leave
    // ambiguous. The rate slot (a database round trip with PostgreSQL) is taken before the permit,
    // so it is not part of that window.
    maxInFlight: Number(env.MAX_IN_FLIGHT ?? 2),
    burst: defaultBurst(config.delivery.ratePerSecond),
    shared: store.sendRate !== undefined,
  };
  const dispatcher = createDispatcher({
    outbox: store.outbox,
    refs: createConversationRefs({ repo: store.conversationRefs, clock: systemClock, directory: () => createOrgDirectory(EMPTY_ORG) }),
    sender: createTeamsSender({ adapter: createAdapter(config, silentLogger), timeoutMs: 5_000 }),
    renderers,
    // PostgreSQL: the limiter kept in the database, shared with the other instances (the full rate in total).
    limiter: createDeliveryRateLimiter({ store, ratePerSecond: config.delivery.ratePerSecond, burst: settings.burst, now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }),
    clock: systemClock,
    logger: silentLogger,
    concurrency: settings.concurrency,
    maxInFlight: settings.maxInFlight,
    leaseMs: 12_000,
    leaseMarginMs: 6_000,
    idleMs: 100,
  });
  registerBroadcastRenderer(renderers);
  const campaignId = env.CAMPAIGN_ID!;
  dispatcher.start();
  process.send?.({ type: 'ready', settings });
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const counts = await store.outbox.counts(campaignId);
    process.send?.({ type: 'counts', counts });
    if (counts.pending + counts.retrying === 0) break;
  }
  await dispatcher.stop();
  await store.close();
  process.send?.({ type: 'done' });
}

void run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
