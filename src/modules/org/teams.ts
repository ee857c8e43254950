import type { Application } from '@microsoft/teams-ai';
import { personalRoutes } from '../../bot/scope.js';
import type { AppTurnState } from '../../bot/state.js';
import type { Capability } from '../../cards/help-card.js';
import { formatInstant } from '../../texts/dates.js';
import type { OrgRole } from './model.js';
import type { SelfView } from './org-service.js';
import { cardRoutes, text } from '../../bot/card-route.js';
import { type TeamsRouteDeps, unknownUserText } from '../../bot/identify.js';

const ROLE_LABEL: Record<OrgRole, string> = { leder: 'leder', hr: 'HR', tillitsvalgt: 'tillitsvalgt', verneombud: 'verneombud' };

const percent = (n: number) => `${n.toLocaleString('nb-NO', { maximumFractionDigits: 1 })} %`;

/** «hvem er jeg»: the person's own entry, as Markdown. */
export function formatSelf(view: SelfView, hrContact: string): string {
  const e = view.employee;
  const lines = [
    '**Dette vet jeg om deg**',
    '',
    `- Navn: ${e.name} (ansattnr. ${e.employeeId})`,
    `- Stilling: ${e.position.title}, stillingskode ${e.position.code}, ${percent(e.employmentPercent)}`,
    `- Enhet: ${view.unit?.name ?? e.unitId}${view.parentUnit ? ` (${view.parentUnit.name})` : ''}`,
    `- Nærmeste leder: ${view.leader ? `${view.leader.name}, ${view.leader.title}` : 'ingen registrert'}`,
  ];
  if (view.leads.length) lines.push(`- Du leder: ${view.leads.map((u) => u.name).join(', ')}`);
  if (view.roles.length) lines.push(`- Roller: ${view.roles.map((r) => ROLE_LABEL[r]).join(', ')}`);
  const when = view.importedAt ? ` (oppdatert ${formatInstant(view.importedAt)})` : '';
  lines.push('', `Opplysningene kommer fra kommunens organisasjonsoversikt${when}. Stemmer noe ikke, ta kontakt med ${hrContact}.`);
  return lines.join('\n');
}

/** For the help card: what the org module adds. */
export const ORG_CAPABILITY: Capability = {
  title: 'Hvem er jeg',
  text: 'Skriv «hvem er jeg» for å se enheten, stillingen og lederen din slik boten kjenner dem.',
};

export type OrgTeamsDeps = TeamsRouteDeps;

export const WHO_AM_I = /^\s*hvem\s+er\s+(jeg|eg)\s*[?.!]*\s*$/i;

/** «hvem er jeg». Register before the Q&A catch-all. */
export function registerOrgRoutes(app: Application<AppTurnState>, deps: OrgTeamsDeps): void {
  // Every route here shows personal data: only in the person's personal chat (src/bot/scope.ts).
  const routes = cardRoutes(personalRoutes(app), { ...deps, scope: 'org', stale: text(unknownUserText(deps.hrContact)) });
  const log = deps.logger?.child('org');
  routes.messagePublic(WHO_AM_I, async (turn) => {
    const me = await turn.whoIs();
    const view = me && deps.org.describeSelf(me.employeeId);
    if (!view) {
      log?.info({ known: false }, 'org.whoami');
      return text(unknownUserText(deps.hrContact));
    }
    log?.info({ known: true, employeeId: view.employee.employeeId }, 'org.whoami');
    return text(formatSelf(view, deps.hrContact));
  });
}
