/**
 * End-to-end (issue #17): rektor Kari Solheim writes «min kompetanse» in the group chat
 * «Kompetanseplan Fjordvik skole» of the Microsoft 365 Agents Playground (its mock group chat,
 * from .m365agentsplayground.yml). The group chat gets only a neutral line; her registration
 * card arrives in her personal chat with the bot. Screenshots: test-output/e2e/scope-*.png.
 *
 * Needs Chromium at /usr/bin/chromium; without it the test fails, unless SKIP_BROWSER_TESTS=1.
 */
import { expect, test } from 'vitest';
import { SCOPE_TEXT } from '../../src/bot/scope.js';
import { ask, lastCard, requireBrowser, sendBox, startPlayground } from './playground.js';

const GROUP_CHAT = 'Kompetanseplan Fjordvik skole';

test(
  'When Kari writes «min kompetanse» in a group chat, then the group chat shows only a neutral line and her registration card arrives in her personal chat',
  async (ctx) => {
    requireBrowser(ctx);
    const pg = await startPlayground({ viewport: { width: 1400, height: 1200 } });
    const { page } = pg;
    try {
      // Kari has talked to the bot in her personal chat (that is where it can reach her).
      await ask(page, 'hjelp');
      const cardsInPersonal = await page.locator('.ac-adaptiveCard').count();

      // In the group chat, in front of her colleagues:
      await page.getByRole('treeitem', { name: GROUP_CHAT }).click();
      await page.getByText(GROUP_CHAT).first().waitFor();
      // As in Teams, the bot hears a group chat only when @mentioned: pick it from the typeahead.
      const box = sendBox(page);
      await box.click();
      await box.pressSequentially('@Komp');
      await page.getByRole('menuitem', { name: 'Kompetansebot' }).click();
      await box.pressSequentially(' min kompetanse');
      await expect.poll(async () => (await box.innerText()).replace(/\s+/g, ' ').trim(), { timeout: 5_000 }).toBe('Kompetansebot min kompetanse');
      await box.press('Enter');
      await page.locator('p', { hasText: SCOPE_TEXT.movedToPersonal }).first().waitFor({ timeout: 20_000 });
      await pg.screenshot('scope-group-chat');
      // Nothing personal there: not her registration, no delete button (the welcome card on install is the only card).
      const groupText = await page.locator('body').innerText();
      expect(groupText).not.toContain('Slett registreringen');
      expect(groupText).not.toContain('Kari Solheim · Rektor');
      expect(groupText).not.toContain('Dine data');

      // Her personal chat: the registration card is there.
      await page.getByRole('treeitem', { name: 'Personal Chat' }).click();
      await expect.poll(() => page.locator('.ac-adaptiveCard').count(), { timeout: 20_000 }).toBeGreaterThan(cardsInPersonal);
      const card = lastCard(page);
      await card.getByText('Dine data', { exact: true }).waitFor({ timeout: 10_000 });
      expect(await card.innerText()).toContain('Kari Solheim · Rektor');
      await card.scrollIntoViewIfNeeded();
      await pg.screenshot('scope-personal-chat');
    } catch (err) {
      await pg.screenshot('scope-failure').catch(() => undefined);
      if (err instanceof Error) err.message += `\n${pg.diagnostics()}`;
      throw err;
    } finally {
      await pg.close();
    }
  },
  180_000,
);
