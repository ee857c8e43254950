/**
 * A separate bot process that sends the outbox of DATA_FILE, one message at a time, and is
 * killed with SIGKILL by test/modules/delivery/crash.test.ts in the middle of a send.
 */
import { createAdapter } from '../../../../src/bot/adapter.js';
import { loadConfig } from '../../../../src/config.js';
import { silentLogger } from '../../../../src/logging/logger.js';
import { createDelivery } from '../../../../src/modules/delivery/delivery.js';
import { createTeamsSender } from '../../../../src/modules/delivery/teams.js';
import { createOrgDirectory, EMPTY_ORG } from '../../../../src/modules/org/org-directory.js';
import { systemClock } from '../../../../src/shared/dates.js';
import { openStore } from '../../../../src/storage/open-store.js';

async function run() {
  const store = await openStore(process.env.DATA_FILE!);
  const delivery = createDelivery({
    store,
    org: { directory: () => createOrgDirectory(EMPTY_ORG) },
    sender: createTeamsSender({ adapter: createAdapter(loadConfig({ BOT_MODE: 'local' }), silentLogger) }),
    clock: systemClock,
    logger: silentLogger,
    ratePerSecond: 1000,
    concurrency: 1,
  });
  delivery.renderers.register('crash', (item) => ({ text: `Melding ${item.key}` }));
  process.send?.('ready');
  await delivery.dispatcher.drain();
  process.send?.('drained');
}

void run();
