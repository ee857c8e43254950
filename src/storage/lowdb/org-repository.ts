import { z } from 'zod';
import { storedOrgSnapshotSchema } from '../../modules/org/model.js';
import type { OrgRepository } from '../ports/org.js';
import { MEMORY, openJsonDocument } from './json-document.js';

const orgFileSchema = z.object({ version: z.literal(1), snapshot: storedOrgSnapshotSchema.nullable() });

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
      return s ? structuredClone(s) : undefined;
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
