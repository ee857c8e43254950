import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { ARSHJUL_CALENDAR_KEY, EDITOR_TEXT } from '../../src/modules/arshjul/calendar-editor.js';
import { actionsOf, cardOf, cardText, createHarness, inputsOf, invokeCardOf, type TestUser } from '../helpers/bot-harness.js';

// People of test/fixtures/org/small-org.json (Testvik kommune); the harness clock stands at 23 November 2026.
const user = (employeeId: string, name: string): TestUser => ({ id: `29:${employeeId}`, aadObjectId: `11111111-1111-4111-8111-11111111${employeeId}`, name });
const HANNE_HR = user('1007', 'Hanne HR');
const RANDI_REKTOR = user('1003', 'Randi Rektor');
const LARS_LAERER = user('1004', 'Lars Lærer');

type Card = ReturnType<typeof cardOf>;
type Harness = Awaited<ReturnType<typeof createHarness>>;

/** What Teams sends for an Action.Execute: the action's data with every input's current value. */
function inputValues(card: Card): Record<string, string> {
  return Object.fromEntries(inputsOf(card).flatMap((i) => (typeof i.id === 'string' ? [[i.id, String(i.value ?? '')]] : [])));
}

const action = (card: Card, verb: string, title?: string) =>
  actionsOf(card).find((a) => a.verb === verb && (title === undefined || a.title === title || String(a.tooltip ?? '').endsWith(`: ${title}`)));

/** HR opens the editor and the form of one event (by title). */
async function openForm(h: Harness, title: string, who = HANNE_HR) {
  const list = cardOf((await h.say('rediger årshjul', who))[0]);
  const endre = action(list, VERBS.arshjulEditOpen, title)!;
  expect(endre, `«Endre» for ${title}`).toBeDefined();
  return invokeCardOf((await h.execute(VERBS.arshjulEditOpen, endre.data, who))[0])!;
}

/** Presses «Lagre» on a form with some inputs changed. */
async function save(h: Harness, form: Card, changes: Record<string, string>, who = HANNE_HR) {
  const lagre = action(form, VERBS.arshjulEditSave)!;
  return invokeCardOf((await h.execute(VERBS.arshjulEditSave, { ...inputValues(form), ...changes, ...(lagre.data as object) }, who))[0]);
}

const nowText = async (h: Harness, who: TestUser) => cardText(cardOf((await h.say('Hva skjer i årshjulet nå?', who))[0]));

describe('HR edits the årshjul with cards', () => {
  it('When HR changes an event’s title and deadline and saves, then «Hva skjer i årshjulet nå?» shows the change at once and the edit is stored, not the file', async () => {
    const h = await createHarness();
    // The HR button on the årshjul card opens the same editor.
    const now = cardOf((await h.say('Hva skjer i årshjulet nå?', HANNE_HR))[0]);
    const rediger = actionsOf(now).find((a) => a.title === 'Rediger årshjulet')!;
    const list = cardOf((await h.submit(rediger.data as Record<string, unknown>, HANNE_HR))[0]);
    expect(cardText(list)).toContain('Årshjulet har 7 hendelser og er standardårshjulet fra datafilen');
    expect(cardText(list)).toContain('Medarbeidersamtaler');

    const form = await openForm(h, 'Medarbeidersamtaler');
    expect(inputValues(form)).toMatchObject({ title: 'Medarbeidersamtaler', dateKind: 'window', from: '01.09', to: '30.11', responsibleRoles: 'leder', audience: 'everyone' });
    const saved = await save(h, form, { title: 'Medarbeidersamtaler og utviklingsplan', to: '15.12' });
    expect(cardText(saved)).toContain('✔ «Medarbeidersamtaler og utviklingsplan» er lagret. Endringen gjelder fra nå, også for påminnelsene.');

    const randi = await nowText(h, RANDI_REKTOR);
    expect(randi).toContain('Medarbeidersamtaler og utviklingsplan');
    expect(randi).toContain('Frist: 15. desember 2026 (om 22 dager)');
    expect(randi).not.toContain('Frist: 30. november 2026');

    const stored = (await h.store.kv.read([ARSHJUL_CALENDAR_KEY])).get(ARSHJUL_CALENDAR_KEY)!;
    const events = (stored.value.document as { events: { id: string; title: string; recurrence: unknown }[] }).events;
    expect(events.find((e) => e.id === 'samtaler')).toMatchObject({ title: 'Medarbeidersamtaler og utviklingsplan', recurrence: { from: '--09-01', to: '--12-15' } });
    expect(stored.value).toMatchObject({ savedBy: '1007', savedAt: '2026-11-23T10:00:00.000Z' });
  });

  it('When HR saves an event with a too short title and an impossible date, then the form shows each problem next to its field and nothing is saved', async () => {
    const h = await createHarness();
    const form = await openForm(h, 'Vårfrist for HR');
    const refused = await save(h, form, { title: 'Ny', date: '32.13' });
    const text = cardText(refused);
    expect(text).toContain('Årshjulet er ikke lagret. Rett feilene under og trykk «Lagre» igjen.');
    expect(text).toContain('Må ha minst 3 tegn.');
    // Said the way HR wrote it, never in the file's «--MM-DD» (#12).
    expect(text).toContain('Måned 13 finnes ikke (bruk 1–12).');
    expect(text).not.toContain('--13-32');
    const february = cardText(await save(h, refused, { title: 'Vårfrist for HR', date: '31.02' }));
    // A no-break space after «31.»: the line starts with a date, and Teams must not make it a list (#12).
    expect(february).toContain('31.\u00A0februar finnes ikke.');
    expect(february).not.toMatch(/--02-31/);
    expect(cardText(await save(h, refused, { title: 'Vårfrist for HR', date: '29.02' }))).toContain('29.\u00A0februar finnes bare i skuddår. Bruk 28.02 eller 01.03.');
    // The values HR typed stay in the form.
    expect(inputValues(refused)).toMatchObject({ title: 'Ny', date: '32.13' });
    expect((await h.store.kv.read([ARSHJUL_CALENDAR_KEY])).size).toBe(0);
    expect(await nowText(h, HANNE_HR)).toContain('Vårfrist for HR');

    // A date that is not day.month at all is explained in the card's own terms.
    const again = await save(h, refused, { title: 'Vårfrist for HR', date: 'første april' });
    expect(cardText(again)).toContain('Skriv dagen som dag.måned, f.eks. 01.12 (fant «første april»).');
    expect((await h.store.kv.read([ARSHJUL_CALENDAR_KEY])).size).toBe(0);
  });

  it('When two forms were opened before either was saved, then the first save wins and the second is refused with «last inn på nytt», saving nothing', async () => {
    const h = await createHarness();
    const first = await openForm(h, 'Høstfrist for ledere');
    const second = await openForm(h, 'Høstfrist for ledere', HANNE_HR);
    expect(cardText(await save(h, first, { title: 'Høstfrist for alle ledere' }))).toContain('er lagret');

    const stale = await save(h, second, { title: 'Høstfristen' });
    expect(cardText(stale)).toContain('Årshjulet ble endret av noen andre – last inn på nytt.');
    const stored = (await h.store.kv.read([ARSHJUL_CALENDAR_KEY])).get(ARSHJUL_CALENDAR_KEY)!;
    const titles = (stored.value.document as { events: { title: string }[] }).events.map((e) => e.title);
    expect(titles).toContain('Høstfrist for alle ledere');
    expect(titles).not.toContain('Høstfristen');

    // The reloaded list carries the new version: editing from it works.
    const fresh = invokeCardOf((await h.execute(VERBS.arshjulEditOpen, action(stale, VERBS.arshjulEditOpen, 'Høstfrist for alle ledere')!.data, HANNE_HR))[0]);
    expect(cardText(await save(h, fresh, { title: 'Høstfristen' }))).toContain('«Høstfristen» er lagret');
  });

  it('When an employee or a leader asks for the editor or sends its buttons, then they are refused politely, see no editor and nothing changes', async () => {
    const h = await createHarness();
    const hrForm = await openForm(h, 'Nyttårsfrist');
    const lagre = action(hrForm, VERBS.arshjulEditSave)!;
    for (const who of [LARS_LAERER, RANDI_REKTOR]) {
      const [reply] = await h.say('rediger årshjulet', who);
      expect(reply?.text).toBe(EDITOR_TEXT.notHr);
      expect(cardOf(reply)).toBeUndefined();
      const saved = await h.execute(VERBS.arshjulEditSave, { ...inputValues(hrForm), title: 'Kapret', ...(lagre.data as object) }, who);
      expect(JSON.stringify(saved[0]?.value)).toContain('Bare HR kan endre årshjulet');
      expect(invokeCardOf(saved[0])).toBeUndefined();
      const reset = await h.execute(VERBS.arshjulEditResetConfirm, { version: 'file' }, who);
      expect(invokeCardOf(reset[0])).toBeUndefined();
      // And no «Rediger årshjulet» on their årshjul card.
      const now = cardOf((await h.say('årshjul', who))[0]);
      expect(actionsOf(now).map((a) => a.title)).not.toContain('Rediger årshjulet');
    }
    expect((await h.store.kv.read([ARSHJUL_CALENDAR_KEY])).size).toBe(0);
  });

  it('When HR deletes an event after confirming and then resets to the standard årshjul, then the event is gone and comes back', async () => {
    const h = await createHarness();
    const list = cardOf((await h.say('rediger årshjul', HANNE_HR))[0]);
    expect(actionsOf(list).map((a) => a.title)).not.toContain('Tilbakestill til standard årshjul');
    const confirm = invokeCardOf((await h.execute(VERBS.arshjulEditDelete, action(list, VERBS.arshjulEditDelete, 'Nyttårsfrist')!.data, HANNE_HR))[0]);
    expect(cardText(confirm)).toContain('Slette «Nyttårsfrist»?');
    // Nothing is deleted before the confirmation.
    expect(await nowText(h, HANNE_HR)).toContain('Nyttårsfrist');
    const afterDelete = invokeCardOf((await h.execute(VERBS.arshjulEditDeleteConfirm, action(confirm, VERBS.arshjulEditDeleteConfirm)!.data, HANNE_HR))[0]);
    expect(cardText(afterDelete)).toContain('✔ «Nyttårsfrist» er slettet fra årshjulet.');
    expect(await nowText(h, HANNE_HR)).not.toContain('Nyttårsfrist');

    const reset = action(afterDelete, VERBS.arshjulEditReset)!;
    expect(reset.title).toBe('Tilbakestill til standard årshjul');
    const resetConfirm = invokeCardOf((await h.execute(VERBS.arshjulEditReset, reset.data, HANNE_HR))[0]);
    expect(cardText(resetConfirm)).toContain('Tilbakestille til standard årshjul?');
    const afterReset = invokeCardOf((await h.execute(VERBS.arshjulEditResetConfirm, action(resetConfirm, VERBS.arshjulEditResetConfirm)!.data, HANNE_HR))[0]);
    expect(cardText(afterReset)).toContain('✔ Årshjulet er tilbakestilt til standardårshjulet fra datafilen.');
    expect(await nowText(h, HANNE_HR)).toContain('Nyttårsfrist');
    expect((await h.store.kv.read([ARSHJUL_CALENDAR_KEY])).size).toBe(0);
  });
});
