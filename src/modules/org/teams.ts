import type { Application } from '@microsoft/teams-ai';
import { personalRoutes } from '../../bot/scope.js';
import type { AppTurnState } from '../../bot/state.js';
import type { Capability } from '../../cards/help-card.js';
import { formatOslo } from '../../scheduler/clock.js';
import type { OrgRole } from './model.js';
import type { SelfView } from './org-service.js';
import { identifyUser, type TeamsRouteDeps, unknownUserText } from '../../bot/identify.js';

// Shared Teams glue lives in src/bot/identify.ts; re-exported for the adapters not yet moved over.
export { identifyUser, type IdentifyOptions, type MemberInfo, type MemberLookup, teamsMemberLookup, type TeamsRouteDeps, unknownUserText } from '../../bot/identify.js';

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
  const when = view.importedAt ? ` (oppdatert ${formatOslo(new Date(view.importedAt))})` : '';
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
  const routes = personalRoutes(app);
  const log = deps.logger?.child('org');
  routes.message(WHO_AM_I, async (context) => {
    const me = await identifyUser(context, deps.org, { lookupMember: deps.lookupMember, logger: log });
    const view = me && deps.org.describeSelf(me.employeeId);
    if (!view) {
      log?.info({ known: false }, 'org.whoami');
      await context.sendActivity(unknownUserText(deps.hrContact));
      return;
    }
    log?.info({ known: true, employeeId: view.employee.employeeId }, 'org.whoami');
    await context.sendActivity(formatSelf(view, deps.hrContact));
  });
}
