/**
 * Cards keep what was typed (issue #17): on a card with a free-text field and more than one
 * button, pressing any button sends the typed inputs along (associatedInputs «auto») and the
 * redrawn card shows them again – except what that button saved.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { projectRoot } from '../../src/util/project-root.js';
import { actionsOf, createHarness, inputById, invokeCardOf, type TestUser } from '../helpers/bot-harness.js';
import { LARS, RANDI } from '../helpers/small-org-users.js';

type Harness = Awaited<ReturnType<typeof createHarness>>;
type Action = Record<string, unknown> & { verb?: string; title?: string; data?: Record<string, unknown> };

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};

/** The value an input shows on a card. */
function inputValue(card: unknown, id: string): unknown {
  const input = inputById(card, id);
  return input && (input.value ?? '');
}

async function press(h: Harness, user: TestUser, card: unknown, title: string, typed: Record<string, unknown>) {
  const a = (actionsOf(card) as Action[]).find((x) => x.title === title);
  if (!a) throw new Error(`no «${title}»`);
  // Teams sends the card's inputs with the action unless it says associatedInputs «none».
  expect(a.associatedInputs, `«${title}» must carry the typed inputs`).not.toBe('none');
  const next = invokeCardOf((await h.execute(a.verb!, { ...a.data, ...typed }, user))[0]);
  if (!next) throw new Error(`no card after «${title}»`);
  return next;
}

/** Randi and Lars in the conversation (Randi's card), with one action and one plan item to remove. */
async function inConversation(h: Harness) {
  let v = ok(await h.samtale.startSamtale('1003', '1004', '2026-12-01')).view;
  v = ok(await h.samtale.execute('1003', v.id, { type: 'open' }, v.version)).view;
  const card = invokeCardOf((await h.execute(VERBS.samtaleConduct, { samtaleId: v.id, index: 0 }, RANDI))[0])!;
  return { id: v.id, card };
}

const SUMMARY = 'Kari har skrevet en lang oppsummering her';

describe('the conversation card keeps what was typed', () => {
  it('When Randi has typed the summary and presses «Legg til i utviklingsplanen», then the item is added and the summary is still there', async () => {
    const h = await createHarness();
    const { card } = await inConversation(h);
    const next = await press(h, RANDI, card, 'Legg til i utviklingsplanen', { devWhat: 'Videreutdanning i veiledning', summary: SUMMARY, noteText: 'Et notat under arbeid' });
    expect(inputValue(next, 'summary')).toBe(SUMMARY);
    expect(inputValue(next, 'noteText')).toBe('Et notat under arbeid');
    expect(inputValue(next, 'devWhat')).toBe('');
  });

  it('When she saves a note, adds an action, removes an item or moves to the next part, then the other fields keep their text', async () => {
    const h = await createHarness();
    const { card } = await inConversation(h);
    const afterNote = await press(h, RANDI, card, 'Lagre som felles notat', { noteText: 'Felles notat', summary: SUMMARY, actionWhat: 'Kurs' });
    expect([inputValue(afterNote, 'noteText'), inputValue(afterNote, 'summary'), inputValue(afterNote, 'actionWhat')]).toEqual(['', SUMMARY, 'Kurs']);

    const afterAction = await press(h, RANDI, afterNote, 'Legg til tiltaket', { actionWhat: 'Kurs i veiledning', actionOwner: '1004', actionDue: '2027-02-01', summary: SUMMARY, devWhat: 'Plan' });
    expect([inputValue(afterAction, 'actionWhat'), inputValue(afterAction, 'summary'), inputValue(afterAction, 'devWhat')]).toEqual(['', SUMMARY, 'Plan']);

    const afterRemove = await press(h, RANDI, afterAction, 'Fjern', { summary: SUMMARY, noteText: 'Halvferdig' });
    expect([inputValue(afterRemove, 'summary'), inputValue(afterRemove, 'noteText')]).toEqual([SUMMARY, 'Halvferdig']);

    const next = await press(h, RANDI, afterRemove, 'Neste del', { summary: SUMMARY });
    expect(inputValue(next, 'summary')).toBe(SUMMARY);
  });
});

describe('the referat card keeps what was typed', () => {
  it('When Lars has typed a comment and marks an action done, then the comment is still there', async () => {
    const h = await createHarness();
    let v = ok(await h.samtale.startSamtale('1003', '1004', '2026-12-01')).view;
    v = ok(await h.samtale.execute('1003', v.id, { type: 'open' }, v.version)).view;
    v = ok(await h.samtale.execute('1003', v.id, { type: 'addAction', what: 'Kurs i veiledning', ownerEmployeeId: '1004', dueDate: '2027-02-01' }, v.version)).view;
    v = ok(await h.samtale.execute('1003', v.id, { type: 'sendReferat' }, v.version)).view;
    const card = invokeCardOf((await h.execute(VERBS.samtaleOpen, { samtaleId: v.id }, LARS))[0])!;
    const next = await press(h, LARS, card, 'Marker som fullført', { confirmComment: 'Jeg er enig, men …' });
    expect(next && JSON.stringify(next)).toContain('(fullført)');
    expect(inputValue(next, 'confirmComment')).toBe('Jeg er enig, men …');
  });
});

describe('the registration form keeps a half-typed new entry while paging', () => {
  /** Lars with eleven courses: the list has two pages and the «Legg til et kurs» form below it. */
  async function coursesForm(h: Harness) {
    const items = Array.from({ length: 11 }, (_, i) => ({ name: `Kurs nummer ${i + 1}` }));
    expect((await h.competence.saveSection('1004', 'courses', { items }, 0)).ok).toBe(true);
    const overview = invokeCardOf((await h.execute(VERBS.registrationSection, { employeeId: '1004', section: 'courses' }, LARS))[0])!;
    return overview;
  }
  const TYPED = { name: 'Førstehjelp for ledere', provider: 'Røde Kors', hours: '6', completedOn: '' };

  it('When Lars types a new course and presses «Neste» and then «Forrige», then what he typed is still there and nothing is saved', async () => {
    const h = await createHarness();
    const card = await coursesForm(h);
    expect(JSON.stringify(card)).not.toContain('isRequired');
    const page2 = await press(h, LARS, card, 'Neste', TYPED);
    expect(JSON.stringify(page2)).toContain('Viser 11–11 av 11');
    expect([inputValue(page2, 'name'), inputValue(page2, 'provider')]).toEqual([TYPED.name, TYPED.provider]);
    const page1 = await press(h, LARS, page2, 'Forrige', { name: String(inputValue(page2, 'name')), provider: String(inputValue(page2, 'provider')), hours: '6' });
    expect(JSON.stringify(page1)).toContain('Viser 1–10 av 11');
    expect([inputValue(page1, 'name'), inputValue(page1, 'provider')]).toEqual([TYPED.name, TYPED.provider]);
    const stored = ok(await h.competence.getMyRegistration('1004')).registration;
    expect(stored.courses.map((c) => c.name)).not.toContain(TYPED.name);
    expect(stored.version).toBe(1);
  });

  it('When he presses «Endre» on another course with the new one half-typed, then the draft stays and he is told it is not saved', async () => {
    const h = await createHarness();
    const card = await coursesForm(h);
    const next = await press(h, LARS, card, 'Endre', TYPED);
    expect(inputValue(next, 'name')).toBe(TYPED.name);
    expect(JSON.stringify(next)).toContain('er ikke lagret ennå');
    expect(ok(await h.competence.getMyRegistration('1004')).registration.version).toBe(1);
  });

  it('When he leaves the form with a course half-typed, then the button says it goes back without saving, and nothing is saved', async () => {
    const h = await createHarness();
    const card = await coursesForm(h);
    const actions = actionsOf(card) as Action[];
    expect(actions.map((a) => a.title)).not.toContain('Tilbake til oversikten');
    const back = actions.find((a) => a.title === 'Tilbake uten å lagre')!;
    expect(back.verb).toBe(VERBS.registrationOpen);
    const overview = invokeCardOf((await h.execute(back.verb!, { ...back.data, ...TYPED }, LARS))[0]);
    expect(JSON.stringify(overview)).toContain('Min kompetanse');
    expect(JSON.stringify(overview)).not.toContain(TYPED.name);
    expect(ok(await h.competence.getMyRegistration('1004')).registration.version).toBe(1);
  });

  it('When he presses «Lagre» with the course name left empty, then the card says so in Norwegian, keeps the rest and saves nothing', async () => {
    const h = await createHarness();
    const card = await coursesForm(h);
    const save = (actionsOf(card) as Action[]).find((a) => a.title === 'Lagre')!;
    const next = invokeCardOf((await h.execute(save.verb!, { ...save.data, ...TYPED, name: '' }, LARS))[0])!;
    expect(JSON.stringify(next)).toContain('Kursnavn mangler.');
    expect(JSON.stringify(next)).toContain('Ingenting er lagret.');
    expect(inputValue(next, 'provider')).toBe(TYPED.provider);
    expect(ok(await h.competence.getMyRegistration('1004')).registration.version).toBe(1);
  });

  it('When he saves the typed course after paging, then it is stored once', async () => {
    const h = await createHarness();
    const card = await coursesForm(h);
    const page2 = await press(h, LARS, card, 'Neste', TYPED);
    const saved = await press(h, LARS, page2, 'Lagre', { ...TYPED });
    expect(JSON.stringify(saved)).toContain(`«${TYPED.name}» er lagret.`);
    const courses = ok(await h.competence.getMyRegistration('1004')).registration.courses;
    expect(courses.filter((c) => c.name === TYPED.name)).toHaveLength(1);
  });
});

describe('every card with a free-text field and more than one button', () => {
  it('has no button that drops the typed text, except ones that leave the form on purpose', () => {
    /**
     * Buttons that leave the form on purpose – to another card (a date form, a confirmation, the
     * overview), or «Tilbake» – where what was typed would not show anyway. The registration form's
     * paging, «Endre» and «Avbryt uten å lagre» send the inputs (registration.section).
     */
    const leaves = new Set([
      'samtale.reschedule', 'samtale.cancel', 'samtale.mine', 'samtale.submit', 'samtale.begin', 'samtale.reopen', 'samtale.carry', 'samtale.open',
      'registration.remove', 'registration.open',
      'arshjul.edit.list',
    ]);
    const checked: string[] = [];
    const problems: string[] = [];
    for (const file of readdirSync(join(projectRoot, 'cards')).filter((f) => f.endsWith('.json'))) {
      const card = JSON.parse(readFileSync(join(projectRoot, 'cards', file), 'utf8')) as unknown;
      const text = JSON.stringify(card);
      const actions = actionsOf(card) as Action[];
      if (!text.includes('"Input.Text"') || actions.length < 2) continue;
      checked.push(file);
      for (const a of actions) if (a.associatedInputs === 'none' && !leaves.has(String(a.verb))) problems.push(`${file}: ${String(a.verb)}`);
    }
    expect(checked.sort()).toEqual(['arshjul-edit-event.json', 'help.json', 'hrq-hr.json', 'registration-section.json', 'samtale-conduct.json', 'samtale-overview.json', 'samtale-prepare.json']);
    expect(problems).toEqual([]);
  });
});
