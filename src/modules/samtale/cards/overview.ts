/** «samtaleoversikt»: the leader's reports this year, HR's counts per unit (never content); and the new leader's follow-up. */
import { isSuppressed, plural, suppressSmall } from '../../../texts/index.js';
import type { AdaptiveCardJson } from '../../../cards/define-card.js';
import { PREPARATION_STATUS_LABELS } from '../visibility.js';
import { type FollowUpView, type OverviewRow, type StatusCounts, type UnitCounts, OVERVIEW_LABELS } from '../views.js';
import { NO_NOTICE, teamCard, hrCard, type Notice } from './templates.js';
import { plain } from './shared.js';
import { renderMessage } from './messages.js';

// «samtaleoversikt»: the leader's reports this year, and HR's counts per unit (never content)

export const OVERVIEW_PAGE_SIZE = 10;

function pageOf<T>(items: T[], page: number | undefined) {
  const pages = Math.max(1, Math.ceil(items.length / OVERVIEW_PAGE_SIZE));
  const p = Math.min(Math.max(0, page ?? 0), pages - 1);
  return {
    shown: items.slice(p * OVERVIEW_PAGE_SIZE, (p + 1) * OVERVIEW_PAGE_SIZE),
    pageText: pages > 1 ? `Side ${p + 1} av ${pages}` : '',
    hasPrev: p > 0,
    hasNext: p < pages - 1,
    prevPage: Math.max(0, p - 1),
    nextPage: Math.min(pages - 1, p + 1),
  };
}

const STATUS_ORDER = ['ikke_startet', 'forberedes', 'gjennomfort', 'bekreftet'] as const;
const STATUS_COLOR = { ikke_startet: 'attention', forberedes: 'accent', gjennomfort: 'warning', bekreftet: 'good' } as const;
const totalsFacts = (t: StatusCounts) => STATUS_ORDER.map((s) => ({ title: OVERVIEW_LABELS[s], value: String(t[s]) }));
const actionsText = (open: number, overdue: number) =>
  open === 0 ? '' : `${open} ${open === 1 ? 'åpent tiltak' : 'åpne tiltak'}${overdue ? `, ${overdue} over fristen` : ''}`;

/** The leader's reports with this year's status, preparations and open or overdue actions. */
export function renderTeam(
  overview: { year: number; rows: OverviewRow[]; totals: StatusCounts },
  opts: { page?: number; notice?: Notice; showHr?: boolean } = {},
): AdaptiveCardJson {
  const p = pageOf(overview.rows, opts.page);
  const done = overview.totals.gjennomfort + overview.totals.bekreftet;
  return teamCard.render({
    heading: `Samtaleoversikt ${overview.year}`,
    intro: `Dine medarbeidere og årets medarbeidersamtale: ${done} av ${overview.rows.length} er gjennomført. Tiltak telles fra alle samtaler med referat.`,
    notice: opts.notice ?? NO_NOTICE,
    totals: totalsFacts(overview.totals),
    rows: p.shown.map((r) => ({
      name: r.name,
      statusLabel: r.statusLabel,
      statusColor: STATUS_COLOR[r.status],
      detail: [
        r.title,
        r.scheduledForText ? `Samtale ${r.scheduledForText}` : '',
        r.status === 'forberedes' && r.employeePreparation && r.leaderPreparation
          ? `Forberedelse: medarbeider ${PREPARATION_STATUS_LABELS[r.employeePreparation].toLowerCase()}, du ${PREPARATION_STATUS_LABELS[r.leaderPreparation].toLowerCase()}`
          : '',
      ]
        .filter(Boolean)
        .join(' · '),
      actionsText: actionsText(r.openActions, r.overdueActions),
      actionsColor: r.overdueActions ? 'attention' : 'default',
      employeeId: r.employeeId,
      samtaleId: r.samtaleId ?? '',
    })),
    pageText: p.pageText,
    hasPrev: p.hasPrev,
    hasNext: p.hasNext,
    prevPage: p.prevPage,
    nextPage: p.nextPage,
    showHr: opts.showHr ?? false,
  });
}

/** HR's counts per unit: numbers only, never names or content. Units with no employees are left out. */
export function renderHrCounts(
  counts: { year: number; units: UnitCounts[]; totals: StatusCounts & { employees: number } },
  opts: { page?: number; showTeam?: boolean } = {},
): AdaptiveCardJson {
  const units = counts.units.filter((u) => u.employees > 0);
  const p = pageOf(units, opts.page);
  // A share would give away a small count (1 of 4 done = 25 %): only when neither part is suppressed.
  const share = (done: number, all: number) => (all && !isSuppressed(done) && !isSuppressed(all - done) ? `${Math.round((100 * done) / all)} % gjennomført eller bekreftet` : '');
  // Counts under 3 are shown as «under 3», and a unit of 1–2 people shows no statuses at all, as statistics offices do (#12).
  const line = (u: UnitCounts) =>
    isSuppressed(u.employees)
      ? 'Under 3 ansatte: tallene vises ikke for så små enheter.'
      : `${plural(u.employees, 'ansatt')} · ${STATUS_ORDER.map((st) => `${OVERVIEW_LABELS[st]} ${suppressSmall(u[st])}`).join(' · ')}`;
  return hrCard.render({
    heading: `Medarbeidersamtaler ${counts.year} – tall per enhet`,
    intro: `Antall ansatte per status for årets samtale, ${plural(counts.totals.employees, 'ansatt')} i alt. Bare tall: innholdet i samtalene er for medarbeideren og lederen. Tall under 3 vises som «under 3».`,
    totals: STATUS_ORDER.map((st) => ({ title: OVERVIEW_LABELS[st], value: suppressSmall(counts.totals[st]) })),
    emptyText: 'Organisasjonsoversikten har ingen ansatte ennå.',
    units: p.shown.map((u) => ({
      name: u.name,
      line: line(u),
      share: isSuppressed(u.employees) ? '' : share(u.gjennomfort + u.bekreftet, u.employees),
    })),
    pageText: p.pageText,
    hasPrev: p.hasPrev,
    hasNext: p.hasNext,
    prevPage: p.prevPage,
    nextPage: p.nextPage,
    showTeam: opts.showTeam ?? false,
  });
}

/** A new leader's view of a confirmed referat the former leader held: the agreed actions only. */
export function renderFollowUp(f: FollowUpView): AdaptiveCardJson {
  const lines = f.actions.map((a) => `- ${plain(a.what)} – ${a.ownerName}, frist ${a.dueDateText}${a.status === 'done' ? ' (fullført)' : a.status === 'carried' ? ' (videreført)' : ''}`);
  return renderMessage({
    heading: `Tiltak å følge opp for ${f.employee.name}`,
    text: [`Avtalt i den bekreftede medarbeidersamtalen ${f.scheduledForText} med ${f.formerLeaderName}${f.unitName ? ` (${f.unitName})` : ''}:`, '', ...lines].join('\n'),
    detail: 'Som ny nærmeste leder ser du tiltakene for å følge dem opp. Notatene, forberedelsene og resten av referatet hører til samtalen med den tidligere lederen.',
  });
}
