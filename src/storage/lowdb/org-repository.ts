import { z } from 'zod';
import { ORG_ROLES } from '../../modules/org/model.js';
import type { OrgRepository, OrgSnapshot } from '../ports.js';
import { MEMORY, openJsonDocument } from './json-document.js';

/**
 * The shape of a stored snapshot. Deliberately looser than the import schema: the import has
 * already checked the rules, and a rule added later must not turn yesterday's file into a
 * "corrupt" one that stops the bot.
 */
const snapshotSchema = z.object({
  units: z.array(
    z.object({ id: z.string(), name: z.string(), leaderEmployeeId: z.string().optional(), parentUnitId: z.string().optional() }),
  ),
  employees: z.array(
    z.object({
      employeeId: z.string(),
      name: z.string(),
      upn: z.string(),
      aadObjectId: z.string().optional(),
      unitId: z.string(),
      leaderEmployeeId: z.string().optional(),
      position: z.object({ title: z.string(), code: z.string() }),
      employmentPercent: z.number(),
      roles: z.array(z.enum(ORG_ROLES)),
    }),
  ),
  importedAt: z.string(),
  source: z.string(),
  roleSince: z.record(z.string()).optional(),
});

const orgFileSchema = z.object({ version: z.literal(1), snapshot: snapshotSchema.nullable() });

/** `data/kompetansebot.json` → `data/kompetansebot.org.json`. */
export function orgFileFor(dataFile: string): string {
  return dataFile === MEMORY ? MEMORY : `${dataFile.replace(/\.json$/i, '')}.org.json`;
}

/**
 * The organisation in its own JSON file beside DATA_FILE (it is replaced whole by each import,
 * and rewriting the main file for it would be wasteful). The write goes to a temporary file
 * that is then renamed, so a crash leaves the old or the new organisation, never half of one.
 */
export async function openLowdbOrgRepository(dataFile: string): Promise<OrgRepository> {
  const doc = await openJsonDocument(orgFileFor(dataFile), orgFileSchema, () => ({ version: 1 as const, snapshot: null }));
  return {
    async load() {
      const s = doc.data.snapshot;
      return s ? (structuredClone(s) as OrgSnapshot) : undefined;
    },
    async replace(snapshot) {
      const previous = doc.data.snapshot;
      doc.data.snapshot = structuredClone(snapshot);
      try {
        await doc.flush();
      } catch (err) {
        doc.data.snapshot = previous;
        throw err;
      }
    },
  };
}
