import { describe, expect, it } from 'vitest';
import { createArshjulService } from '../../../src/modules/arshjul/arshjul-service.js';
import { type ArshjulDocumentEvent, parseArshjulSource } from '../../../src/modules/arshjul/calendar.js';
import { ARSHJUL_CALENDAR_KEY, createArshjulEditor, EDITOR_TEXT, type EditorState, eventIdFrom, formOf, monthDayValue } from '../../../src/modules/arshjul/calendar-editor.js';
import { renderEditorList } from '../../../src/modules/arshjul/editor-cards.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/ports/store.js';
import { join } from 'node:path';
import { loadArshjulSource } from '../../../src/modules/arshjul/calendar.js';
import { projectRoot } from '../../../src/util/project-root.js';
import { actionsOf, cardText } from '../../helpers/bot-harness.js';
import { TEST_ARSHJUL_YML, TEST_KB, testDirectory } from './fixtures.js';
import { recordingLogger } from '../../helpers/logger.js';

const HR = '1007';
const RANDI = '1003';

async function setup(opts: { store?: Store; now?: string } = {}) {
  const store = opts.store ?? (await openMemoryStore());
  const clock = fixedClock(opts.now ?? '2026-11-23T10:00:00Z');
  const dir = testDirectory();
  const { logger, lines } = recordingLogger();
  const editor = await createArshjulEditor({ kv: store.kv, defaults: parseArshjulSource(TEST_ARSHJUL_YML, TEST_KB, 'test-arshjul.yml'), kb: TEST_KB, org: { directory: () => dir }, clock, logger });
  const arshjul = createArshjulService({ calendar: () => editor.current(), org: { directory: () => dir }, state: store.arshjul, clock, logger, kb: TEST_KB });
  return { store, clock, dir, editor, arshjul, lines };
}

const eventOf = (state: EditorState, id: string) => (state.document.events as ArshjulDocumentEvent[]).find((e) => e.id === id)!;

async function stateOf(editor: Awaited<ReturnType<typeof setup>>['editor']) {
  const opened = await editor.open(HR);
  if (!opened.ok) throw new Error(opened.reason);
  return opened.state;
}

describe('the årshjul editor', () => {
  it('When a valid edited årshjul is stored, then a new start uses it instead of the file', async () => {
    const first = await setup();
    const state = await stateOf(first.editor);
    const saved = await first.editor.saveEvent(HR, { ...formOf(eventOf(state, 'var-frist'), state.version), title: 'Vårfrist for personalavdelingen' });
    expect(saved.ok).toBe(true);

    const restarted = await setup({ store: first.store });
    expect(restarted.editor.current().byId.get('var-frist')?.title).toBe('Vårfrist for personalavdelingen');
    expect((await stateOf(restarted.editor)).origin).toBe('stored');
  });

  it('When the stored årshjul is invalid at start, then the file is used, the log names only the key and a count, and HR is told in the editor', async () => {
    const store = await openMemoryStore();
    const broken = { version: 1, events: [{ id: 'hemmelig-tittel', title: 'X', description: 'for kort' }] };
    await store.kv.write([{ key: ARSHJUL_CALENDAR_KEY, value: { document: broken, savedAt: '2026-11-01T00:00:00.000Z', savedBy: HR } }]);
    const { editor, lines, dir } = await setup({ store });

    expect(editor.current().events.map((e) => e.id)).toContain('samtaler');
    const warning = lines.find((l) => l.includes('arshjul.editor.stored.invalid'))!;
    expect(JSON.parse(warning)).toMatchObject({ key: ARSHJUL_CALENDAR_KEY, problems: expect.any(Number) });
    expect(lines.join('\n')).not.toContain('hemmelig-tittel');

    const state = await stateOf(editor);
    expect(state).toMatchObject({ origin: 'file', storedRejected: true });
    const card = cardText(renderEditorList(state, { directory: dir, qaEntries: [], documents: [] }));
    expect(card).toContain(EDITOR_TEXT.storedRejected);
    expect(card).toContain('Tilbakestill til standard årshjul');

    // A save replaces the invalid copy.
    const saved = await editor.saveEvent(HR, { ...formOf(eventOf(state, 'nyttar'), state.version), title: 'Nyttårsfrist for kommunedirektøren' });
    expect(saved.ok).toBe(true);
    expect((await stateOf(editor)).origin).toBe('stored');
  });

  it('When two saves from the same version arrive at once, then exactly one is stored and the other is told to reload', async () => {
    const { editor } = await setup();
    const state = await stateOf(editor);
    const form = formOf(eventOf(state, 'host-frist'), state.version);
    const [a, b] = await Promise.all([editor.saveEvent(HR, { ...form, title: 'Høstfrist A' }), editor.saveEvent(HR, { ...form, title: 'Høstfrist B' })]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ ok: false, code: 'conflict', reason: EDITOR_TEXT.conflict });
    expect(editor.current().byId.get('host-frist')?.title).toBe(a.ok ? 'Høstfrist A' : 'Høstfrist B');
  });

  it('When another instance saved, then this one refuses a save from the old version and picks the change up at the next refresh (before each planning run)', async () => {
    const a = await setup();
    const b = await setup({ store: a.store });
    const stateB = await stateOf(b.editor);
    const stateA = await stateOf(a.editor);
    expect((await a.editor.saveEvent(HR, { ...formOf(eventOf(stateA, 'vinter'), stateA.version), title: 'Vinterarbeid (endret)' })).ok).toBe(true);

    expect(b.editor.current().byId.get('vinter')?.title).toBe('Vinterarbeid over nyttår');
    await b.editor.refresh();
    expect(b.editor.current().byId.get('vinter')?.title).toBe('Vinterarbeid (endret)');
    expect(await b.editor.saveEvent(HR, { ...formOf(eventOf(stateB, 'vinter'), stateB.version), title: 'Vinterarbeid (B)' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(a.editor.current().byId.get('vinter')?.title).toBe('Vinterarbeid (endret)');
  });

  it('When someone without the HR role calls the editor, then it refuses and stores nothing', async () => {
    const { editor, store } = await setup();
    const state = await stateOf(editor);
    expect(editor.canEdit(RANDI)).toBe(false);
    expect(await editor.open(RANDI)).toMatchObject({ ok: false, reason: EDITOR_TEXT.notHr });
    expect(await editor.saveEvent(RANDI, { ...formOf(eventOf(state, 'samtaler'), state.version), title: 'Kapret' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await editor.removeEvent(RANDI, 'samtaler', state.version)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await editor.reset(RANDI, state.version)).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await store.kv.read([ARSHJUL_CALENDAR_KEY])).size).toBe(0);
  });

  it('When HR adds an event or renames one after reminders went out, then the next planning run plans the new event and does not send the old reminders again', async () => {
    // 27 November 2026 12:00 Oslo: 3 days before the samtaler's deadline (30 November).
    const { editor, arshjul } = await setup({ now: '2026-11-27T11:00:00Z' });
    const first = await arshjul.enqueueReminders(async () => undefined);
    const samtaleKeys = first.intents.filter((i) => i.item.eventId === 'samtaler').map((i) => i.key);
    expect(samtaleKeys.length).toBeGreaterThan(0);

    let state = await stateOf(editor);
    expect((await editor.saveEvent(HR, { ...formOf(eventOf(state, 'samtaler'), state.version), title: 'Medarbeidersamtaler 2026' })).ok).toBe(true);
    state = await stateOf(editor);
    const added = await editor.saveEvent(HR, {
      ...formOf(undefined, state.version),
      title: 'Lønnsoppgjør forberedt',
      description: 'HR forbereder det lokale lønnsoppgjøret.',
      dateKind: 'date',
      date: '30.11',
      responsibleRoles: 'hr',
      audience: 'hr',
      reminderOffsets: '3',
      sourceDocument: '002',
      sourceSection: 'HTA 3.2',
    });
    expect(added).toMatchObject({ ok: true, eventId: 'lonnsoppgjor-forberedt', created: true });

    const next = await arshjul.planReminders();
    expect(next.filter((i) => samtaleKeys.includes(i.key))).toEqual([]);
    expect(next.filter((i) => i.item.eventId === 'lonnsoppgjor-forberedt').map((i) => [i.recipientId, i.offsetDays])).toEqual([[HR, 3]]);
  });
});

describe('validation in the card’s terms', () => {
  it('When HR leaves out who is responsible and who sees it, then each field says what to pick, and nothing is stored', async () => {
    const { editor, store } = await setup();
    const state = await stateOf(editor);
    const saved = await editor.saveEvent(HR, { ...formOf(eventOf(state, 'var-frist'), state.version), responsibleRoles: '', audience: '', reminderOffsets: '14, fem' });
    expect(saved).toMatchObject({
      ok: false,
      code: 'invalid',
      errors: {
        responsibleRoles: 'Velg minst én rolle som er ansvarlig.',
        audience: 'Velg hvem som skal se hendelsen.',
        reminderOffsets: 'Skriv hele dager før fristen, skilt med komma, f.eks. 14, 3.',
      },
    });
    expect((await store.kv.read([ARSHJUL_CALENDAR_KEY])).size).toBe(0);
  });
});

describe('the editor list', () => {
  it('When the årshjul has more events than fit on one card, then the list pages with «Neste side» and «Forrige side»', () => {
    // Bærum's SKUP årshjul has more than eight events.
    const source = loadArshjulSource(join(projectRoot, 'content'), undefined, 'arshjul/baerum-skup.yml');
    const state: EditorState = { origin: 'file', storedRejected: false, version: 'file', ...source };
    const ctx = { directory: testDirectory(), qaEntries: [], documents: [] };
    const first = renderEditorList(state, ctx);
    expect(cardText(first)).toContain(`Side 1 av ${Math.ceil(source.calendar.events.length / 8)}`);
    expect(actionsOf(first).filter((a) => a.title === 'Endre')).toHaveLength(8);
    expect(actionsOf(first).find((a) => a.title === 'Neste side')?.data).toEqual({ page: 1 });
    const second = renderEditorList(state, ctx, { page: 1 });
    expect(actionsOf(second).find((a) => a.title === 'Forrige side')?.data).toEqual({ page: 0 });
    expect(cardText(second)).toContain(source.calendar.events[8]!.title);
  });
});

describe('form helpers', () => {
  it('reads a day and a month as people write them, and makes unique ids from titles', () => {
    expect(['1.12', '01.12', '1/12', ' 31.3 '].map(monthDayValue)).toEqual(['--12-01', '--12-01', '--12-01', '--03-31']);
    expect(monthDayValue('1. desember')).toBeUndefined();
    expect(eventIdFrom('Lønnsoppgjør: forberedelse!', new Set())).toBe('lonnsoppgjor-forberedelse');
    expect(eventIdFrom('Samtaler', new Set(['samtaler', 'samtaler-2']))).toBe('samtaler-3');
  });
});
