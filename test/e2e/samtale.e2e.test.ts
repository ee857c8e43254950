/**
 * End-to-end: rektor Kari Solheim (the Playground's user, content/org/demo-org.json) starts a
 * medarbeidersamtale with her report Erik Johansen by typing the command, picks a date in the
 * real card UI, and fills in the first section of her preparation. The saved answer is read
 * back from the bot's data files. Screenshots go to test-output/e2e/.
 */
import { expect, test } from 'vitest';
import { ask, readShards, requireBrowser, startPlayground } from './playground.js';

const ANSWER = 'Erik har det bra, men har mange inspeksjoner denne høsten.';

/** Samtaler are stored in lowdb shards beside the data file (`<data>.samtaler/NN.json`). */
const readSamtaler = (dataFile: string) => readShards(dataFile, 'samtaler');

function inDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test(
  'When Kari writes «start medarbeidersamtale med Erik Johansen», picks a date and fills in her first preparation section in the Playground, then the samtale is started and the answer is saved',
  async (ctx) => {
    requireBrowser(ctx);

    const pg = await startPlayground();
    try {
      const card = await ask(pg.page, 'start medarbeidersamtale med Erik Johansen');
      await card.getByText('Medarbeidersamtale med Erik Johansen').waitFor({ timeout: 10_000 });
      const date = inDays(14);
      await card.getByLabel('Dato for samtalen', { exact: false }).fill(date);
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('samtale-start');
      await card.getByRole('button', { name: 'Start og send invitasjon', exact: true }).click();

      // Action.Execute: the same card becomes the samtale's overview.
      // Erik has not opened the bot in this test: Kari is told he gets no invitation from it (#12).
      await card.getByText('Erik får ingen invitasjon fra boten', { exact: false }).waitFor({ timeout: 15_000 });
      expect(await card.innerText()).toContain('Samtale med Erik Johansen');
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('samtale-overview');

      await card.getByRole('button', { name: 'Forbered deg', exact: true }).click();
      await card.getByText('Del 1 av 5').waitFor({ timeout: 15_000 });
      await card.getByLabel('Hvordan opplever du at medarbeideren har det på jobb for tiden?', { exact: false }).fill(ANSWER);
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('samtale-prepare-filled');
      await card.getByRole('button', { name: 'Lagre og gå videre', exact: true }).click();

      await card.getByText('Del 2 av 5').waitFor({ timeout: 15_000 });
      const next = await card.innerText();
      expect(next).toContain('Kompetanse og læring');
      expect(next).toContain('Svarene er lagret.');
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('samtale-prepare-saved');

      const stored = await readSamtaler(pg.bot.dataFile);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        employeeId: '10005',
        leaderId: '10004',
        scheduledFor: date,
        state: 'forberedes',
        preparations: { leader: { answers: { arbeidssituasjon: { trivsel: ANSWER } } }, employee: { answers: {} } },
      });
    } catch (err) {
      await pg.screenshot('samtale-failure').catch(() => undefined);
      if (err instanceof Error) err.message += `\n(screenshot: test-output/e2e/samtale-failure.png)\n${pg.diagnostics()}`;
      throw err;
    } finally {
      await pg.close();
    }
  },
  90_000,
);
