import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOrgFile } from '../../../src/modules/org/import.js';
import type { OrgSnapshot } from '../../../src/modules/org/model.js';
import { projectRoot } from '../../../src/util/project-root.js';

export const ORG_FIXTURES = join(projectRoot, 'test/fixtures/org');
export const SMALL_ORG_JSON = join(ORG_FIXTURES, 'small-org.json');
export const SMALL_ORG_CSV = join(ORG_FIXTURES, 'small-org.csv');

/** The small fixture organisation (Testvik kommune), see test/fixtures/org/small-org.json. */
export function smallOrg(): OrgSnapshot {
  const result = parseOrgFile(SMALL_ORG_JSON, readFileSync(SMALL_ORG_JSON, 'utf8'), new Date('2026-11-23T10:00:00Z'));
  if (!result.ok) throw new Error(`fixture invalid: ${JSON.stringify(result.errors)}`);
  return result.snapshot;
}

/** Employee numbers in the fixture, by what they are. */
export const P = {
  radmann: '1001', // leads «topp» (everything)
  kommunalsjef: '1002', // leads oppvekst → nordby-skole, sorby-barnehage
  rektor: '1003', // leads nordby-skole; no explicit «leder» role
  laerer: '1004', // nordby-skole
  styrer: '1005', // leads sorby-barnehage
  assistent: '1006', // sorby-barnehage; no Entra object id
  hr: '1007', // HR role, leads personal
  tillitsvalgt: '1008', // nordby-skole, tillitsvalgt + verneombud
} as const;
