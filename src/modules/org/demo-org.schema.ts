/**
 * The seeded demo organisation (content/org/demo-org.json): a fictional municipality used in
 * development, tests and the Agents Playground. It is an ordinary organisation import, checked
 * by the one import schema ({@link orgImportSchema} in ./schema.ts), plus what the demo needs on
 * top: the tenant the Playground uses, an Entra object id for every person (the mock users are
 * found by it) and a leader for every unit, under one top unit.
 */
import { z } from 'zod';
import type { Employee, Unit } from './model.js';
import { type OrgImport, orgImportSchema } from './schema.js';

export type DemoUnit = Unit & { leaderEmployeeId: string };
export type DemoEmployee = Employee & { aadObjectId: string };
export interface DemoOrg extends OrgImport {
  municipality: string;
  description: string;
  tenantId: string;
  units: DemoUnit[];
  employees: DemoEmployee[];
}

const demoExtras = z.custom<OrgImport>().transform((org, ctx): DemoOrg => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  if (!org.municipality || org.municipality.length < 2) issue(['municipality'], 'mangler (navnet på den fiktive kommunen)');
  if (!org.description || org.description.length < 10) issue(['description'], 'mangler (hva filen er til)');
  if (!org.tenantId) issue(['tenantId'], 'mangler (samme tenant som .m365agentsplayground.yml)');
  org.units.forEach((u, i) => {
    if (!u.leaderEmployeeId) issue(['units', i, 'leaderEmployeeId'], 'mangler; hver demo-enhet har en leder');
  });
  org.employees.forEach((e, i) => {
    if (!e.aadObjectId) issue(['employees', i, 'aadObjectId'], 'mangler; Playground-brukerne finnes ved Entra-objekt-id');
  });
  if (org.units.filter((u) => u.parentUnitId === undefined).length !== 1) {
    issue(['units'], 'nøyaktig én enhet skal mangle parentUnitId (toppen av organisasjonen)');
  }
  return org as DemoOrg;
});

/** The import schema, then the demo's extra requirements. */
export const demoOrgSchema = orgImportSchema.pipe(demoExtras);
