import { join } from 'node:path';
import { Application, TurnState } from '@microsoft/teams-ai';
import { type Activity, TestAdapter } from 'botbuilder';
import { describe, expect, it, vi } from 'vitest';
import type { AppTurnState } from '../../../src/bot/state.js';
import { TurnStateStorage } from '../../../src/bot/turn-state-storage.js';
import { silentLogger, type Logger } from '../../../src/logging/logger.js';
import { createQaService, loadQaContent } from '../../../src/modules/qa/qa-service.js';
import { registerQaFallback, registerQaRoutes, type QaTeamsDeps } from '../../../src/modules/qa/teams.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import { projectRoot } from '../../../src/util/project-root.js';
import { cardOf, cardText, FIXTURE_KNOWLEDGE, HR_CONTACT } from '../../helpers/bot-harness.js';

const OUT_OF_SCOPE = 'Hvor mange feriedager har jeg?';

async function harness(onDecline: QaTeamsDeps['onDecline'], logger: Logger = silentLogger) {
  const store = await openMemoryStore();
  const qa = createQaService({ content: loadQaContent(join(projectRoot, 'content'), FIXTURE_KNOWLEDGE), store, clock: fixedClock('2026-11-23T10:00:00Z'), hrContact: HR_CONTACT, logger: silentLogger });
  const app = new Application<AppTurnState>({ storage: new TurnStateStorage(store.kv), startTypingTimer: false, longRunningMessages: false, turnStateFactory: () => new TurnState() as AppTurnState });
  const deps: QaTeamsDeps = { qa, hrContact: HR_CONTACT, capabilities: () => [], askHr: true, onDecline, logger };
  registerQaRoutes(app, deps);
  registerQaFallback(app, deps);
  const adapter = new TestAdapter(async (context) => {
    await app.run(context);
  });
  return async (text: string): Promise<Partial<Activity>[]> => {
    const before = adapter.activeQueue.length;
    await adapter.processActivity({ type: 'message', text, channelId: 'msteams', conversation: { id: 'c1' } as never, from: { id: '29:u1', name: 'Leder' }, recipient: { id: '28:bot', name: 'Kompetansebot' } });
    return adapter.activeQueue.splice(before);
  };
}

describe('a declined question counted for HR', () => {
  it('When the count is slow to be written, then the person gets the decline and the turn ends without waiting for the write', async () => {
    const onDecline = vi.fn(() => new Promise<void>(() => {})); // never written
    const say = await harness(onDecline);
    const replies = await say(OUT_OF_SCOPE);
    expect(cardText(cardOf(replies[0]))).toContain('Det finner jeg ikke');
    expect(onDecline).toHaveBeenCalledWith(OUT_OF_SCOPE);
  });

  it('When writing the count fails, then the person still gets the decline and the failure is logged without the question', async () => {
    const warn = vi.fn();
    const logger = { ...silentLogger, warn, child: () => logger } as unknown as Logger;
    const say = await harness(() => Promise.reject(new Error('disk full')), logger);
    const replies = await say(OUT_OF_SCOPE);
    expect(cardText(cardOf(replies[0]))).toContain('Det finner jeg ikke');
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith({ err: 'Error' }, 'qa.decline.recordFailed'));
    expect(JSON.stringify(warn.mock.calls)).not.toContain('feriedager');
  });

  it('When the question is answered, then nothing is counted', async () => {
    const onDecline = vi.fn(async () => {});
    const say = await harness(onDecline);
    const replies = await say('Hvilke krav stilles til en rektor?');
    expect(cardText(cardOf(replies[0]))).not.toContain('Det finner jeg ikke');
    expect(onDecline).not.toHaveBeenCalled();
  });
});
