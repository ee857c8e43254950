/**
 * Rendered fixtures of the medarbeidersamtale cards for test/cards/templates.test.ts: each
 * template in the states it is shown in (both roles, every step, errors, notices).
 */
import type { AdaptiveCardJson } from '../../src/cards/define-card.js';
import { renderActionReminder, renderMessage, renderNotice, renderRefusal } from '../../src/modules/samtale/cards/messages.js';
import { renderCancel, renderMine, renderReports, renderReschedule, renderStart } from '../../src/modules/samtale/cards/start.js';
import { renderConduct, renderOverview, renderPrepare } from '../../src/modules/samtale/cards/samtale.js';
import { renderHrCounts, renderTeam } from '../../src/modules/samtale/cards/overview.js';
import type { OverviewRow, SamtaleView, UnitCounts } from '../../src/modules/samtale/views.js';
import { apply, EMPLOYEE, employee, inState, LEADER, leader, started, template } from '../modules/samtale/fixtures.js';
import { availableCommands, type SamtaleCommand, STATE_LABELS } from '../../src/modules/samtale/commands.js';
import { contentFor, PREPARATION_STATUS_LABELS, roleOf } from '../../src/modules/samtale/visibility.js';
import { deleteReferatContent, markReferatExported } from '../../src/modules/samtale/retention.js';
import { formatDate } from '../../src/modules/samtale/dates.js';
import type { SamtaleRecord } from '../../src/modules/samtale/model.js';
import { referatToken } from '../../src/modules/samtale/decide-referat.js';

/** The view the service would build (samtale-service.ts buildView), without storage. */
export function viewOf(record: SamtaleRecord, viewerId: string): SamtaleView {
  const role = roleOf(record, viewerId, LEADER)!;
  const content = contentFor(record, viewerId, role)!;
  const allowed = new Set(availableCommands(record, role));
  const can = Object.fromEntries(
    (['saveAnswer', 'submitPreparation', 'reschedule', 'open', 'addNote', 'addAction', 'addDevPlanItem', 'removeItem', 'reviewPreviousAction', 'sendReferat', 'reopen', 'confirm', 'comment', 'completeAction', 'cancel'] as const).map((t) => [t, allowed.has(t)]),
  ) as Record<SamtaleCommand['type'], boolean>;
  return {
    id: record.id,
    version: record.version,
    shownAt: '2026-11-20T09:00:00.000Z',
    ...(record.referat ? { referatToken: referatToken(record) } : {}),
    state: record.state,
    stateLabel: STATE_LABELS[record.state],
    scheduledFor: record.scheduledFor,
    scheduledForText: formatDate(record.scheduledFor),
    year: record.year,
    employee: { employeeId: EMPLOYEE, name: 'Lars Lærer', title: 'Lektor' },
    leader: { employeeId: LEADER, name: 'Randi Rektor', title: 'Rektor' },
    unit: { id: 'nordby-skole', name: 'Nordby skole' },
    viewer: { employeeId: viewerId, role },
    template: {
      id: template.id,
      title: template.title,
      sections: template.sections.map((s) => ({
        id: s.id,
        title: s.title,
        ...(s.kind ? { kind: s.kind } : {}),
        questions: s.questions.map((q) => ({ id: q.id, text: role === 'leader' ? q.leaderText : q.text })),
        qaEntryIds: [],
      })),
    },
    content,
    can,
    blockers: [],
    preparationLabels: { mine: PREPARATION_STATUS_LABELS[content.mine.status], other: PREPARATION_STATUS_LABELS[content.other.status] },
    ...(record.referatExportedAt ? { referatExportedAt: record.referatExportedAt } : {}),
  };
}

/** A confirmed referat the leader exported for the archive, and the tombstone two years later. */
const exported = () => markReferatExported(inState('bekreftet'), new Date('2026-11-24T08:00:00Z'))!;
const tombstone = () => deleteReferatContent(exported(), new Date('2028-11-24T05:00:00Z'), 24)!;

const conversation = () =>
  apply(inState('gjennomfores'), [
    [leader, { type: 'addNote', visibility: 'shared', text: 'Felles *notat*' }],
    [leader, { type: 'addNote', visibility: 'private', text: 'Privat notat' }],
    [leader, { type: 'addAction', what: 'Kurs i veiledning', ownerEmployeeId: EMPLOYEE, dueDate: '2027-03-01' }],
    [leader, { type: 'addDevPlanItem', what: 'Videreutdanning' }],
  ]);

const withPrevious = () => {
  const previous = apply(conversation(), [[leader, { type: 'sendReferat', summary: 'Sist' }]]);
  return started(previous);
};

const notice = (kind: Parameters<typeof renderNotice>[0]['kind']) =>
  renderNotice({ kind, samtaleId: 'smt-1', fromName: 'Randi Rektor', employeeName: 'Lars Lærer', scheduledForText: '1. desember 2026' });

const reports = [
  { employeeId: '1004', name: 'Lars Lærer', title: 'Lektor', unitName: 'Nordby skole' },
  {
    employeeId: '1008',
    name: 'Tor Tillitsvalgt',
    title: 'Adjunkt',
    active: { samtaleId: 'smt-2', state: 'forberedes' as const, stateLabel: 'Forberedes', scheduledFor: '2026-12-02', scheduledForText: '2. desember 2026' },
  },
];

const overviewRows: OverviewRow[] = [
  { employeeId: '1004', name: 'Lars Lærer', title: 'Lektor', status: 'ikke_startet', statusLabel: 'Ikke startet', openActions: 2, overdueActions: 1 },
  {
    employeeId: '1008',
    name: 'Tor Tillitsvalgt',
    title: 'Adjunkt',
    status: 'forberedes',
    statusLabel: 'Forberedes',
    samtaleId: 'smt-2',
    scheduledFor: '2026-12-02',
    scheduledForText: '2. desember 2026',
    state: 'forberedes',
    employeePreparation: 'pagar',
    leaderPreparation: 'ikke_startet',
    openActions: 1,
    overdueActions: 0,
  },
];
const totals = { ikke_startet: 1, forberedes: 1, gjennomfort: 0, bekreftet: 0 };
const unitCounts: UnitCounts[] = [
  { unitId: 'nordby-skole', name: 'Nordby skole', employees: 3, ikke_startet: 1, forberedes: 1, gjennomfort: 0, bekreftet: 1 },
  { unitId: 'tom', name: 'Tom enhet', employees: 0, ikke_startet: 0, forberedes: 0, gjennomfort: 0, bekreftet: 0 },
];

export const samtaleFixtures: Record<string, () => AdaptiveCardJson[]> = {
  'samtale-team': () => [
    renderTeam({ year: 2026, rows: overviewRows, totals }),
    renderTeam({ year: 2026, rows: overviewRows, totals }, { showHr: true, notice: { style: 'accent', text: 'Merk.' } }),
    renderTeam(
      { year: 2026, rows: Array.from({ length: 23 }, (_, i) => ({ ...overviewRows[0]!, employeeId: `e${i}`, name: `Person ${i}` })), totals: { ...totals, ikke_startet: 23, forberedes: 0 } },
      { page: 1 },
    ),
  ],
  'samtale-hr': () => [
    renderHrCounts({ year: 2026, units: unitCounts, totals: { ...totals, bekreftet: 1, employees: 3 } }),
    renderHrCounts({ year: 2026, units: [], totals: { ...totals, employees: 0 } }, { showTeam: true }),
    renderHrCounts(
      { year: 2026, units: Array.from({ length: 15 }, (_, i) => ({ ...unitCounts[0]!, unitId: `u${i}`, name: `Enhet ${i}` })), totals: { ...totals, employees: 45 } },
      { page: 1 },
    ),
  ],
  'samtale-message': () => [
    renderRefusal('Du har ikke tilgang til denne samtalen.'),
    renderRefusal('Kortet er gammelt.', 'smt-1'),
    renderMessage({ heading: 'Hei', text: 'Tekst', showMine: false }),
    ...(['invitasjon', 'forberedelse-sendt', 'ny-dato', 'referat-sendt', 'referat-gjenapnet', 'bekreftet', 'kommentar', 'avlyst'] as const).map(notice),
    renderActionReminder({ what: 'Kurs', dueDateText: '1. mars 2027', daysLeft: 3, scheduledForText: '1. desember 2026', samtaleId: 'smt-1' }),
  ],
  'samtale-reports': () => [
    renderReports(reports),
    renderReports([], { notice: { style: 'warning', text: 'Ingen heter det.' } }),
    renderReports(Array.from({ length: 23 }, (_, i) => ({ employeeId: `e${i}`, name: `Person ${i}`, title: 'Lærer' })), { page: 1 }),
  ],
  'samtale-start': () => [
    renderStart({ employee: { employeeId: '1004', name: 'Lars Lærer' }, today: '2026-11-23' }),
    renderStart({ employee: { employeeId: '1004', name: 'Lars Lærer' }, today: '2026-11-23', date: '2020-01-01', dateError: 'Datoen har passert (1. januar 2020). Velg i dag eller en senere dato.' }),
  ],
  'samtale-mine': () => [
    renderMine({ mine: [], asLeader: [], isLeader: false }),
    renderMine({ mine: [{ samtaleId: 'smt-1', scheduledFor: '2026-12-01', scheduledForText: '1. desember 2026', state: 'planlagt', stateLabel: 'Planlagt', leaderName: 'Randi Rektor' }], asLeader: [{ samtaleId: 'smt-2', scheduledFor: '2025-11-20', scheduledForText: '20. november 2025', state: 'bekreftet', stateLabel: 'Bekreftet', employeeName: 'Lars Lærer' }], isLeader: true }),
  ],
  'samtale-prepare': () => [
    renderPrepare(viewOf(started(), EMPLOYEE), undefined),
    renderPrepare(viewOf(inState('forberedes'), EMPLOYEE), 'kompetanse', { notice: { style: 'good', text: 'Lagret.' } }),
    renderPrepare(viewOf(withPrevious(), LEADER), 'oppfolging', { values: { q_status: 'x' }, errors: [{ field: 'status', message: 'For langt.' }] }),
  ],
  'samtale-overview': () => [
    renderOverview(viewOf(started(), EMPLOYEE)),
    renderOverview(viewOf(inState('klar'), LEADER), { notice: { style: 'good', text: 'Sendt.' } }),
    renderOverview(viewOf(inState('referat_sendt'), EMPLOYEE), { errors: [{ field: 'comment', message: 'For lang.' }], values: { confirmComment: 'x' } }),
    renderOverview(viewOf(apply(inState('bekreftet'), [[employee, { type: 'comment', text: 'Senere merknad' }]]), LEADER), { downloadUrl: 'http://127.0.0.1/d/x' }),
    renderOverview(viewOf(inState('avlyst'), LEADER)),
    // The leader's buttons: «Åpne referatet igjen» on a sent referat; the archive date; the tombstone.
    renderOverview(viewOf(inState('referat_sendt'), LEADER)),
    renderOverview(viewOf(exported(), LEADER)),
    renderOverview(viewOf(tombstone(), EMPLOYEE)),
    // An open action the employee owns: «Marker som fullført» on it.
    renderOverview(viewOf(apply(conversation(), [[leader, { type: 'sendReferat', summary: 'Oppsummering' }]]), EMPLOYEE)),
  ],
  'samtale-reschedule': () => [
    renderReschedule(viewOf(started(), LEADER), { today: '2026-11-23' }),
    renderReschedule(viewOf(inState('klar'), LEADER), { today: '2026-11-23', version: 4, date: '2020-01-01', dateError: 'Datoen har passert (1. januar 2020). Velg i dag eller en senere dato.' }),
  ],
  'samtale-cancel': () => [renderCancel(viewOf(started(), LEADER)), renderCancel(viewOf(inState('gjennomfores'), LEADER), { version: 5 })],
  'samtale-conduct': () => [
    renderConduct(viewOf(inState('gjennomfores'), LEADER), 0),
    renderConduct(viewOf(conversation(), LEADER), 1, {
      suggestions: [{ competenceId: 'veiledning', name: 'Veiledning', reason: 'Påkrevd', requirement: 'Lektor' }],
      errors: [{ field: 'dueDate', message: 'Velg en gyldig dato.' }],
      errorTarget: 'action',
      values: { actionWhat: 'x' },
    }),
    renderConduct(viewOf(apply(withPrevious(), [[leader, { type: 'open' }]]), LEADER), 2, { errors: [{ field: 'dueDate', message: 'Velg en dato.' }], errorTarget: 'previous' }),
  ],
};
