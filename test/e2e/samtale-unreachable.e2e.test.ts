/**
 * End-to-end (#12): a whole medarbeidersamtale in the Microsoft 365 Agents Playground with an
 * employee who has NOT installed Kompetansebot – rektor Kari Solheim (10004) and adjunkt Ahmed
 * Rahimi (10007, reports to her, content/org/demo-org.json) – against one real bot (`main()` in
 * local mode, temp data file). Ahmed never opens the bot, so the bot has no conversation with him.
 *
 * Kari starts the samtale, prepares, holds it and sends the referat in her own Playground window.
 * At every step that would tell Ahmed something, her card says that he gets nothing from the bot
 * (never «har fått»), and the «Be Ahmed Rahimi installere Kompetansebot» message arrives in her
 * chat for her to forward. The outbox shows why: the messages to Ahmed found no one
 * (`not-installed`), the dispatcher really ran.
 *
 * Screenshots: test-output/e2e/samtale-unreachable-*.png. Needs Chromium (see qa.e2e.test.ts).
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { ask, cardWith, clickOnCard, type Playground, readShards, requireBrowser, SELECTORS, startPlayground } from './playground.js';

const STEP_TIMEOUT = 20_000;
const KARI_ANSWER = 'Ahmed har tatt et stort ansvar for mottaksklassen i høst.';
const SHARED_NOTE = 'Ahmed vil gjerne ta videreutdanning i norsk som andrespråk.';
const SUMMARY = 'God samtale om mottaksklassen og videreutdanning.';

/** `YYYY-MM-DD` today in Oslo. */
function osloToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** How many «Be Ahmed Rahimi installere Kompetansebot» messages Kari has in her chat. */
const installCards = (page: Page) => page.locator(SELECTORS.card).filter({ hasText: 'Be Ahmed Rahimi installere Kompetansebot' }).count();

test(
  'When Kari holds a whole samtale with Ahmed, who has not installed Kompetansebot, then at each step she is told he gets nothing from the bot and gets «Be Ahmed installere Kompetansebot» to forward, and no card says «har fått»',
  async (ctx) => {
    requireBrowser(ctx);
    const pg: Playground = await startPlayground({ env: { SCHEDULER_TICK_MS: '500' }, viewport: { width: 1400, height: 2000 } });
    try {
      const kari = pg.page;
      expect((await pg.currentUser()).name).toBe('Kari Solheim');

      // --- 1. Start: Kari is told Ahmed cannot be reached, and gets the card to forward --------
      const kariCard = await ask(kari, 'start medarbeidersamtale med Ahmed Rahimi');
      await kariCard.getByText('Medarbeidersamtale med Ahmed Rahimi').waitFor({ timeout: STEP_TIMEOUT });
      await kariCard.getByLabel('Dato for samtalen', { exact: false }).fill(osloToday());
      await clickOnCard(kariCard, 'Start og send invitasjon', 'Ahmed får ingen invitasjon fra boten');
      expect(await kariCard.innerText()).toContain('Ahmed har ikke åpnet Kompetansebot i Teams ennå');
      const install = await cardWith(kari, 'Be Ahmed Rahimi installere Kompetansebot');
      const installText = await install.innerText();
      expect(installText).toContain('Videresend denne meldingen');
      expect(installText).toContain('Boten kan ikke sende deg meldinger før du har åpnet den én gang.');
      await pg.screenshot('samtale-unreachable-1-started');

      // --- 2. Kari prepares and submits: Ahmed is not said to be told -------------------------
      await clickOnCard(kariCard, 'Forbered deg', 'Del 1 av 5');
      // Her card opens with the text written to the leader.
      expect(await kariCard.innerText()).toContain('Hvordan opplever du at medarbeideren har det i jobben nå?');
      await kariCard.getByLabel('Hvordan opplever du at medarbeideren har det på jobb for tiden?', { exact: false }).fill(KARI_ANSWER);
      await clickOnCard(kariCard, 'Lagre og fortsett senere', 'Svarene er lagret.');
      await clickOnCard(kariCard, 'Send inn forberedelsen', 'Ahmed Rahimi får ingen beskjed fra boten');
      await pg.screenshot('samtale-unreachable-2-submitted');

      // --- 3. She holds it (Ahmed in the room), writes a note and sends the referat ----------
      await clickOnCard(kariCard, 'Start samtalen', 'Samtalen er startet.');
      await kariCard.getByLabel('Nytt notat', { exact: false }).fill(SHARED_NOTE);
      await clickOnCard(kariCard, 'Lagre som felles notat', 'Felles notat lagret.');
      await kariCard.getByLabel('Oppsummering til referatet', { exact: false }).fill(SUMMARY);
      await clickOnCard(kariCard, 'Send referatet', 'Ahmed får det ikke fra boten');
      expect(await kariCard.innerText()).toContain('Venter på at Ahmed Rahimi bekrefter referatet.');
      await pg.screenshot('samtale-unreachable-3-referat');

      // Nothing in Kari's chat claims that Ahmed got anything; each step brought the card to forward.
      const chat = await kari.locator(SELECTORS.card).allInnerTexts();
      for (const text of chat) expect(text).not.toMatch(/har fått|Ahmed får (en invitasjon|beskjed i Teams|det i Teams)/);
      expect(await installCards(kari)).toBeGreaterThanOrEqual(3);

      // --- 4. The data: the messages to Ahmed found no one; none was sent ----------------------
      const samtaler = await readShards(pg.bot.dataFile, 'samtaler');
      expect(samtaler).toHaveLength(1);
      const stored = samtaler[0] as { id: string; state: string; employeeId: string };
      expect(stored).toMatchObject({ state: 'referat_sendt', employeeId: '10007' });
      const toAhmed = async () =>
        (await pg.bot.app.delivery.outbox.list(`samtale:${stored.id}`)).filter((i) => i.recipient.kind === 'employee' && i.recipient.employeeId === '10007');
      await expect.poll(async () => (await toAhmed()).map((i) => i.status).sort(), { timeout: STEP_TIMEOUT }).toEqual(
        (await toAhmed()).map(() => 'not-installed'),
      );
      expect((await toAhmed()).map((i) => i.data?.kind).sort()).toEqual(['forberedelse-sendt', 'invitasjon', 'referat-sendt', 'samtale-startet']);
      expect((await toAhmed()).some((i) => i.status === 'sent')).toBe(false);
    } catch (err) {
      await pg.screenshot('samtale-unreachable-failure').catch(() => undefined);
      throw new Error(`${(err as Error).message}\n(screenshot: test-output/e2e/samtale-unreachable-failure.png)\n--- diagnostics ---\n${pg.diagnostics()}`);
    } finally {
      await pg.close();
    }
  },
  240_000,
);
