import { afterEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../src/bot/adapter.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { createDelivery } from '../../../src/modules/delivery/delivery.js';
import { outboxKey } from '../../../src/modules/delivery/outbox.js';
import { createTeamsSender } from '../../../src/modules/delivery/teams.js';
import { createOrgDirectory, EMPTY_ORG } from '../../../src/modules/org/org-directory.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/ports/store.js';
import { type FakeResponse, type ReceivedActivity, startFakeConnector } from '../../helpers/fake-connector.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const card = { type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text: 'Påminnelse' }] };

async function saveRef(store: Store, serviceUrl: string, id: string) {
  await store.conversationRefs.save({
    key: `user:aad-${id}`,
    kind: 'user',
    serviceUrl,
    conversationId: `a:conv-${id}`,
    tenantId: 'tenant-1',
    botId: '28:kompetansebot',
    channelId: 'msteams',
    userId: `29:${id}`,
    aadObjectId: `aad-${id}`,
    employeeId: id,
    updatedAt: '2026-11-01T00:00:00.000Z',
  });
}

async function setup(
  opts: { respond?: (a: ReceivedActivity) => FakeResponse | 'hang' | undefined; maxAttempts?: number; people?: string[]; store?: Store; concurrency?: number } = {},
) {
  const connector = await startFakeConnector({ respond: opts.respond });
  closers.push(connector.close);
  const store = opts.store ?? (await openMemoryStore());
  const clock = fixedClock('2026-11-23T08:00:00Z');
  const adapter = createAdapter(loadConfig({ BOT_MODE: 'local' }), silentLogger);
  const make = () =>
    createDelivery({
      store,
      org: { directory: () => createOrgDirectory(EMPTY_ORG) },
      sender: createTeamsSender({ adapter, botAppId: '', clock }),
      clock,
      logger: silentLogger,
      sleep: async (ms) => clock.advance(ms),
      maxAttempts: opts.maxAttempts,
      concurrency: opts.concurrency,
    });
  const delivery = make();
  delivery.renderers.register('reminder', (item) => ({ text: `Påminnelse ${item.key}`, card }));
  for (const id of opts.people ?? ['1']) await saveRef(store, connector.url, id);
  const posts = (id: string) => connector.received.filter((r) => r.conversationId === `a:conv-${id}`);
  const enqueue = (ids: string[]) =>
    delivery.enqueue(
      { id: 'c1', kind: 'reminder' },
      ids.map((id) => ({ key: outboxKey('reminder', 'c1', id), recipient: { kind: 'employee' as const, employeeId: id } })),
    );
  return { connector, store, clock, delivery, make, posts, enqueue, key: (id: string) => outboxKey('reminder', 'c1', id) };
}

/** A connector that answers each conversation's requests from a script (then 200). */
const scripted = (script: Record<string, FakeResponse[]>) => {
  const seen = new Map<string, number>();
  return (a: ReceivedActivity): FakeResponse | undefined => {
    const n = seen.get(a.conversationId) ?? 0;
    seen.set(a.conversationId, n + 1);
    return script[a.conversationId]?.[n];
  };
};

describe('dispatcher limits', () => {
  it('When at most 2 POSTs may be on the wire, then 8 workers never have more than 2 unanswered sends at once, and everyone gets the message', async () => {
    const store = await openMemoryStore();
    const clock = fixedClock('2026-11-23T08:00:00Z');
    let open = 0;
    let most = 0;
    const sentTo: string[] = [];
    const delivery = createDelivery({
      store,
      org: { directory: () => createOrgDirectory(EMPTY_ORG) },
      sender: {
        async send(ref) {
          most = Math.max(most, ++open);
          // The answer takes a few turns of the event loop, as over the network.
          for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
          open--;
          sentTo.push(ref.conversationId);
          return { activityId: `act-${sentTo.length}` };
        },
      },
      clock,
      logger: silentLogger,
      sleep: async (ms) => clock.advance(ms),
      ratePerSecond: 1000,
      concurrency: 8,
      maxInFlight: 2,
    });
    delivery.renderers.register('reminder', () => ({ text: 'Påminnelse' }));
    const people = Array.from({ length: 40 }, (_, i) => `${i}`);
    for (const id of people) await saveRef(store, 'http://127.0.0.1:1/', id);
    await delivery.enqueue(
      { id: 'c1', kind: 'reminder' },
      people.map((id) => ({ key: outboxKey('reminder', 'c1', id), recipient: { kind: 'employee' as const, employeeId: id } })),
    );
    expect(await delivery.dispatcher.drain()).toMatchObject({ sent: 40 });
    expect(most).toBe(2);
    expect(new Set(sentTo).size).toBe(40);
  });
});

describe('dispatcher against the Bot Connector', () => {
  it('When the renderer says there is nothing to send any more, then nothing is posted and the item is closed, not retried', async () => {
    const s = await setup({ people: ['1', '2'] });
    // Person 1's task was done in the meantime: the renderer returns null for them.
    const key = (id: string) => outboxKey('maybe', 'c2', id);
    s.delivery.renderers.register('maybe', (item) => (item.key === key('1') ? null : { text: 'Påminnelse', card }));
    await s.delivery.enqueue(
      { id: 'c2', kind: 'maybe' },
      ['1', '2'].map((id) => ({ key: key(id), recipient: { kind: 'employee' as const, employeeId: id } })),
    );
    await s.delivery.dispatcher.drain();
    expect(s.posts('1')).toHaveLength(0);
    expect(s.posts('2')).toHaveLength(1);
    expect((await s.store.outbox.get(key('1')))?.status).toBe('acknowledged');
    await s.delivery.dispatcher.drain();
    expect(s.posts('1')).toHaveLength(0);
  });

  it('When a reminder is sent, then the person gets the card as a new message in their chat and it is marked sent', async () => {
    const s = await setup();
    await s.enqueue(['1']);
    expect(await s.delivery.dispatcher.drain()).toMatchObject({ sent: 1 });
    const [post] = s.posts('1');
    expect(post!.method).toBe('POST');
    expect(post!.replyToId).toBeUndefined();
    expect((post!.activity.attachments as { contentType: string }[])[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(post!.activity).toMatchObject({ type: 'message', recipient: { id: '29:1' }, from: { id: '28:kompetansebot' }, conversation: { id: 'a:conv-1' } });
    expect(await s.store.outbox.get(s.key('1'))).toMatchObject({ status: 'sent', attempts: 1, activityId: expect.stringMatching(/^act-/) });
  });

  it('When Teams answers 429 with Retry-After, then nothing is sent before that time, the message goes once afterwards, and it is marked sent', async () => {
    const s = await setup({ respond: scripted({ 'a:conv-1': [{ status: 429, headers: { 'retry-after': '7' } }] }) });
    await s.enqueue(['1']);
    expect(await s.delivery.dispatcher.drain()).toMatchObject({ retried: 1, sent: 0 });
    // One POST: the SDK's own retries are off, the outbox decides.
    expect(s.posts('1')).toHaveLength(1);
    expect(await s.store.outbox.get(s.key('1'))).toMatchObject({ status: 'retrying', lastError: { status: 429, code: 'TooManyRequests' } });
    const retryAt = Date.parse((await s.store.outbox.get(s.key('1')))!.nextAttemptAt) - s.clock.now().getTime();
    expect(retryAt).toBeGreaterThanOrEqual(7_000);
    expect(retryAt).toBeLessThan(8_000);

    s.clock.advance(6_000);
    await s.delivery.dispatcher.drain();
    expect(s.posts('1')).toHaveLength(1);
    s.clock.advance(2_000);
    expect(await s.delivery.dispatcher.drain()).toMatchObject({ sent: 1 });
    expect(s.posts('1').map((p) => p.status)).toEqual([429, 200]);
    expect(await s.store.outbox.get(s.key('1'))).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('When Teams answers 429 with Retry-After: 2, then the next person waits those 2 s and no longer (the retried message\'s own jitter is not imposed on everyone)', async () => {
    const postedAt: { conversationId: string; at: number }[] = [];
    let now = () => 0;
    const script = scripted({ 'a:conv-1': [{ status: 429, headers: { 'retry-after': '2' } }] });
    const s = await setup({
      people: ['1', '2'],
      concurrency: 1,
      respond: (a) => {
        postedAt.push({ conversationId: a.conversationId, at: now() });
        return script(a);
      },
    });
    now = () => s.clock.now().getTime();
    await s.enqueue(['1', '2']);
    await s.delivery.dispatcher.drain();
    const throttled = postedAt.find((p) => p.conversationId === 'a:conv-1')!;
    const next = postedAt.find((p) => p.conversationId === 'a:conv-2')!;
    expect(next.at - throttled.at).toBeGreaterThanOrEqual(2_000);
    // One send interval at 30/s at most on top of Retry-After.
    expect(next.at - throttled.at).toBeLessThanOrEqual(2_000 + 34);
  });

  it('When Teams answers 412, 502 and 504, then each is retried with backoff until the message goes', async () => {
    const s = await setup({ respond: scripted({ 'a:conv-1': [{ status: 412 }, { status: 502 }, { status: 504 }] }) });
    await s.enqueue(['1']);
    for (let i = 0; i < 4; i++) {
      await s.delivery.dispatcher.drain();
      s.clock.advance(10 * 60_000);
    }
    expect(s.posts('1').map((p) => p.status)).toEqual([412, 502, 504, 200]);
    expect(await s.store.outbox.get(s.key('1'))).toMatchObject({ status: 'sent', attempts: 4 });
  });

  it('When Teams keeps answering 503, then the message is marked failed after the configured attempts', async () => {
    const s = await setup({ maxAttempts: 3, respond: () => ({ status: 503 }) });
    await s.enqueue(['1']);
    for (let i = 0; i < 6; i++) {
      await s.delivery.dispatcher.drain();
      s.clock.advance(10 * 60_000);
    }
    expect(s.posts('1')).toHaveLength(3);
    expect(await s.store.outbox.get(s.key('1'))).toMatchObject({ status: 'failed', attempts: 3, lastError: { status: 503 } });
  });

  it('When Teams answers 403, then the message is blocked, not retried, and the conversation reference is removed', async () => {
    const s = await setup({ people: ['1', '2'], respond: scripted({ 'a:conv-1': [{ status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'blocked' } } }] }) });
    await s.enqueue(['1', '2']);
    expect(await s.delivery.dispatcher.drain()).toMatchObject({ blocked: 1, sent: 1 });
    s.clock.advance(60 * 60_000);
    await s.delivery.dispatcher.drain();
    expect(s.posts('1')).toHaveLength(1);
    expect(await s.store.outbox.get(s.key('1'))).toMatchObject({ status: 'blocked', lastError: { status: 403, code: 'ConversationBlockedByUser' } });
    expect(await s.store.conversationRefs.get('user:aad-1')).toBeUndefined();
    expect(await s.store.conversationRefs.get('user:aad-2')).toBeDefined();
    // No «noe gikk galt» was posted into anyone's chat by the adapter's error handler.
    expect(s.connector.received.filter((r) => JSON.stringify(r.activity).includes('noe gikk galt'))).toEqual([]);
  });

  it('When Teams answers 404, then the person is marked as not having the bot and the reference is removed', async () => {
    const s = await setup({ respond: () => ({ status: 404 }) });
    await s.enqueue(['1']);
    expect(await s.delivery.dispatcher.drain()).toMatchObject({ notInstalled: 1 });
    expect(await s.store.outbox.get(s.key('1'))).toMatchObject({ status: 'not-installed', lastError: { status: 404 } });
    expect(await s.store.conversationRefs.count()).toBe(0);
  });

  it('When Teams answers 400, then the message fails at once', async () => {
    const s = await setup({ respond: () => ({ status: 400 }) });
    await s.enqueue(['1']);
    await s.delivery.dispatcher.drain();
    s.clock.advance(60 * 60_000);
    await s.delivery.dispatcher.drain();
    expect(s.posts('1')).toHaveLength(1);
    expect(await s.store.outbox.get(s.key('1'))).toMatchObject({ status: 'failed', lastError: { status: 400 } });
  });

  it('When someone has never opened the bot, then nothing is posted and they are marked not installed', async () => {
    const s = await setup({ people: [] });
    await s.enqueue(['7']);
    expect(await s.delivery.dispatcher.drain()).toMatchObject({ notInstalled: 1 });
    expect(s.connector.received).toHaveLength(0);
    expect(await s.store.outbox.get(s.key('7'))).toMatchObject({ status: 'not-installed', lastError: { code: 'no-conversation-reference' } });
  });

  it('When the connector cannot be reached, then the message is retried later', async () => {
    const s = await setup({ people: [] });
    await s.store.conversationRefs.save({
      key: 'user:aad-9', kind: 'user', serviceUrl: 'http://127.0.0.1:1/', conversationId: 'a:conv-9', botId: '28:b', channelId: 'msteams', userId: '29:9', employeeId: '9', updatedAt: '2026-11-01T00:00:00.000Z',
    });
    await s.enqueue(['9']);
    expect(await s.delivery.dispatcher.drain()).toMatchObject({ retried: 1 });
    expect(await s.store.outbox.get(s.key('9'))).toMatchObject({ status: 'retrying', lastError: { code: 'ECONNREFUSED' } });
  });

  it('When two dispatchers share one outbox and run at once, then each of 40 people gets exactly one message', async () => {
    const people = Array.from({ length: 40 }, (_, i) => `${i + 1}`);
    const s = await setup({ people });
    const other = s.make();
    other.renderers.register('reminder', (item) => ({ text: `Påminnelse ${item.key}` }));
    await s.enqueue(people);
    const [a, b] = await Promise.all([s.delivery.dispatcher.drain(), other.dispatcher.drain()]);
    expect(a.sent + b.sent).toBe(40);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect(s.connector.received).toHaveLength(40);
    expect(new Set(s.connector.received.map((r) => r.conversationId)).size).toBe(40);
    expect((await s.store.outbox.counts('c1')).sent).toBe(40);
  });

  it('When the same reminder is enqueued again (a second run, a restart), then it is not sent again', async () => {
    const s = await setup();
    await s.enqueue(['1']);
    await s.delivery.dispatcher.drain();
    expect(await s.enqueue(['1'])).toEqual({ added: 0, existing: 1 });
    await s.delivery.dispatcher.drain();
    expect(s.posts('1')).toHaveLength(1);
  });

  it('When the dispatcher runs in the background, then an enqueued message goes out without waiting for the poll, and stop waits for it', async () => {
    const s = await setup();
    const background = s.make();
    background.renderers.register('reminder', (item) => ({ text: `Påminnelse ${item.key}` }));
    background.dispatcher.start();
    await background.enqueue({ id: 'c1', kind: 'reminder' }, [{ key: s.key('1'), recipient: { kind: 'employee', employeeId: '1' } }]);
    await s.connector.waitFor((r) => r.conversationId === 'a:conv-1', 3_000);
    await background.dispatcher.stop();
    expect(await s.store.outbox.get(s.key('1'))).toMatchObject({ status: 'sent' });
  });
});
