/**
 * End-to-end: the real bot behind the Microsoft 365 Agents Playground, driven in headless
 * Chromium. Screenshots go to test-output/e2e/ (git-ignored).
 *
 * Needs Chromium at /usr/bin/chromium (`apt-get install -y chromium`). Without it the test
 * fails, unless SKIP_BROWSER_TESTS=1, which skips it with the reason.
 */
import { expect, test } from 'vitest';
import { ask, requireBrowser, type Playground, startPlayground } from './playground.js';

const QUESTION = 'Hvilke krav stilles til en rektor?';

interface StoredFeedback {
  entryId: string;
  helpful: boolean;
  userId: string;
}

async function feedbackRecords(pg: Playground): Promise<StoredFeedback[]> {
  const data = (await pg.readData()) as { feedback?: Record<string, StoredFeedback> };
  return Object.values(data.feedback ?? {});
}

test(
  'When a leader asks «Hvilke krav stilles til en rektor?» in the Playground, then the answer card shows opplæringsloven § 17-2 and its source, and «Ja» records feedback',
  async (ctx) => {
    requireBrowser(ctx);

    const pg = await startPlayground();
    try {
      const card = await ask(pg.page, QUESTION);

      // The card is complete once its feedback prompt is there.
      await card.getByRole('button', { name: 'Ja', exact: true }).waitFor({ timeout: 10_000 });
      const answer = await card.innerText();
      expect(answer).toContain('17-2');
      expect(answer).toMatch(/Kilde\s[\s\S]*Kristiansund/);
      expect(answer).toContain('Var dette nyttig?');
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('qa-answer');
      expect(await feedbackRecords(pg)).toHaveLength(0);

      await card.getByRole('button', { name: 'Ja', exact: true }).click();

      // Action.Execute: the same card is replaced in place by the thank-you version.
      await card.getByText('Takk for tilbakemeldingen!').waitFor({ timeout: 15_000 });
      const updated = await card.innerText();
      expect(updated).toContain('Takk for tilbakemeldingen!');
      expect(updated).not.toContain('Var dette nyttig?');
      expect(await card.getByRole('button', { name: /^(Ja|Nei)$/ }).count()).toBe(0);
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('qa-feedback');

      await expect.poll(() => feedbackRecords(pg), { timeout: 5_000 }).toHaveLength(1);
      const [record] = await feedbackRecords(pg);
      // Stored for the signed-in Playground user (the bot keys users by their AAD object id).
      const user = await pg.currentUser();
      expect(record).toMatchObject({ helpful: true, entryId: expect.any(String), userId: user.aadObjectId });
    } catch (err) {
      await pg.screenshot('qa-failure').catch(() => undefined);
      if (err instanceof Error) err.message += `\n(screenshot: test-output/e2e/qa-failure.png)\n${pg.diagnostics()}`;
      throw err;
    } finally {
      await pg.close();
    }
  },
  60_000,
);
