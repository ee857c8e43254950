/**
 * «Ferdig» on the årshjul's medarbeidersamtaler means every direct report has had their samtale
 * that year (gjennomført or bekreftet). Before that the årshjul refuses it and says what remains,
 * instead of taking 1 of 5 as done.
 */
import type { ArshjulCompletionCheck } from '../arshjul/arshjul-service.js';
import { formatNumber, osloDay } from '../../texts/index.js';
import type { SamtaleService } from './service-api.js';

/** The årshjul events that are about the medarbeidersamtaler (content/arshjul/default-arshjul.yml). */
export const SAMTALE_ARSHJUL_EVENTS: readonly string[] = ['medarbeidersamtaler'];

const MAX_NAMES = 10;

export function samtaleCompletion(samtale: Pick<SamtaleService, 'leaderOverview'>, eventIds: readonly string[] = SAMTALE_ARSHJUL_EVENTS): ArshjulCompletionCheck {
  return async (eventId, leaderId, deadline) => {
    if (!eventIds.includes(eventId)) return { done: true };
    const year = Number(osloDay(deadline).slice(0, 4));
    const overview = await samtale.leaderOverview(leaderId, year);
    // Not a leader with reports: nothing to check.
    if (!overview.ok || !overview.rows.length) return { done: true };
    const held = overview.rows.filter((r) => r.status === 'gjennomfort' || r.status === 'bekreftet');
    if (held.length === overview.rows.length) return { done: true };
    const remaining = overview.rows.filter((r) => r.status !== 'gjennomfort' && r.status !== 'bekreftet');
    const names = remaining.slice(0, MAX_NAMES).map((r) => `${r.name} (${r.statusLabel.toLocaleLowerCase('nb')})`);
    const more = remaining.length > MAX_NAMES ? ` og ${formatNumber(remaining.length - MAX_NAMES)} til` : '';
    return {
      done: false,
      reason:
        `Medarbeidersamtalene for ${year} er ikke ferdige ennå: du har hatt samtale med ${formatNumber(held.length)} av ${formatNumber(overview.rows.length)} medarbeidere. ` +
        `Gjenstår: ${names.join(', ')}${more}. Skriv «samtaleoversikt» for å se dem, og trykk «Ferdig» når alle har hatt sin samtale.`,
    };
  };
}
