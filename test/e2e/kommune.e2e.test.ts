/**
 * End-to-end (issue #13): in the Playground as rektor Kari Solheim in the demo municipality Fjordvik
 * (KOMMUNE defaults to fjordvik in local mode), an answer says whose rule each part is: the law first,
 * Kristiansund's own leader requirements last and only as an example. Screenshot in test-output/e2e/.
 *
 * Needs Chromium at /usr/bin/chromium; SKIP_BROWSER_TESTS=1 skips it with the reason.
 */
import { expect, test } from 'vitest';
import { ask, requireBrowser, startPlayground } from './playground.js';

test(
  'When a Fjordvik leader asks about the styrer’s requirements in the Playground, then the card labels the law «Lovkrav» and Kristiansund’s rule «Eksempel fra Kristiansund»',
  async (ctx) => {
    requireBrowser(ctx);
    const pg = await startPlayground();
    try {
      const card = await ask(pg.page, 'Hvilke krav stilles til styrer i barnehage?');
      await card.getByRole('button', { name: 'Ja', exact: true }).waitFor({ timeout: 10_000 });
      const answer = await card.innerText();
      expect(answer).toContain('Lovkrav – gjelder alle kommuner');
      expect(answer).toContain('Eksempel fra Kristiansund');
      expect(answer).not.toContain('I Kristiansund kommune');
      expect(answer.indexOf('Lovkrav')).toBeLessThan(answer.indexOf('Eksempel fra Kristiansund'));
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('qa-scope-label');
    } catch (err) {
      await pg.screenshot('qa-scope-failure').catch(() => undefined);
      throw err;
    } finally {
      await pg.close();
    }
  },
  120_000,
);
