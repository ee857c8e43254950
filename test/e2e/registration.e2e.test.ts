/**
 * End-to-end: rektor Kari Solheim (the Playground's signed-in user) opens «min kompetanse» in
 * the Microsoft 365 Agents Playground, fills in the education form in the real card UI (a
 * wrong year first, to see the reason in the card), changes a self-assessment level, downloads
 * the CSV through the card's link and deletes the registration. The saved registration is read
 * from the bot's data (registrations are sharded beside the main JSON file). Screenshots go to test-output/e2e/registration-*.png (git-ignored).
 *
 * Needs Chromium at /usr/bin/chromium; without it the test fails, unless SKIP_BROWSER_TESTS=1.
 */
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { ask, requireBrowser, type Playground, readRegistrations, startPlayground } from './playground.js';

/** Kari Solheim in content/org/demo-org.json. */
const KARI = '10004';

interface StoredRegistration {
  employeeId: string;
  version: number;
  education: { level: string; field: string; institution?: string; completedYear?: number; credits?: number; inProgress: boolean; competenceIds: string[] }[];
  selfAssessment: { competenceId: string; level: number }[];
}

async function kariRegistration(pg: Playground): Promise<StoredRegistration | undefined> {
  return (await readRegistrations(pg.bot.dataFile)).find((r) => r.employeeId === KARI) as StoredRegistration | undefined;
}

/** Picks an option in an Input.ChoiceSet (compact: a Fluent combobox whose list opens in a popup). */
async function choose(page: Page, card: Locator, label: string | RegExp, option: string): Promise<void> {
  const box = card.getByRole('combobox', { name: label });
  await box.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect.poll(() => box.inputValue(), { timeout: 5_000 }).toContain(option);
}

async function fill(card: Locator, label: string, value: string): Promise<void> {
  const input = card.getByLabel(label, { exact: false });
  await input.fill(value);
}

test(
  'When Kari fills in the education card and a self-assessment level in the Playground, then the card shows the reason for a wrong year, saves the fixed form, the saved registration holds the values, the CSV link works once, and delete removes it',
  async (ctx) => {
    requireBrowser(ctx);

    const pg = await startPlayground({ viewport: { width: 1400, height: 1600 } });
    const { page } = pg;
    try {
      // Local mode seeds fictional registrations for the demo organisation; Kari has one.
      const before = await kariRegistration(pg);
      const educationBefore = before?.education.length ?? 0;

      const card = await ask(page, 'min kompetanse');
      await card.getByText('Dine data', { exact: true }).waitFor({ timeout: 10_000 });
      expect(await card.innerText()).toContain('Kari Solheim · Rektor');
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('registration-overview');

      // Open «Utdanning»: the section's button carries the section name as its tooltip.
      await card.locator('button[title$=": Utdanning"]').click();
      await card.getByText('Legg til en utdanning', { exact: true }).waitFor({ timeout: 15_000 });

      const thisYear = new Date().getFullYear();
      await choose(page, card, /Utdanningsnivå/, 'Master');
      await fill(card, 'Fag eller studium', 'Skoleledelse');
      await fill(card, 'Lærested', 'NTNU');
      await fill(card, 'Fullført år', String(thisYear + 2));
      await fill(card, 'Studiepoeng', '60');
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('registration-education-filled');
      await card.getByRole('button', { name: 'Lagre', exact: true }).click();

      // The service refuses a completed year in the future: the reason is in the card, next to the year, and nothing is saved.
      const reason = `Fullført år kan ikke være etter ${thisYear}.`;
      await card.getByText(reason, { exact: false }).waitFor({ timeout: 15_000 });
      expect(await card.innerText()).toContain('Ingenting er lagret.');
      expect(await card.getByLabel('Fag eller studium', { exact: false }).inputValue()).toBe('Skoleledelse');
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('registration-education-error');
      expect((await kariRegistration(pg))?.education).toHaveLength(educationBefore);

      await fill(card, 'Fullført år', '2021');
      await card.getByRole('button', { name: 'Lagre', exact: true }).click();
      await card.getByText('«Skoleledelse» er lagret.', { exact: true }).waitFor({ timeout: 15_000 });
      const saved = await card.innerText();
      expect(saved).toContain(`Registrert (${educationBefore + 1})`);
      expect(saved).toMatch(/Skoleledelse\s+Master · NTNU · fullført 2021 · 60 studiepoeng/);
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('registration-education-saved');

      await expect.poll(async () => (await kariRegistration(pg))?.education.length, { timeout: 5_000 }).toBe(educationBefore + 1);
      const afterEducation = (await kariRegistration(pg))!;
      expect(afterEducation.education.at(-1)).toEqual({ level: 'master', field: 'Skoleledelse', institution: 'NTNU', completedYear: 2021, credits: 60, inProgress: false, competenceIds: [] });

      // Self-assessment: change one level with the real dropdown.
      await card.getByRole('button', { name: 'Tilbake uten å lagre', exact: true }).click();
      await card.locator('button[title$=": Egenvurdering"]').click();
      await card.getByText('Nivåene', { exact: true }).waitFor({ timeout: 15_000 });
      expect(await card.innerText()).toContain('Kjenner til området og kan løse enkle oppgaver med veiledning eller støtte.');
      await choose(page, card, /Ditt nivå: Økonomistyring/, '4 – Ekspert');
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('registration-self-assessment');
      await card.getByRole('button', { name: 'Lagre egenvurderingen', exact: true }).click();
      await card.getByText('Egenvurderingen er lagret.', { exact: true }).waitFor({ timeout: 15_000 });
      expect(await card.innerText()).toContain(`${educationBefore + 1} registrert`);
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('registration-overview-saved');

      await expect
        .poll(async () => (await kariRegistration(pg))?.selfAssessment.find((r) => r.competenceId === 'ledelse-okonomi')?.level, { timeout: 5_000 })
        .toBe(4);
      const final = (await kariRegistration(pg))!;
      expect(final.version).toBe(afterEducation.version + 1);
      expect(final.education).toEqual(afterEducation.education);

      // Export: the card links to a one-time CSV file on the bot's server.
      await card.getByRole('button', { name: 'Last ned som CSV (Excel)', exact: true }).click();
      const link = card.getByRole('link', { name: /^Last ned .+\.csv$/ });
      await link.waitFor({ timeout: 15_000 });
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('registration-export');
      const href = await link.getAttribute('href');
      expect(href).toMatch(/\/api\/downloads\/[\w-]+$/);
      const download = await fetch(href!);
      expect(download.status).toBe(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      // UTF-8 byte order mark, so Excel opens æøå right (fetch's text() would strip it).
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = bytes.toString('utf8');
      expect(csv).toContain('Skoleledelse');
      expect((await fetch(href!)).status).not.toBe(200);

      // Delete, with confirmation.
      await card.getByRole('button', { name: 'Tilbake til oversikten', exact: true }).click();
      await card.getByRole('button', { name: 'Slett registreringen', exact: true }).click();
      await card.getByText('Slette registreringen?', { exact: true }).waitFor({ timeout: 15_000 });
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('registration-delete-confirm');
      expect(await kariRegistration(pg)).toBeDefined();
      await card.getByRole('button', { name: 'Ja, slett alt', exact: true }).click();
      await card.getByText('Registreringen din er slettet.', { exact: false }).waitFor({ timeout: 15_000 });
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('registration-deleted');
      await expect.poll(() => kariRegistration(pg), { timeout: 5_000 }).toBeUndefined();
    } catch (err) {
      await pg.screenshot('registration-failure').catch(() => undefined);
      if (err instanceof Error) err.message += `\n(screenshot: test-output/e2e/registration-failure.png)\n${pg.diagnostics()}`;
      throw err;
    } finally {
      await pg.close();
    }
  },
  120_000,
);
