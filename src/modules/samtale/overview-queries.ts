/** «samtaleoversikt»: a leader's reports this year, HR's counts per unit (counts only, never content). */
import type { SamtaleRecord, SamtaleState } from './model.js';
import { formatDate } from './dates.js';
import { preparationStatus } from './visibility.js';
import { OVERVIEW_LABELS, type OverviewRow, type OverviewStatus, type StatusCounts, type UnitCounts } from './views.js';
import { SAMTALE_TEXT } from './samtale-service.js';
import type { SamtaleService } from './service-api.js';
import type { ServiceContext } from './service-context.js';
import { osloToday } from '../../shared/dates.js';

export function overviewStatus(state: SamtaleState | undefined): OverviewStatus {
  switch (state) {
    case 'planlagt':
    case 'forberedes':
    case 'klar':
      return 'forberedes';
    case 'gjennomfores':
    case 'referat_sendt':
      return 'gjennomfort';
    case 'bekreftet':
      return 'bekreftet';
    default:
      return 'ikke_startet';
  }
}

const STATUS_RANK: Record<OverviewStatus, number> = { ikke_startet: 0, forberedes: 1, gjennomfort: 2, bekreftet: 3 };

const emptyCounts = (): StatusCounts => ({ ikke_startet: 0, forberedes: 0, gjennomfort: 0, bekreftet: 0 });

/** The samtale counting for this employee in this year: the furthest along, cancelled ones ignored. */
export function pickForYear(records: SamtaleRecord[]): SamtaleRecord | undefined {
  let best: SamtaleRecord | undefined;
  for (const r of records) {
    if (r.state === 'avlyst') continue;
    if (!best || STATUS_RANK[overviewStatus(r.state)] >= STATUS_RANK[overviewStatus(best.state)]) best = r;
  }
  return best;
}

export function createOverviewQueries(ctx: ServiceContext): Pick<SamtaleService, 'leaderOverview' | 'hrCounts' | 'overview'> {
  const { samtaler, org, clock, log, refuse, personRef } = ctx;
  const part: Pick<SamtaleService, 'leaderOverview' | 'hrCounts' | 'overview'> = {
    async leaderOverview(leaderId, year) {
      const directory = org.directory();
      if (!directory.employee(leaderId)) return refuse('not-found', SAMTALE_TEXT.unknownPerson);
      const reports = directory.reportsOf(leaderId);
      if (!reports.length) return refuse('forbidden', SAMTALE_TEXT.notALeader);
      const records = await samtaler.listForEmployees(reports.map((r) => r.employeeId));
      const byEmployee = new Map<string, SamtaleRecord[]>();
      for (const r of records) byEmployee.set(r.employeeId, [...(byEmployee.get(r.employeeId) ?? []), r]);
      const today = osloToday(clock.now());
      const totals = emptyCounts();
      const rows: OverviewRow[] = reports
        .map((e) => {
          const mine = byEmployee.get(e.employeeId) ?? [];
          const chosen = pickForYear(mine.filter((r) => r.year === year));
          const status = overviewStatus(chosen?.state);
          totals[status]++;
          let openActions = 0;
          let overdueActions = 0;
          for (const r of mine) {
            if (r.state !== 'referat_sendt' && r.state !== 'bekreftet') continue;
            for (const a of r.actions) {
              if (a.status !== 'open') continue;
              openActions++;
              if (a.dueDate < today) overdueActions++;
            }
          }
          return {
            ...personRef(e),
            status,
            statusLabel: OVERVIEW_LABELS[status],
            ...(chosen
              ? {
                  samtaleId: chosen.id,
                  scheduledFor: chosen.scheduledFor,
                  scheduledForText: formatDate(chosen.scheduledFor),
                  state: chosen.state,
                  employeePreparation: preparationStatus(chosen.preparations.employee),
                  leaderPreparation: preparationStatus(chosen.preparations.leader),
                }
              : {}),
            openActions,
            overdueActions,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
      log.info({ leaderId, year, reports: rows.length }, 'samtale.leader-overview');
      return { ok: true, year, rows, totals };
    },

    async hrCounts(viewerId, year) {
      const directory = org.directory();
      if (!directory.employee(viewerId)) return refuse('not-found', SAMTALE_TEXT.unknownPerson);
      if (!directory.hasRole(viewerId, 'hr')) {
        log.info({ viewerId }, 'samtale.hr-counts.refused');
        return refuse('forbidden', SAMTALE_TEXT.hrOnly);
      }
      const records = await samtaler.listForYear(year);
      const byEmployee = new Map<string, SamtaleRecord[]>();
      for (const r of records) byEmployee.set(r.employeeId, [...(byEmployee.get(r.employeeId) ?? []), r]);
      const totals = { ...emptyCounts(), employees: 0 };
      const units: UnitCounts[] = directory.snapshot.units.map((u) => {
        const counts: UnitCounts = { unitId: u.id, name: u.name, ...(u.parentUnitId ? { parentUnitId: u.parentUnitId } : {}), employees: 0, ...emptyCounts() };
        for (const e of directory.employeesInUnit(u.id)) {
          const status = overviewStatus(pickForYear(byEmployee.get(e.employeeId) ?? [])?.state);
          counts.employees++;
          counts[status]++;
          totals.employees++;
          totals[status]++;
        }
        return counts;
      });
      log.info({ viewerId, year, units: units.length }, 'samtale.hr-counts');
      return { ok: true, year, units, totals };
    },

    async overview(viewerId, page, want) {
      const year = Number(osloToday(clock.now()).slice(0, 4));
      const [team, hr] = await Promise.all([part.leaderOverview(viewerId, year), part.hrCounts(viewerId, year)]);
      if (team.ok && want !== 'hr') return { ok: true, view: 'team', page, team: { year: team.year, rows: team.rows, totals: team.totals }, other: hr.ok };
      if (hr.ok && want !== 'team') return { ok: true, view: 'hr', page, hr: { year: hr.year, units: hr.units, totals: hr.totals }, other: team.ok };
      if (!team.ok && team.code === 'not-found') return team;
      if (want === 'team' && !team.ok && hr.ok) return team;
      if (want === 'hr' && !hr.ok && team.ok) return hr;
      log.info({ viewerId }, 'samtale.overview.refused');
      return refuse('forbidden', SAMTALE_TEXT.overviewRefused);
    },
  };
  return part;
}
