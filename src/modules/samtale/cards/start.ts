/** Starting and changing a samtale (leader): the reports, the date form, a new date, cancelling; and «mine samtaler». */
import { plural } from '../../../texts/index.js';
import type { AdaptiveCardJson } from '../../../cards/define-card.js';
import { type LedSamtaleRow, type MySamtaleRow, type ReportRow, type SamtaleView } from '../views.js';
import { NO_NOTICE, reportsCard, startCard, rescheduleCard, cancelCard, mineCard, type Notice } from './templates.js';
import { plain, firstName } from './shared.js';

// Starting: the leader's reports and the date form

export const REPORTS_PAGE_SIZE = 10;

export function renderReports(rows: ReportRow[], opts: { page?: number; heading?: string; intro?: string; notice?: Notice } = {}): AdaptiveCardJson {
  const pages = Math.max(1, Math.ceil(rows.length / REPORTS_PAGE_SIZE));
  const page = Math.min(Math.max(0, opts.page ?? 0), pages - 1);
  const shown = rows.slice(page * REPORTS_PAGE_SIZE, (page + 1) * REPORTS_PAGE_SIZE);
  return reportsCard.render({
    heading: opts.heading ?? 'Start medarbeidersamtale',
    intro: opts.intro ?? 'Velg medarbeideren du vil ha samtale med. Har dere allerede en samtale som ikke er avsluttet, kan du åpne den.',
    notice: opts.notice ?? NO_NOTICE,
    rows: shown.map((r) => ({
      name: r.name,
      detail: [r.title, r.unitName, r.active ? `${r.active.stateLabel}, ${r.active.scheduledForText}` : 'Ingen samtale planlagt'].filter(Boolean).join(' · '),
      employeeId: r.employeeId,
      samtaleId: r.active?.samtaleId ?? '',
    })),
    pageText: pages > 1 ? `Side ${page + 1} av ${pages}` : '',
    hasPrev: page > 0,
    hasNext: page < pages - 1,
    prevPage: Math.max(0, page - 1),
    nextPage: Math.min(pages - 1, page + 1),
  });
}

/**
 * The start form. `confirmedThisYear`: a samtale with this person is already confirmed this year –
 * said before anything is started. `reachable: false`: the bot cannot message them (no invitation).
 */
export function renderStart(opts: {
  employee: { employeeId: string; name: string; confirmedThisYear?: { heldOnText: string } };
  today: string;
  date?: string;
  dateError?: string;
  notice?: Notice;
  reachable?: boolean;
}): AdaptiveCardJson {
  const first = plain(firstName(opts.employee.name));
  const confirmed = opts.employee.confirmedThisYear;
  return startCard.render({
    heading: `Medarbeidersamtale med ${opts.employee.name}`,
    intro:
      opts.reachable === false
        ? `Velg dato for samtalen. ${first} har ikke åpnet Kompetansebot i Teams ennå og får ingen invitasjon fra boten – gi beskjed selv. Du forbereder deg her som vanlig.`
        : `Velg dato for samtalen. ${first} får en invitasjon i Teams og kan forberede seg. Du forbereder deg på samme måte.`,
    notice:
      opts.notice ??
      (confirmed
        ? { style: 'warning', text: `Du har allerede en bekreftet medarbeidersamtale med ${first} i år (holdt ${confirmed.heldOnText}). Start en ny bare hvis dere skal ha en samtale til i år – ellers åpner du den fra «Mine samtaler».` }
        : NO_NOTICE),
    employeeId: opts.employee.employeeId,
    date: opts.date ?? '',
    minDate: opts.today,
    dateError: opts.dateError ?? '',
  });
}

// Changing the samtale (leader): a new date, or cancelling it after a confirmation

/** The leader's date form. `version` is the one of the card «Flytt dato» was clicked on. */
export function renderReschedule(v: SamtaleView, opts: { today: string; version?: number; date?: string; dateError?: string; notice?: Notice }): AdaptiveCardJson {
  return rescheduleCard.render({
    heading: `Flytt samtalen med ${v.employee.name}`,
    intro: `Samtalen står nå på ${v.scheduledForText}. Velg en ny dato. ${firstName(v.employee.name)} får beskjed om den nye datoen.`,
    notice: opts.notice ?? NO_NOTICE,
    samtaleId: v.id,
    version: opts.version ?? v.version,
    date: opts.date ?? v.scheduledFor,
    minDate: opts.today,
    dateError: opts.dateError ?? '',
  });
}

/** «Avlys»: asks before cancelling. `version` is the one of the card «Avlys» was clicked on. */
export function renderCancel(v: SamtaleView, opts: { version?: number } = {}): AdaptiveCardJson {
  const first = firstName(v.employee.name);
  return cancelCard.render({
    heading: 'Vil du avlyse samtalen?',
    text: `Medarbeidersamtalen med ${v.employee.name} ${v.scheduledForText} blir avlyst, og ${first} får beskjed. Det kan ikke angres, men du kan starte en ny samtale senere.`,
    detail: 'Forberedelsene og notatene som er skrevet, slettes når fristen for oppbevaring er ute.',
    samtaleId: v.id,
    version: opts.version ?? v.version,
  });
}

// «Mine samtaler»

/** Rows on «Mine samtaler» at most; the rest is named in a last line (samtaleoversikt has the year). */
export const MINE_MAX_ROWS = 20;

/**
 * «Mine samtaler»: the person's own samtaler and those they hold as leader, every year and state
 * (a confirmed samtale stays listed), newest first.
 */
export function renderMine(opts: { mine: MySamtaleRow[]; asLeader: LedSamtaleRow[]; isLeader: boolean }): AdaptiveCardJson {
  const all = [
    ...opts.mine.map((r) => ({ at: r.scheduledFor, title: `Din samtale ${r.scheduledForText}`, detail: `Med ${r.leaderName} · ${r.stateLabel}`, samtaleId: r.samtaleId })),
    ...opts.asLeader.map((r) => ({ at: r.scheduledFor, title: `Samtale med ${r.employeeName} ${r.scheduledForText}`, detail: `Du er leder · ${r.stateLabel}`, samtaleId: r.samtaleId })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const rows = all.slice(0, MINE_MAX_ROWS).map(({ at: _at, ...row }) => row);
  const rest = all.length - rows.length;
  return mineCard.render({
    moreText: rest > 0 ? `Viser de ${MINE_MAX_ROWS} nyeste. ${plural(rest, 'eldre samtale', 'eldre samtaler')} vises ikke her.` : '',
    emptyText: opts.isLeader
      ? 'Du har ingen medarbeidersamtaler ennå. Trykk «Start en ny samtale» eller skriv «start medarbeidersamtale med» og navnet.'
      : 'Du har ingen medarbeidersamtaler ennå. Lederen din starter samtalen, og da får du en invitasjon her.',
    isLeader: opts.isLeader,
    rows,
  });
}
