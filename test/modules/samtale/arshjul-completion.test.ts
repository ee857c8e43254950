import { describe, expect, it } from 'vitest';
import { samtaleCompletion } from '../../../src/modules/samtale/arshjul-completion.js';
import { OVERVIEW_LABELS, type OverviewStatus } from '../../../src/modules/samtale/views.js';
import type { SamtaleService } from '../../../src/modules/samtale/service-api.js';

const row = (employeeId: string, name: string, status: OverviewStatus) => ({ employeeId, name, status, statusLabel: OVERVIEW_LABELS[status], openActions: 0, overdueActions: 0 });

function service(statuses: OverviewStatus[]): Pick<SamtaleService, 'leaderOverview'> & { years: number[] } {
  const years: number[] = [];
  const names = ['Erik Dahl', 'Liv Berg', 'Ahmed Ali', 'Kari Nord', 'Per Sør'];
  return {
    years,
    leaderOverview: async (_leaderId, year) => {
      years.push(year);
      const rows = statuses.map((s, i) => row(`${i}`, names[i]!, s));
      return { ok: true, year, rows, totals: { ikke_startet: 0, forberedes: 0, gjennomfort: 0, bekreftet: 0 } } as never;
    },
  };
}

describe('«Ferdig» on the årshjul’s medarbeidersamtaler', () => {
  it('When 1 of 5 has had the samtale, then «Ferdig» is refused and the leader is told who remains', async () => {
    const s = service(['bekreftet', 'ikke_startet', 'forberedes', 'ikke_startet', 'ikke_startet']);
    const check = await samtaleCompletion(s)('medarbeidersamtaler', '1003', new Date('2026-11-30T22:59:00Z'));
    expect(check).toEqual({
      done: false,
      reason:
        'Medarbeidersamtalene for 2026 er ikke ferdige ennå: du har hatt samtale med 1 av 5 medarbeidere. ' +
        'Gjenstår: Liv Berg (ikke startet), Ahmed Ali (forberedes), Kari Nord (ikke startet), Per Sør (ikke startet). Skriv «samtaleoversikt» for å se dem, og trykk «Ferdig» når alle har hatt sin samtale.',
    });
    expect(s.years).toEqual([2026]);
  });

  it('When everyone has had it (gjennomført or bekreftet), or the event is another, then «Ferdig» is accepted', async () => {
    expect(await samtaleCompletion(service(['bekreftet', 'gjennomfort']))('medarbeidersamtaler', '1003', new Date('2026-11-30T22:59:00Z'))).toEqual({ done: true });
    expect(await samtaleCompletion(service(['ikke_startet']))('plan-mbm', '1003', new Date('2026-11-30T22:59:00Z'))).toEqual({ done: true });
  });
});
