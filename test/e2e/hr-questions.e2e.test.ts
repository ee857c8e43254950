/**
 * End-to-end: «Send spørsmålet til HR» in the Microsoft 365 Agents Playground with two people,
 * each in their own Playground window on one real bot (`main()` in local mode, temp data file;
 * see samtale-full.e2e.test.ts for why every person gets a window of their own):
 *   - rektor Kari Solheim asks something the knowledge base has no answer to, presses «Send
 *     spørsmålet til HR», leaves «Ta med navnet mitt» off and sends it   – Kari's window
 *   - HR (Martin Haugen) gets the question as a card through the outbox, without Kari's name,
 *     writes the answer and sends it                                      – Martin's window
 *   - Kari gets HR's answer through the bot                               – Kari's window (proactive)
 *   - Martin saves the answer as a draft entry (document and section picked on the card) into the
 *     drafts folder, which the bot does not load                          – Martin's window
 * Screenshots: test-output/e2e/hr-questions-*.png. Needs Chromium (see qa.e2e.test.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ask, cardWith, openPlaygroundAs, type Playground, type PlaygroundWindow, requireBrowser, startPlayground } from './playground.js';

const QUESTION = 'Kan jeg ta med hunden min på jobb?';
const ANSWER = 'Det avgjør lederen på arbeidsstedet ditt, ut fra allergier og HMS. Spør rektor eller enhetslederen din først.';
const STEP_TIMEOUT = 20_000;

test(
  'When Kari sends a question the bot cannot answer to HR without her name, and Martin (HR) answers it in his own Playground, then Kari gets the answer from HR in hers',
  async (ctx) => {
    requireBrowser(ctx);

    const drafts = mkdtempSync(join(tmpdir(), 'kb-e2e-drafts-'));
    const pg: Playground = await startPlayground({ env: { SCHEDULER_TICK_MS: '500', KNOWLEDGE_DRAFTS_DIR: drafts }, viewport: { width: 1400, height: 2000 } });
    const windows: PlaygroundWindow[] = [];
    const shots: Array<{ screenshot(name: string): Promise<string> }> = [pg];
    const diagnostics = () => [pg.diagnostics(), ...windows.map((w) => w.diagnostics())].filter(Boolean).join('\n');
    try {
      const kari = pg.page;
      expect((await pg.currentUser()).name).toBe('Kari Solheim');
      const martinWindow = await openPlaygroundAs(pg, 'Martin Haugen');
      windows.push(martinWindow);
      shots.push(martinWindow);
      const martin = martinWindow.page;

      // Martin has opened the bot in Teams before (so the bot can reach him).
      const help = await ask(martin, 'hjelp');
      await help.getByText('Send spørsmålet til HR', { exact: false }).first().waitFor({ timeout: STEP_TIMEOUT });

      // 1. Kari asks; the bot declines honestly and offers «Send spørsmålet til HR».
      const declined = await ask(kari, QUESTION);
      await declined.getByText('Det finner jeg ikke', { exact: false }).waitFor({ timeout: STEP_TIMEOUT });
      await declined.getByRole('button', { name: 'Send spørsmålet til HR', exact: true }).click();

      // 2. The form: the question to edit, «Ta med navnet mitt» off; «Send».
      const form = await cardWith(kari, 'Ta med navnet mitt');
      await expect.poll(() => form.getByLabel('Spørsmålet ditt', { exact: false }).inputValue(), { timeout: STEP_TIMEOUT }).toBe(QUESTION);
      expect(await form.getByRole('checkbox').isChecked()).toBe(false);
      await form.getByRole('button', { name: 'Send', exact: true }).click();
      await form.getByText('Spørsmålet er sendt til HR', { exact: false }).waitFor({ timeout: STEP_TIMEOUT });
      expect(await form.innerText()).toContain('HR ser ikke hvem du er');
      await pg.screenshot('hr-questions-1-kari-sent');

      // 3. Martin gets the question, without Kari's name, and answers it.
      const toHr = await cardWith(martin, QUESTION);
      const hrText = await toHr.innerText();
      expect(hrText).toContain('Spørsmål til HR');
      expect(hrText).toContain('uten navn');
      expect(hrText).not.toContain('Kari');
      await toHr.getByLabel('Svar', { exact: false }).first().fill(ANSWER);
      await toHr.getByRole('button', { name: 'Send svar', exact: true }).click();
      await toHr.getByText('Svaret er sendt til den som spurte', { exact: false }).waitFor({ timeout: STEP_TIMEOUT });
      await toHr.getByRole('button', { name: 'Lagre som utkast til kunnskapsbasen', exact: true }).waitFor({ timeout: STEP_TIMEOUT });
      await martinWindow.screenshot('hr-questions-2-martin-answered');

      // 4. Kari gets the answer through the bot: her question, HR's answer, «Fra HR».
      const answer = await cardWith(kari, 'Svar fra HR');
      const answerText = await answer.innerText();
      expect(answerText).toContain(QUESTION);
      expect(answerText).toContain(ANSWER);
      expect(answerText).toContain('Fra HR');
      await pg.screenshot('hr-questions-3-kari-answered');

      // 5. Martin saves the answer as a draft entry, with document and section.
      await toHr.getByRole('button', { name: 'Lagre som utkast til kunnskapsbasen', exact: true }).click();
      await toHr.getByText('Utkast til kunnskapsbasen', { exact: false }).first().waitFor({ timeout: STEP_TIMEOUT });
      await toHr.getByLabel('Tittel', { exact: false }).first().fill('Hund på arbeidsplassen');
      // The Playground draws the compact choice set as a Fluent combobox whose options open outside the card.
      await toHr.getByRole('combobox', { name: 'Kildedokument' }).click();
      await martin.getByRole('option', { name: 'KS-veilederen 2022 (2022)' }).click();
      await toHr.getByLabel('Avsnitt i dokumentet', { exact: false }).first().fill('Kapittel 3');
      await toHr.getByRole('button', { name: 'Lagre utkast', exact: true }).click();
      await toHr.getByText('Utkastet er lagret', { exact: false }).waitFor({ timeout: STEP_TIMEOUT });
      expect(await toHr.innerText()).not.toContain('Kilde mangler');
      await martinWindow.screenshot('hr-questions-4-martin-draft');
      const files = readdirSync(drafts);
      expect(files).toHaveLength(1);
      const markdown = readFileSync(join(drafts, files[0]!), 'utf8');
      expect(markdown).toContain('title: Hund på arbeidsplassen');
      expect(markdown).toContain('document: "002"');
      expect(markdown).toContain(QUESTION);
    } catch (err) {
      for (const [i, s] of shots.entries()) await s.screenshot(`hr-questions-failure-${i}`).catch(() => undefined);
      if (err instanceof Error) err.message += `\n(screenshots: test-output/e2e/hr-questions-failure-*.png)\n${diagnostics()}`;
      throw err;
    } finally {
      for (const w of windows) await w.close();
      await pg.close();
      rmSync(drafts, { recursive: true, force: true });
    }
  },
  180_000,
);
