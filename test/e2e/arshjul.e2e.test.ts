/**
 * End-to-end: an årshjul reminder in the Microsoft 365 Agents Playground. Rektor Kari Solheim
 * (10004, demo organisation) writes to the bot, so it has a conversation reference for her; the
 * test then runs the bot's reminder planning (`planArshjulReminders`, returned by main()) at
 * 16 April 2027 10:00 UTC – 14 days before «Skolens opplæringsplan klar» – and the reminder
 * arrives in her chat as a proactive card. She clicks «Ferdig» in the real UI; the card updates
 * in place and the task is done in the bot's data (`<data>.arshjul.json`).
 *
 * The bot runs with KOMMUNE=baerum, whose årshjul is Bærum's SKUP årshjul (content/arshjul/baerum-skup.yml).
 *
 * Screenshots: test-output/e2e/arshjul-*.png. Needs Chromium (see qa.e2e.test.ts).
 */
import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { expect, test } from 'vitest';
import { ask, requireBrowser, SCREENSHOT_DIR, SELECTORS, startPlayground } from './playground.js';

const FOURTEEN_DAYS_BEFORE = new Date('2027-04-16T10:00:00Z');

async function shootCard(card: Locator, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await card.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

interface ArshjulData {
  tasks: Record<string, { eventId: string; occurrenceId: string; employeeId: string; doneAt?: string; doneBy?: string }>;
}

test(
  'When a reminder from the årshjul arrives in Kari Solheim’s chat in the Playground and she clicks «Ferdig», then the card shows it is done and the task is done in the data',
  async (ctx) => {
    requireBrowser(ctx);

    // The real-time planning job is off: the test runs the planning at the instant it needs.
    // Bærum's SKUP årshjul (the profile that has the schools' April deadline), adopted with KOMMUNE=baerum.
    const pg = await startPlayground({ env: { ARSHJUL_PLAN_EVERY_MINUTES: '0', KOMMUNE: 'baerum' }, viewport: { width: 1400, height: 2000 } });
    try {
      expect((await pg.currentUser()).name).toBe('Kari Solheim');

      // She writes first: «Hva skjer i årshjulet nå?» (and the bot learns where to reach her).
      const now = await ask(pg.page, 'Hva skjer i årshjulet nå?');
      await now.getByText('Last ned dine hendelser').waitFor({ timeout: 15_000 });
      expect(await now.innerText()).toContain('Hva skjer i årshjulet nå?');
      await shootCard(now, 'arshjul-now-card');

      // The reminder job runs 14 days before her deadline: a proactive card arrives.
      const cards = pg.page.locator(SELECTORS.card);
      expect(await pg.bot.app.planArshjulReminders(FOURTEEN_DAYS_BEFORE)).toEqual({ planned: 1 });
      const reminder = cards.filter({ hasText: 'Påminnelse fra årshjulet' }).last();
      await reminder.waitFor({ timeout: 20_000 });
      const text = await reminder.innerText();
      expect(text).toContain('14 dager til fristen');
      expect(text).toContain('Skolens opplæringsplan klar');
      expect(text).toContain('Frist: 30. april 2027');
      expect(text).toContain('Minn meg på igjen …');
      await reminder.scrollIntoViewIfNeeded();
      await shootCard(reminder, 'arshjul-reminder-card');

      // «Ferdig» in the real UI: Action.Execute, the card is replaced in place.
      await reminder.getByRole('button', { name: 'Ferdig', exact: true }).click();
      const doneCard = cards.filter({ hasText: 'Markert som ferdig' }).last();
      await doneCard.waitFor({ timeout: 15_000 });
      expect(await doneCard.getByRole('button', { name: 'Ferdig', exact: true }).count()).toBe(0);
      await doneCard.scrollIntoViewIfNeeded();
      await shootCard(doneCard, 'arshjul-reminder-done-card');
      await pg.screenshot('arshjul-reminder-done');

      const data = JSON.parse(await readFile(pg.bot.dataFile.replace(/\.json$/, '.arshjul.json'), 'utf8')) as ArshjulData;
      const task = Object.values(data.tasks).find((t) => t.eventId === 'skole-opplaeringsplan-klar' && t.occurrenceId === '2027-04-30' && t.employeeId === '10004');
      expect(task).toMatchObject({ doneBy: '10004' });
      expect(task?.doneAt).toBeTruthy();
      // One reminder was sent, and the outbox knows it.
      expect((await pg.bot.app.delivery.outbox.get('arshjul:skole-opplaeringsplan-klar:2027-04-30:10004:d14'))?.status).toBe('sent');
    } catch (err) {
      await pg.screenshot('arshjul-failure').catch(() => undefined);
      throw new Error(`${(err as Error).message}\n--- diagnostics ---\n${pg.diagnostics()}`);
    } finally {
      await pg.close();
    }
  },
  180_000,
);
