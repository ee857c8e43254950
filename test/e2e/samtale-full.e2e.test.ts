/**
 * End-to-end: a whole medarbeidersamtale in the Microsoft 365 Agents Playground (issue #4 «Done
 * when»), with rektor Kari Solheim (10004) as the leader and lektor Erik Johansen (10005, reports
 * to her) as the employee – both from content/org/demo-org.json – against one real bot (`main()`
 * in local mode, temp data file).
 *
 * How the users are simulated, and why. The Playground chats as one fixed «current user» from
 * `.m365agentsplayground.yml`; its UI cannot switch user per message (the file itself says: swap
 * `currentUser` and restart). Its «Mock an Activity» panel can post an activity with any `from`,
 * but the Playground throws away the bot's answer to a mocked invoke (so an employee clicking a
 * card would never see the card change), and the bot would file Kari's chat as Erik's
 * conversation. So every person gets what they have in real life: a Teams client of their own.
 * Each one is an Agents Playground signed in as that demo user (`openPlaygroundAs`: a copy of the
 * config with `currentUser` swapped, its own personal chat), in its own tab of the same Chromium,
 * all talking to the same bot. Every step below is typed or clicked in the Playground UI by the
 * person it belongs to, and the proactive messages (invitation, «forberedelsen er sendt inn»,
 * referat, reminder) arrive in the right window through the bot's outbox:
 *   1. Kari starts the samtale and picks a date            – Kari's window
 *      Erik gets the invitation                            – Erik's window (proactive)
 *   2. Erik prepares and submits; Kari prepares and submits – each in their own window
 *   3. Kari starts the conversation, sees both preparations, writes a shared note and an action
 *      (what, owner Erik, due date) and sends the referat  – Kari's window
 *   4. Erik reads and confirms the referat                  – Erik's window
 *   5. The action's reminder: the daily reminder job is run now (as the morning would) and the
 *      reminder reaches Erik; the data has the confirmed samtale, the action with its due date,
 *      the daily job and the reminder's outbox item.
 *   6. HR (Martin Haugen) and another leader (styrer Marianne Lie, Solsiden barnehage), each in
 *      their own window, find no samtale of Erik's in «mine samtaler» (HR's «samtaleoversikt»
 *      has only the counts per unit), try to open the samtale and are refused, with nothing of
 *      it shown; the stored samtale is unchanged.
 * Two things are not a person's own doing: step 5 runs the bot's daily job at once instead of
 * waiting for 05:00 UTC, and step 6 needs a button to the samtale that the bot never shows HR or
 * another leader, so the test puts a card with Erik's samtale id in their chats (as a forwarded or
 * tampered card would arrive) through the Playground's Bot Connector endpoint; the click on it,
 * and the refusal, are the real ones.
 *
 * Screenshots: test-output/e2e/samtale-full-*.png. Needs Chromium (see qa.e2e.test.ts).
 */
import { expect, test } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { ask, cardWith, clickOnCard, openPlaygroundAs, type Playground, type PlaygroundWindow, readShards, requireBrowser, startPlayground } from './playground.js';

const ERIK_ANSWER = 'Jeg trives godt, men vurderingsarbeidet tar mye tid før jul.';
const KARI_ANSWER = 'Erik gjør en god jobb med 10. trinn og bør få mer ansvar for vurdering.';
const SHARED_NOTE = 'Vi er enige om at Erik leder arbeidet med vurdering for læring på trinnet.';
const ACTION = 'Erik melder seg på kurset i vurdering for læring';
const SUMMARY = 'God samtale. Erik tar mer ansvar for vurdering og går på kurs i vår.';
/** Text that must never reach someone outside the samtale. */
const CONTENT = [ERIK_ANSWER, KARI_ANSWER, SHARED_NOTE, ACTION, SUMMARY];

const STEP_TIMEOUT = 20_000;

/** `YYYY-MM-DD` in Oslo, `days` from today there: the calendar the bot counts days in. */
function osloDate(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test(
  'When Kari starts a samtale with Erik, both prepare, Kari holds it and records an action, and Erik confirms the referat in their own Playground windows, then the samtale is confirmed, the action’s reminder reaches Erik, and HR and another leader are refused it',
  async (ctx) => {
    requireBrowser(ctx);

    const pg: Playground = await startPlayground({ env: { SCHEDULER_TICK_MS: '500' }, viewport: { width: 1400, height: 2000 } });
    const windows: PlaygroundWindow[] = [];
    const diagnostics = () => [pg.diagnostics(), ...windows.map((w) => w.diagnostics())].filter(Boolean).join('\n');
    const shots: Array<{ screenshot(name: string): Promise<string> }> = [pg];
    try {
      const kari = pg.page;
      expect((await pg.currentUser()).name).toBe('Kari Solheim');
      const erikWindow = await openPlaygroundAs(pg, 'Erik Johansen');
      windows.push(erikWindow);
      shots.push(erikWindow);
      const erik = erikWindow.page;

      // Erik opens the bot before anything is planned: nothing yet (and the bot learns where he is).
      const empty = await ask(erik, 'mine samtaler', { timeoutMs: 45_000 });
      await empty.getByText('Du har ingen medarbeidersamtaler ennå', { exact: false }).waitFor({ timeout: STEP_TIMEOUT });

      // --- 1. Kari starts the samtale and picks a date; Erik is invited ------------------------
      // They meet today; the action is due five days later.
      const date = osloDate();
      const kariCard = await ask(kari, 'start medarbeidersamtale med Erik Johansen');
      await kariCard.getByText('Medarbeidersamtale med Erik Johansen').waitFor({ timeout: STEP_TIMEOUT });
      await kariCard.getByLabel('Dato for samtalen', { exact: false }).fill(date);
      await clickOnCard(kariCard, 'Start og send invitasjon', 'Erik får en invitasjon i Teams');
      expect(await kariCard.innerText()).toContain('Samtale med Erik Johansen');
      await pg.screenshot('samtale-full-1-kari-started');

      const invitation = await cardWith(erik, 'Du er invitert til medarbeidersamtale');
      expect(await invitation.innerText()).toContain('Kari Solheim har invitert deg til medarbeidersamtale');
      await erikWindow.screenshot('samtale-full-1-erik-invited');

      // --- 2. Both prepare: Erik first, then Kari ------------------------------------------------
      await clickOnCard(invitation, 'Forbered deg', 'Del 1 av 5');
      await invitation.getByLabel('Hvordan har du det på jobb for tiden', { exact: false }).fill(ERIK_ANSWER);
      await clickOnCard(invitation, 'Lagre og fortsett senere', 'Svarene er lagret.');
      await clickOnCard(invitation, 'Send inn forberedelsen', 'Forberedelsen er sendt inn. Kari Solheim får beskjed.');
      await erikWindow.screenshot('samtale-full-2-erik-submitted');

      const erikSubmitted = await cardWith(kari, 'Erik Johansen har sendt inn forberedelsen');
      expect(await erikSubmitted.innerText()).toContain('Forberedelsen er sendt inn');
      await clickOnCard(kariCard, 'Forbered deg', 'Del 1 av 5');
      await kariCard.getByLabel('Hvordan opplever du at medarbeideren har det på jobb for tiden?', { exact: false }).fill(KARI_ANSWER);
      await clickOnCard(kariCard, 'Lagre og fortsett senere', 'Svarene er lagret.');
      await clickOnCard(kariCard, 'Send inn forberedelsen', 'Forberedelsen er sendt inn. Erik Johansen får beskjed.');
      await pg.screenshot('samtale-full-2-kari-submitted');
      await cardWith(erik, 'Kari Solheim har sendt inn forberedelsen');

      // --- 3. Kari holds the samtale: both preparations, a shared note, an action, the referat ---
      await clickOnCard(kariCard, 'Start samtalen', 'Samtalen er startet. Dere ser nå begge forberedelsene.');
      const conduct = await kariCard.innerText();
      expect(conduct).toContain('Del 1 av 5');
      expect(conduct).toContain('Erik Johansen skrev');
      expect(conduct).toContain(ERIK_ANSWER);
      expect(conduct).toContain('Du skrev');
      expect(conduct).toContain(KARI_ANSWER);
      await pg.screenshot('samtale-full-3-both-preparations');

      await kariCard.getByLabel('Nytt notat', { exact: false }).fill(SHARED_NOTE);
      await clickOnCard(kariCard, 'Lagre som felles notat', 'Felles notat lagret.');
      expect(await kariCard.innerText()).toContain(SHARED_NOTE);

      const due = osloDate(5);
      await kariCard.getByLabel('Hva skal gjøres?', { exact: false }).fill(ACTION);
      // The owner list is a combobox (Fluent UI in the Playground); its list opens outside the card.
      const owner = kariCard.getByRole('combobox', { name: 'Hvem har ansvaret?' });
      await owner.click();
      await kari.getByRole('option', { name: 'Erik Johansen', exact: true }).click();
      expect(await owner.inputValue()).toBe('Erik Johansen');
      await kariCard.getByLabel('Frist', { exact: true }).fill(due);
      await clickOnCard(kariCard, 'Legg til tiltaket', 'Tiltaket er lagt til.');
      expect(await kariCard.innerText()).toContain(ACTION);
      await pg.screenshot('samtale-full-3-note-and-action');

      await kariCard.getByLabel('Oppsummering til referatet', { exact: false }).fill(SUMMARY);
      await clickOnCard(kariCard, 'Send referatet', 'Referatet er klart. Erik får det i Teams og bekrefter det.');
      expect(await kariCard.innerText()).toContain('Venter på at Erik Johansen bekrefter referatet.');
      await pg.screenshot('samtale-full-3-referat-sent');

      // --- 4. Erik reads and confirms the referat ----------------------------------------------
      const referat = await cardWith(erik, 'Referatet fra medarbeidersamtalen er klart');
      await clickOnCard(referat, 'Les referatet', 'Bekreft referatet');
      const referatText = await referat.innerText();
      expect(referatText).toContain('Din samtale med Kari Solheim');
      expect(referatText).toContain(SUMMARY);
      expect(referatText).toContain(SHARED_NOTE);
      expect(referatText).toContain(`${ACTION} – Erik Johansen, frist`);
      await erikWindow.screenshot('samtale-full-4-erik-reads-referat');
      // Erik reads before he confirms: a confirm right after the card is drawn is taken for a double click.
      await erikWindow.page.waitForTimeout(1600);
      await clickOnCard(referat, 'Bekreft referatet', 'Takk! Referatet er bekreftet og låst.');
      expect(await referat.getByRole('button', { name: 'Bekreft referatet', exact: true }).count()).toBe(0);
      await erikWindow.screenshot('samtale-full-4-erik-confirmed');
      await cardWith(kari, 'Erik Johansen har bekreftet referatet');

      // --- 5. Data: confirmed, the action with its due date, and its reminder ------------------
      const samtaler = await readShards(pg.bot.dataFile, 'samtaler');
      expect(samtaler).toHaveLength(1);
      const stored = samtaler[0] as { id: string; state: string; employeeId: string; leaderId: string; actions: Array<{ id: string; what: string; ownerEmployeeId: string; dueDate: string }> };
      expect(stored).toMatchObject({ state: 'bekreftet', employeeId: '10005', leaderId: '10004', scheduledFor: date });
      expect(stored.actions).toHaveLength(1);
      expect(stored.actions[0]).toMatchObject({ what: ACTION, ownerEmployeeId: '10005', dueDate: due });

      const invitationItem = (await pg.bot.app.delivery.outbox.list(`samtale:${stored.id}`)).find((i) => i.data?.kind === 'invitasjon');
      expect(invitationItem).toMatchObject({ recipient: { kind: 'employee', employeeId: '10005' }, status: 'sent' });

      // The daily reminder job is scheduled for the next morning …
      const jobs = await readShards(pg.bot.dataFile, 'jobs');
      const daily = jobs.find((j) => j.key === 'every:samtale.action-reminders');
      expect(daily).toMatchObject({ name: 'samtale.action-reminders', status: 'pending' });
      expect(Date.parse(String(daily?.dueAt))).toBeGreaterThan(Date.now());
      // … and run now, as that morning would: the action is due within a week, so Erik is reminded.
      await pg.bot.app.scheduler.schedule([{ key: `e2e:samtale.action-reminders:${stored.id}`, name: 'samtale.action-reminders', dueAt: new Date() }]);
      const reminder = await cardWith(erik, 'Frist for et tiltak om 5 dager');
      expect(await reminder.innerText()).toContain(`«${ACTION}» har frist`);
      await erikWindow.screenshot('samtale-full-5-erik-reminder');
      const reminderItem = await pg.bot.app.delivery.outbox.get(`samtale-frist:${stored.id}:${stored.actions[0]!.id}:${due}`);
      expect(reminderItem).toMatchObject({ recipient: { kind: 'employee', employeeId: '10005' }, status: 'sent' });

      // --- 6. HR and another leader are refused -------------------------------------------------
      for (const [name, shot] of [
        ['Martin Haugen', 'hr'],
        ['Marianne Lie', 'other-leader'],
      ] as const) {
        const outsider = await openPlaygroundAs(pg, name);
        windows.push(outsider);
        // What the bot shows them of their own accord: no samtale of Erik's.
        // The first message in a window that just connected may wait for the Playground's own start-up on a loaded machine.
        const mine = await ask(outsider.page, 'mine samtaler', { timeoutMs: 45_000 });
        await mine.getByText('Medarbeidersamtale', { exact: false }).first().waitFor({ timeout: STEP_TIMEOUT });
        for (const text of [...CONTENT, 'Erik Johansen']) expect(await mine.innerText()).not.toContain(text);

        if (shot === 'hr') {
          // HR's own view of the samtaler: counts per unit, no names, no content.
          const counts = await ask(outsider.page, 'samtaleoversikt');
          await counts.getByText('tall per enhet', { exact: false }).waitFor({ timeout: STEP_TIMEOUT });
          const countsText = await counts.innerText();
          // The confirmed samtale counts for Erik's unit, shown as «under 3» (small counts are suppressed, #12).
          expect(countsText).toMatch(/Fjordvik skole\s+\d+ ansatte[^\n]*Bekreftet under 3/);
          for (const text of [...CONTENT, 'Erik Johansen']) expect(countsText).not.toContain(text);
        }

        // A card with a button to Erik's samtale in their chat, as a forwarded one would be.
        await outsider.plantBotActivity({
          attachments: [
            {
              contentType: 'application/vnd.microsoft.card.adaptive',
              content: {
                type: 'AdaptiveCard',
                $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                version: '1.5',
                body: [{ type: 'TextBlock', text: 'Videresendt: medarbeidersamtale', wrap: true }],
                actions: [{ type: 'Action.Execute', title: 'Åpne', verb: VERBS.samtaleOpen, data: { samtaleId: stored.id } }],
              },
            },
          ],
        });
        const forwarded = await cardWith(outsider.page, 'Videresendt: medarbeidersamtale');
        await clickOnCard(forwarded, 'Åpne', 'Du har ikke tilgang til denne samtalen.');
        const refused = await forwarded.innerText();
        for (const text of [...CONTENT, 'Erik Johansen']) expect(refused).not.toContain(text);
        await outsider.screenshot(`samtale-full-6-${shot}-refused`);
        await outsider.close();
      }

      // Nothing the outsiders did changed the samtale.
      const after = (await readShards(pg.bot.dataFile, 'samtaler'))[0];
      expect(after).toMatchObject({ state: 'bekreftet' });
    } catch (err) {
      for (const [i, w] of shots.entries()) await w.screenshot(`samtale-full-failure-${i}`).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n(screenshots: test-output/e2e/samtale-full-failure-*.png)\n--- diagnostics ---\n${diagnostics()}`);
    } finally {
      for (const w of windows.reverse()) await w.close();
      await pg.close();
    }
  },
  300_000,
);
