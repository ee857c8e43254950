/**
 * A small årshjul written for the tests (so HR edits to content/arshjul do not move the
 * expectations), over the fixture organisation Testvik kommune (test/fixtures/org/small-org.json):
 * Rita Rådmann leads «topp»; Kjell Kommunalsjef leads «oppvekst» (Nordby skole, Sørby barnehage);
 * Randi Rektor (7451) and Stine Styrer lead the school and the kindergarten; Hanne HR leads
 * «personal»; Lars Lærer, Anne Assistent and Tor Tillitsvalgt are employees.
 */
import { type ArshjulCalendar, parseArshjulCalendar } from '../../../src/modules/arshjul/calendar.js';
import type { YearlyRule } from '../../../src/modules/arshjul/due-dates.js';
import { createOrgDirectory } from '../../../src/modules/org/org-directory.js';
import type { OrgDirectory } from '../../../src/modules/org/model.js';
import { smallOrg } from '../org/helpers.js';

export { P } from '../org/helpers.js';

export const TEST_ARSHJUL_YML = `
version: 1
defaults:
  reminderOffsetsDays: [14, 3]
  escalateAfterDays: 1
events:
  - id: plan-mbm
    title: Lokal plan godkjent i MBM
    description: Den lokale kompetanseplanen godkjennes i medbestemmelsesmøtet.
    recurrence: { from: "--01-01", to: "--03-31" }
    responsible: { roles: [leder] }
    audience: { roles: [tillitsvalgt] }
    qaEntryIds: [kb-mbm]
    source: { document: "001", section: "SKUP årshjul" }
  - id: var-frist
    title: Vårfrist for HR
    description: HR leverer, én gang for alle i HR.
    recurrence: { date: "--04-01", time: "12:00" }
    responsible: { roles: [hr] }
    audience: { roles: [kommunalsjef] }
    completion: shared
    source: { document: "002", section: "HTA 3.2" }
  - id: host-frist
    title: Høstfrist for ledere
    description: Alle ledere leverer før fristen.
    recurrence: { date: "--10-28", time: "12:00" }
    responsible: { roles: [leder] }
    audience: { roles: [hr] }
    source: { document: "003", section: "Steg 7" }
  - id: nyttar
    title: Nyttårsfrist
    description: En frist første nyttårsdag, for å prøve årsskiftet.
    recurrence: { date: "--01-01" }
    responsible: { roles: [kommunedirektor] }
    audience: { roles: [hr] }
    escalateAfterDays: false
    source: { document: "003", section: "Steg 8" }
  - id: vinter
    title: Vinterarbeid over nyttår
    description: Et tidsrom fra desember til januar.
    recurrence: { from: "--12-01", to: "--01-31" }
    responsible: { roles: [kommunalsjef] }
    audience: { roles: [kommunedirektor] }
    source: { document: "001", section: "SKUP årshjul" }
  - id: samtaler
    title: Medarbeidersamtaler
    description: Hold medarbeidersamtale med alle medarbeidere, minst én gang i året.
    recurrence: { from: "--09-01", to: "--11-30" }
    responsible: { roles: [leder] }
    audience: { everyone: true }
    escalateAfterDays: 2
    source: { document: "001", section: "SKUP lokal kompetanseplan" }
  - id: rektor-frist
    title: Skolens plan klar
    description: Rektorene har egen frist.
    recurrence: { date: "--05-15" }
    responsible: { positionCodes: ["7451"], label: rektorer }
    audience: { roles: [tillitsvalgt] }
    source: { document: "001", section: "SKUP april–august" }
`;

export const TEST_KB = { byId: new Map([['kb-mbm', { title: 'Når må planen godkjennes i MBM?' }]]) };

export function testCalendar(yml = TEST_ARSHJUL_YML): ArshjulCalendar {
  return parseArshjulCalendar(yml, TEST_KB, 'test-arshjul.yml');
}

export function testDirectory(): OrgDirectory {
  return createOrgDirectory(smallOrg());
}

/** A yearly rule for the pure due-date tests. */
export function rule(r: Partial<YearlyRule> & Pick<YearlyRule, 'recurrence'>): YearlyRule {
  return { id: 'ev', time: { hour: 12, minute: 0 }, allDay: false, reminderOffsetsDays: [14, 3], escalateAfterDays: 1, ...r };
}

export const md = (s: string) => ({ month: Number(s.slice(2, 4)), day: Number(s.slice(5, 7)) });
