/**
 * End-to-end: the leader's competence gap in the Microsoft 365 Agents Playground, with the demo
 * organisation and its seeded registrations (content/org/demo-registrations.json, loaded by
 * main() in local mode). The signed-in user is rektor Kari Solheim, who leads Fjordvik skole.
 *
 * The Playground always sends typed messages as the signed-in user. To show that an employee
 * is refused, the test posts a «Mock an Activity» custom activity from Erik Johansen (lektor at
 * the same school) through the Playground's internal API (0.2.28, undocumented); the bot's
 * answer appears in the chat like any other. The same way, kommunalsjef Tor Arne Strand opens
 * Solsiden barnehage and sees its styrer's missing legal requirement (barnehageloven § 24).
 *
 * Screenshots: test-output/e2e/gap-*.png. Needs Chromium (see qa.e2e.test.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { ask, requireBrowser, type Playground, type PlaygroundUser, SCREENSHOT_DIR, SELECTORS, startPlayground } from './playground.js';

const ERIK = { id: '65f54bba-3632-4519-b9b9-5c7477758354', name: 'Erik Johansen', aadObjectId: '65f54bba-3632-4519-b9b9-5c7477758354' };
/** Kommunalsjef oppvekst og kultur (10002), leader of Marianne Lie, styrer of Solsiden barnehage. */
const TOR_ARNE = { id: '0df47303-3069-497e-8c97-4e94d15351ee', name: 'Tor Arne Strand', aadObjectId: '0df47303-3069-497e-8c97-4e94d15351ee' };
const PERSONAL_CHAT = 'fjordvik-personlig-chat'; // .m365agentsplayground.yml

/** Clicks a button on a card and returns the card that arrives next as a new message. */
async function clickForNewCard(page: Page, button: Locator, timeoutMs = 15_000): Promise<Locator> {
  const cards = page.locator(SELECTORS.card);
  const before = await cards.count();
  await button.click();
  await expect.poll(() => cards.count(), { timeout: timeoutMs }).toBeGreaterThan(before);
  return cards.nth(before);
}

/** Sends a message as someone else through the Playground's «Mock an Activity» API. */
async function sendAs(pg: Playground, from: PlaygroundUser, text: string): Promise<void> {
  const base = pg.uiUrl.replace(/\/$/, '');
  const template = (await (await fetch(`${base}/_internal/v1/customActivities/template?conversationId=${PERSONAL_CHAT}`)).json()) as Record<string, unknown>;
  const res = await fetch(`${base}/_internal/v1/customActivities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...template, type: 'message', text, textFormat: 'plain', from }),
  });
  if (!res.ok) throw new Error(`POST customActivities: HTTP ${res.status}`);
}

/** Saves a PNG of one whole card (the page screenshot shows only what fits). */
async function shootCard(card: Locator, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await card.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** A bot text message in the chat (not the chat list or the log panel). */
const botText = (page: Page, text: string) => page.locator('p', { hasText: text }).first();

test(
  'When rektor Kari Solheim writes «kompetansegap» in the Playground, then her school opens with the critical requirement flagged, a person opens with measures, and an employee is refused; and the kommunalsjef sees the barnehage’s critical legal requirement',
  async (ctx) => {
    requireBrowser(ctx);

    // As Kristiansund (KOMMUNE=kristiansund), where the temaplan's § 4.2 leader requirements are the municipality's own;
    // in the Fjordvik demo they are only examples and never critical (test/bot/kommune-scope.test.ts).
    const pg = await startPlayground({ viewport: { width: 1400, height: 2400 }, env: { KOMMUNE: 'kristiansund' } });
    try {
      const user = await pg.currentUser();
      expect(user.name).toBe('Kari Solheim');

      // Overview: straight to the one unit she leads, the critical requirement first.
      const overview = await ask(pg.page, 'kompetansegap');
      await overview.getByRole('button', { name: 'Detaljer' }).first().waitFor({ timeout: 15_000 });
      const text = await overview.innerText();
      expect(text).toContain('Kompetansegap: Fjordvik skole');
      expect(text).toMatch(/Kritisk: kommunalt krav mangler \(Kristiansund kommune, temaplan 2025 § 4\.2 \(enhetsledere\)\)/);
      expect(text).toMatch(/Går ut \d{1,2}\. \p{L}+ \d{4}: Førstehjelp for skoleansatte/u);
      expect(text).toContain('Har ikke registrert kompetansen sin'); // Liv Marie Nilsen
      expect(text.indexOf('Kari Solheim')).toBeLessThan(text.indexOf('Erik Johansen'));
      expect(await overview.getByRole('button', { name: 'Detaljer' }).count()).toBe(6);
      await overview.scrollIntoViewIfNeeded();
      await pg.screenshot('gap-overview');
      await shootCard(overview, 'gap-overview-card');

      // One person: the requirements with their status and measures with «Les mer».
      const person = await clickForNewCard(pg.page, overview.getByRole('button', { name: 'Detaljer' }).first());
      await person.getByText('Forslag til tiltak').waitFor({ timeout: 15_000 });
      const personText = await person.innerText();
      expect(personText).toContain('Kompetansegap: Kari Solheim');
      expect(personText).toMatch(/Kritisk: kommunalt krav mangler[^\n]*: Lederutdanning \(under arbeid\)/);
      expect(personText).toContain('Lovkrav: Opplæringsloven § 17-2');
      expect(personText).toContain('Under nivå (har 2, krav 3)');
      expect(personText).toMatch(/Utvikle: /);
      await person.scrollIntoViewIfNeeded();
      await pg.screenshot('gap-person');
      await shootCard(person, 'gap-person-card');

      // «Les mer» opens the Q&A entry behind the measure.
      const answer = await clickForNewCard(pg.page, person.getByRole('button', { name: 'Les mer' }).first());
      await answer.getByText('Kilde').waitFor({ timeout: 15_000 });
      expect(await answer.innerText()).toContain('Var dette nyttig?');

      // The heatmap renders as a table with shares as text.
      const heatmap = await clickForNewCard(pg.page, overview.getByRole('button', { name: 'Dekning (varmekart)' }));
      await heatmap.getByText('Dekning: Fjordvik skole').waitFor({ timeout: 15_000 });
      expect(await heatmap.innerText()).toMatch(/\d+ % \(\d+ av \d+\)/);
      await heatmap.scrollIntoViewIfNeeded();
      await pg.screenshot('gap-heatmap');
      await shootCard(heatmap, 'gap-heatmap-card');

      // An employee (lektor Erik Johansen) is refused, with the reason and no one's data.
      await sendAs(pg, ERIK, 'kompetansegap');
      const refusal = botText(pg.page, 'Kompetansegapet for en enhet er for lederen av enheten og HR');
      await refusal.waitFor({ timeout: 15_000 });
      await sendAs(pg, ERIK, 'kompetansegap Fjordvik skole');
      const named = botText(pg.page, 'Oversikten over en enhet er for lederne av enheten og HR');
      await named.waitFor({ timeout: 15_000 });
      const reason = await named.innerText();
      expect(reason).toContain('Fjordvik skole ledes av Kari Solheim.');
      for (const other of ['Silje Moen', 'Ahmed Rahimi', 'Liv Marie Nilsen', 'Førstehjelp']) expect(reason).not.toContain(other);
      await named.scrollIntoViewIfNeeded();
      await pg.screenshot('gap-refusal');

      // The leader above the unit (kommunalsjef Tor Arne Strand) sees that its styrer, Marianne
      // Lie, lacks the education the law requires.
      await sendAs(pg, TOR_ARNE, 'kompetansegap Solsiden barnehage');
      const kindergarten = pg.page.locator(SELECTORS.card).filter({ hasText: 'Kompetansegap: Solsiden barnehage' }).first();
      await kindergarten.getByRole('button', { name: 'Detaljer' }).first().waitFor({ timeout: 15_000 });
      const kgText = await kindergarten.innerText();
      const start = kgText.indexOf('Marianne Lie');
      expect(start).toBeGreaterThanOrEqual(0);
      const marianne = kgText.slice(start, kgText.indexOf('Detaljer', start)); // her row, up to her button
      expect(marianne).toContain('Styrer');
      expect(marianne).toContain('Kritisk: lovkrav mangler (barnehageloven § 24)');
      await kindergarten.scrollIntoViewIfNeeded();
      await shootCard(kindergarten, 'gap-legal-critical');
    } catch (err) {
      await pg.screenshot('gap-failure').catch(() => undefined);
      if (err instanceof Error) err.message += `\n(screenshot: test-output/e2e/gap-failure.png)\n${pg.diagnostics()}`;
      throw err;
    } finally {
      await pg.close();
    }
  },
  120_000,
);
