/**
 * Rendered fixtures of the årshjul cards for test/cards/templates.test.ts: «Hva skjer nå?» full,
 * empty and after «Ferdig»; the reminder open, snoozed, done and without choices; the escalation;
 * the .ics link.
 */
import type { AdaptiveCardJson } from '../../src/cards/define-card.js';
import type { ArshjulItem, ReminderView, WhatsNow } from '../../src/modules/arshjul/arshjul-service.js';
import { renderEscalation, renderIcsLink, renderReminder, renderReminderView, renderWhatsNow } from '../../src/modules/arshjul/cards.js';
import { parseArshjulSource } from '../../src/modules/arshjul/calendar.js';
import type { EditorState } from '../../src/modules/arshjul/calendar-editor.js';
import { renderDeleteConfirm, renderEditorList, renderEventForm, renderResetConfirm } from '../../src/modules/arshjul/editor-cards.js';
import { TEST_ARSHJUL_YML, TEST_KB, testDirectory } from '../modules/arshjul/fixtures.js';

const item = (over: Partial<ArshjulItem> = {}): ArshjulItem => ({
  eventId: 'plan-mbm',
  occurrenceId: '2027-03-31',
  title: 'Lokal plan godkjent i MBM ${ikke-mal}',
  description: 'Den lokale kompetanseplanen godkjennes i medbestemmelsesmøtet [MBM].',
  when: '1. januar–31. mars 2027',
  deadline: '2027-03-31T10:00:00.000Z',
  daysUntilStart: 20,
  deadlineText: '31. mars 2027',
  daysLeft: 14,
  responsibleText: 'ledere',
  responsible: true,
  done: false,
  overdue: false,
  taskKey: 'arshjul:plan-mbm:2027-03-31:1003:task',
  qa: [{ id: 'kb-mbm', title: 'Når må planen godkjennes i MBM?' }],
  source: { document: '001', section: 'SKUP årshjul', text: 'KS-rapport 2010 (2010), SKUP årshjul' },
  ...over,
});

const now: WhatsNow = {
  ok: true,
  roles: ['leder', 'enhetsleder'],
  overdue: [item({ eventId: 'host', title: 'Høstfrist', daysLeft: -3, overdue: true })],
  current: [item(), item({ eventId: 'done', done: true, qa: [] })],
  next: [item({ eventId: 'samtaler', responsible: false, taskKey: undefined, qa: [], daysLeft: 200 })],
};
const empty: WhatsNow = { ok: true, roles: [], overdue: [], current: [], next: [] };
const ics = { year: 2027, url: 'http://127.0.0.1:3978/api/downloads/abc' };

const view = (over: Partial<ReminderView> = {}): ReminderView => ({
  ok: true,
  key: 'arshjul:plan-mbm:2027-03-31:1003:d14',
  kind: 'reminder',
  stillRelevant: true,
  employeeId: '1003',
  employeeName: 'Randi Rektor',
  recipientId: '1003',
  offsetDays: 14,
  item: item(),
  snoozeChoices: [
    { label: 'I morgen', until: '2027-03-18T08:00:00.000Z', untilText: '18. mars 2027 kl. 09.00' },
    { label: 'Om en uke', until: '2027-03-24T08:00:00.000Z', untilText: '24. mars 2027 kl. 09.00' },
  ],
  ...over,
});

/** The editor over the test årshjul: from the file, and HR's stored version after a rejected one. */
function editorState(over: Partial<EditorState> = {}): EditorState {
  const source = parseArshjulSource(TEST_ARSHJUL_YML, TEST_KB, 'test-arshjul.yml');
  return { origin: 'file', storedRejected: false, version: 'file', ...source, ...over };
}
const editorCtx = () => ({
  directory: testDirectory(),
  qaEntries: [{ id: 'kb-mbm', title: 'Når må planen godkjennes i MBM?' }, { id: 'arshjul-skole', title: 'Årshjulet for skolene ${ikke-mal}' }],
  documents: [{ id: '001', short: 'KS-rapport', year: 2010 }, { id: '003', short: 'KS-veileder', year: 2022 }],
});
const docEvent = (id: string) => editorState().document.events.find((e) => e.id === id)!;

export const arshjulFixtures: Record<string, () => AdaptiveCardJson[]> = {
  'arshjul-now': () => [renderWhatsNow(now, ics), renderWhatsNow(empty, ics), renderWhatsNow(now, ics, '✔ «Lokal plan» er markert som ferdig.', { canEdit: true })],
  'arshjul-edit-list': () => [
    renderEditorList(editorState(), editorCtx()),
    renderEditorList(editorState({ origin: 'stored', version: 'etag-2' }), editorCtx(), { notice: '✔ «Vårfrist for HR» er lagret.' }),
    renderEditorList(editorState({ storedRejected: true, version: 'etag-3' }), { ...editorCtx() }, { notice: 'Årshjulet ble endret av noen andre – last inn på nytt.', noticeColor: 'Attention' }),
  ],
  'arshjul-edit-event': () => [
    renderEventForm(editorState(), editorCtx(), { event: docEvent('plan-mbm') }),
    renderEventForm(editorState(), editorCtx(), { event: docEvent('rektor-frist'), page: 1 }),
    renderEventForm(editorState(), editorCtx(), {}),
    renderEventForm(editorState(), editorCtx(), {
      event: docEvent('var-frist'),
      errors: { title: 'Må ha minst 3 tegn.', date: 'Skriv dagen som dag.måned, f.eks. 01.12 (fant «32.13»).' },
    }),
  ],
  'arshjul-edit-confirm': () => [renderDeleteConfirm(editorState(), docEvent('samtaler')), renderResetConfirm(editorState({ origin: 'stored', version: 'etag-2' }), 1)],
  'arshjul-reminder': () => [
    renderReminderView(view()),
    renderReminderView(view({ kind: 'snoozed', offsetDays: undefined, snoozeChoices: [] })),
    renderReminder(item(), { key: 'k', state: 'snoozed', snoozeText: '18. mars 2027 kl. 09.00' }),
    renderReminder(item({ done: true, qa: [] }), { key: 'k', state: 'done' }),
  ],
  'arshjul-escalation': () => [renderEscalation(view({ kind: 'escalation', recipientId: '1002', item: item({ overdue: true, daysLeft: -2 }) })), renderEscalation(view({ kind: 'escalation', item: item({ qa: [] }) }))],
  'arshjul-ics': () => [renderIcsLink(2027, ics.url)],
};
