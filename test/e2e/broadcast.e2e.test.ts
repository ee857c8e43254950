/**
 * End-to-end: HR sends a kunngjøring to the demo organisation in the Microsoft 365 Agents
 * Playground, as a new HR adviser would. The Playground signs in as HR adviser Martin Haugen
 * (`signInAs`, content/org/demo-org.json 10021) instead of rektor Kari Solheim. He writes
 * «send melding», fills in the compose card in the real UI (title, text, «Alle ansatte»),
 * previews and sends (the dispatcher held meanwhile, so the progress card is seen first); then,
 * without anybody pressing «Oppdater», the same card turns into the final report by itself
 * (updateActivity, #12); last he asks for the CSV report.
 *
 * Only Martin has written to the bot, so only he can be reached: he gets the message himself
 * and the 20 others are «Ikke installert» – which the report must say. Counts are checked on
 * the card and in the outbox on disk (`<data>.outbox.json` and `<data>.outbox/<campaign>/`).
 *
 * Screenshots: test-output/e2e/broadcast-*.png. Needs Chromium (see qa.e2e.test.ts).
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { expect, test } from 'vitest';
import { projectRoot } from '../../src/util/project-root.js';
import { ask, readShards, requireBrowser, SCREENSHOT_DIR, SELECTORS, startPlayground } from './playground.js';

const TITLE = 'Ny rutine for medarbeidersamtaler';
const TEXT = 'Fra januar bruker vi Kompetansebot til forberedelse og referat av medarbeidersamtalen.';

async function shootCard(card: Locator, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await card.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/**
 * A campaign's items as they are on disk: the shard files (`<data>.outbox/<dir>/NN.json`), with
 * the later changes from the outbox's write-ahead journal (`<data>.outbox-journal/*.jsonl`, one
 * `{"c": campaignId, "r": record}` per line) laid over them, oldest first – the same replay the
 * outbox does when it opens. Without a journal folder, just the shards.
 */
async function readCampaignItems(dataFile: string, campaign: { id: string; dir: string }): Promise<Record<string, unknown>[]> {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const item of await readShards(dataFile, `outbox/${campaign.dir}`)) byKey.set(String(item.key), item);
  const journalDir = `${dataFile.replace(/\.json$/i, '')}.outbox-journal`;
  const files = (await readdir(journalDir).catch(() => [] as string[])).filter((f) => f.endsWith('.jsonl')).sort();
  for (const file of files) {
    const lines = (await readFile(join(journalDir, file), 'utf8')).split('\n').slice(0, -1);
    for (const line of lines) {
      const { c, r } = JSON.parse(line) as { c: string; r: Record<string, unknown> };
      if (c === campaign.id) byKey.set(String(r.key), r);
    }
  }
  return [...byKey.values()];
}

/** The FactSet value next to `label` on the card, as a number. */
async function fact(card: Locator, label: string): Promise<number> {
  // A FactSet renders as «label» and «value» cells: the value is on the label's line or the next one.
  const lines = (await card.innerText()).split('\n').map((l) => l.trim()).filter(Boolean);
  const i = lines.findIndex((l) => l === label || l.startsWith(`${label}\t`) || l.startsWith(`${label} `));
  if (i < 0) return 0;
  const value = lines[i]!.slice(label.length).trim() || lines[i + 1] || '';
  // «21», «1 234», «21 personer».
  const digits = (/^\d[\d\s\u00a0]*?(?=\s*(?:\p{L}|$))/u.exec(value)?.[0] ?? '').replace(/[\s\u00a0]/g, '');
  if (!digits) throw new Error(`No number after «${label}» on the card: «${value}»`);
  return Number(digits);
}

test(
  'When HR adviser Martin Haugen sends a kunngjøring to everyone in the Playground, then the preview, the progress and the final report show the demo organisation’s head-count with «Ikke installert» for those who never wrote to the bot, the CSV link is offered, and the outbox on disk agrees',
  async (ctx) => {
    requireBrowser(ctx);
    const org = JSON.parse(await readFile(join(projectRoot, 'content/org/demo-org.json'), 'utf8')) as { employees: unknown[] };
    const headCount = org.employees.length;

    const pg = await startPlayground({ signInAs: 'Martin Haugen', env: { ARSHJUL_PLAN_EVERY_MINUTES: '0' }, viewport: { width: 1400, height: 2000 } });
    try {
      expect((await pg.currentUser()).name).toBe('Martin Haugen');

      // The compose card, filled in like a person would.
      const card = await ask(pg.page, 'send melding');
      await card.getByRole('button', { name: 'Forhåndsvis' }).waitFor({ timeout: 15_000 });
      await card.getByLabel('Tittel', { exact: false }).fill(TITLE);
      await card.getByRole('textbox', { name: /^Melding/ }).fill(TEXT);
      await card.getByRole('radio', { name: 'Alle ansatte' }).check();
      await shootCard(card, 'broadcast-compose-filled');
      await card.getByRole('button', { name: 'Forhåndsvis' }).click();

      // The preview replaces the form in place: everyone, and who cannot be reached yet.
      // Only Martin can be reached: the button says what will really be sent (#12).
      const send = card.getByRole('button', { name: 'Send til 1 person' });
      await send.waitFor({ timeout: 15_000 });
      const preview = await card.innerText();
      expect(preview).toContain(TITLE);
      expect(preview).toContain(TEXT);
      expect(await fact(card, 'Antall')).toBe(headCount);
      expect(await fact(card, 'Kan nås nå')).toBe(1);
      expect(await fact(card, 'Kan ikke nås ennå')).toBe(headCount - 1);
      expect(preview).toContain('de står som «Ikke installert» i rapporten');
      await shootCard(card, 'broadcast-preview');
      // Hold the dispatcher while HR sends, so the progress card is seen before anything goes out.
      await pg.bot.app.delivery.dispatcher.stop();
      await send.click();

      // Progress: the card says it updates itself, and everyone is still waiting.
      await card.getByRole('button', { name: 'Oppdater' }).waitFor({ timeout: 15_000 });
      expect(await card.innerText()).toContain('Kortet oppdaterer seg selv til utsendingen er ferdig.');
      expect(await fact(card, 'Venter')).toBe(headCount);
      expect(pg.bot.app.liveProgress.following()).toHaveLength(1);
      await shootCard(card, 'broadcast-progress-live');
      const cards = pg.page.locator(SELECTORS.card);

      // The dispatcher goes on; nobody presses «Oppdater»: the same card turns into the report by itself (updateActivity).
      pg.bot.app.delivery.dispatcher.start();
      await expect.poll(async () => (await card.innerText()).includes('Utsendingen er ferdig'), { timeout: 60_000, interval: 500 }).toBe(true);
      expect(pg.bot.app.liveProgress.following()).toEqual([]);
      const sent = await fact(card, 'Sendt');
      const notInstalled = await fact(card, 'Ikke installert');
      expect(await fact(card, 'Mottakere')).toBe(headCount);
      expect(sent).toBe(1);
      expect(notInstalled).toBe(headCount - 1);
      expect(sent + notInstalled).toBe(headCount);
      const report = await card.innerText();
      expect(report).toContain(`1 av ${headCount} personer fikk meldingen.`);
      expect(report).toContain('«Ikke installert» betyr at personen ikke har åpnet Kompetansebot i Teams ennå');
      await card.scrollIntoViewIfNeeded();
      await shootCard(card, 'broadcast-report');

      // The CSV export: the report comes back with a one-time link.
      await card.getByRole('button', { name: 'Last ned rapport (CSV)' }).click();
      const link = card.getByRole('link', { name: 'Last ned rapporten som CSV' });
      await link.waitFor({ timeout: 15_000 });
      expect(await link.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/downloads\/[\w-]+$/);
      await shootCard(card, 'broadcast-report-csv');

      // Martin is reachable: the kunngjøring itself arrived in his chat.
      const message = cards.filter({ hasText: TEXT }).filter({ hasNotText: 'Forhåndsvis' }).last();
      await message.waitFor({ timeout: 15_000 });
      await pg.screenshot('broadcast-done');

      // The outbox on disk (`<data>.outbox.json` names each campaign's folder): one campaign, everyone in it, one sent and the rest not installed.
      const index = JSON.parse(await readFile(pg.bot.dataFile.replace(/\.json$/, '.outbox.json'), 'utf8')) as { campaigns: Record<string, { id: string; kind: string; dir: string }> };
      const campaigns = Object.values(index.campaigns).filter((c) => c.kind.startsWith('broadcast'));
      expect(campaigns).toHaveLength(1);
      const items = await readCampaignItems(pg.bot.dataFile, campaigns[0]!);
      expect(items).toHaveLength(headCount);
      const byStatus = new Map<string, number>();
      for (const i of items) byStatus.set(String(i.status), (byStatus.get(String(i.status)) ?? 0) + 1);
      expect(Object.fromEntries(byStatus)).toEqual({ sent: 1, 'not-installed': headCount - 1 });
      expect(items.find((i) => i.status === 'sent')?.recipient).toMatchObject({ employeeId: '10021' });
    } catch (err) {
      await pg.screenshot('broadcast-failure').catch(() => undefined);
      throw new Error(`${(err as Error).message}\n--- diagnostics ---\n${pg.diagnostics()}`);
    } finally {
      await pg.close();
    }
  },
  180_000,
);
