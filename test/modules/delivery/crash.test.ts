import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../src/bot/adapter.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { createDelivery } from '../../../src/modules/delivery/delivery.js';
import { outboxKey } from '../../../src/modules/delivery/outbox.js';
import { createTeamsSender } from '../../../src/modules/delivery/teams.js';
import { createOrgDirectory, EMPTY_ORG } from '../../../src/modules/org/org-directory.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openStore } from '../../../src/storage/open-store.js';
import { projectRoot } from '../../../src/util/project-root.js';
import { startFakeConnector } from '../../helpers/fake-connector.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const PEOPLE = Array.from({ length: 12 }, (_, i) => `${i + 1}`.padStart(2, '0'));
const HANGS = '07';

describe('crash safety', () => {
  it('When the bot is killed with kill -9 in the middle of a send, then after a restart everyone gets the message exactly once (only the unanswered send is repeated)', async () => {
    let hung = false;
    const connector = await startFakeConnector({
      // The first POST to person 07 never gets an answer: the process dies while it is in flight.
      respond: (a) => (a.conversationId === `a:conv-${HANGS}` && !hung ? ((hung = true), 'hang') : undefined),
    });
    closers.push(connector.close);
    const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-crash-')), 'data.json');

    // Before: references and a campaign in the data file.
    const before = await openStore(dataFile);
    for (const id of PEOPLE) {
      await before.conversationRefs.save({
        key: `user:aad-${id}`, kind: 'user', serviceUrl: connector.url, conversationId: `a:conv-${id}`, tenantId: 't', botId: '28:bot', channelId: 'msteams', userId: `29:${id}`, employeeId: id, updatedAt: '2026-11-01T00:00:00.000Z',
      });
    }
    await before.outbox.enqueue(
      { id: 'crash', kind: 'crash' },
      PEOPLE.map((id) => ({ key: outboxKey('crash', id), recipient: { kind: 'employee' as const, employeeId: id } })),
      new Date(),
    );
    await before.close();

    // A bot process sends until person 07's send hangs; then it is killed with SIGKILL.
    const child = fork(join(projectRoot, 'test/modules/delivery/helpers/send-worker.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DATA_FILE: dataFile },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    closers.push(async () => void child.kill('SIGKILL'));
    await connector.waitFor((a) => a.conversationId === `a:conv-${HANGS}`, 30_000);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    const sentBeforeCrash = connector.received.filter((r) => r.status === 200).length;
    expect(sentBeforeCrash).toBeGreaterThan(0);
    expect(sentBeforeCrash).toBeLessThan(PEOPLE.length);

    // Restart: a new process opens the same files; its clock is past the dead process's lease.
    const store = await openStore(dataFile);
    closers.push(() => store.close());
    const clock = fixedClock(new Date(Date.now() + 3 * 60_000));
    const delivery = createDelivery({
      store,
      org: { directory: () => createOrgDirectory(EMPTY_ORG) },
      sender: createTeamsSender({ adapter: createAdapter(loadConfig({ BOT_MODE: 'local' }), silentLogger), clock }),
      clock,
      logger: silentLogger,
      sleep: async (ms) => clock.advance(ms),
    });
    delivery.renderers.register('crash', (item) => ({ text: `Melding ${item.key}` }));
    await delivery.dispatcher.drain();

    // Everyone got exactly one answered message; only the unanswered POST was made again.
    for (const id of PEOPLE) {
      const posts = connector.received.filter((r) => r.conversationId === `a:conv-${id}`);
      expect(posts.filter((p) => p.status === 200), `person ${id}`).toHaveLength(1);
      expect(posts.map((p) => p.status), `person ${id}`).toEqual(id === HANGS ? [undefined, 200] : [200]);
    }
    expect(await store.outbox.counts('crash')).toMatchObject({ sent: PEOPLE.length, pending: 0, retrying: 0 });
    expect((await store.outbox.get(outboxKey('crash', HANGS)))!.attempts).toBe(2);
  }, 60_000);
});
