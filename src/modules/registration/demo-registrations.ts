/**
 * Fictional competence registrations for the demo organisation (content/org/demo-registrations.json),
 * saved in local mode when no registration is stored yet, so «kompetansegap» in the Playground
 * shows a real picture: critical legal gaps, levels below the requirement, certificates about to
 * expire, people who have not registered, and competence that is not used.
 *
 * Everything goes through {@link RegistrationService.saveSection}, so the seed obeys the same
 * validation as a person filling in the cards. An entry is only saved when the employee id and
 * the name both match the organisation, so fictional data never lands on a real person.
 * Dates written «@idag+40» / «@idag-20» are counted from today (Norwegian date), so a
 * certificate that expires «soon» always does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/dates.js';
import type { RegistrationRepository } from '../../storage/ports/registration.js';
import type { OrgAccess, RegistrationService } from './registration-service.js';
import { addDays, osloToday } from '../../shared/dates.js';
import { type RegistrationSection, SECTIONS } from './sections.js';

export const DEMO_REGISTRATIONS_FILE = 'org/demo-registrations.json';

const fileSchema = z.object({
  description: z.string().optional(),
  registrations: z.array(
    z
      .object({
        employeeId: z.string().min(1),
        name: z.string().min(1),
        sections: z.record(z.enum(SECTIONS), z.unknown()),
      })
      .strict(),
  ),
});

/** The seed file or one of its registrations is invalid; the message names the person and the field. */
export class DemoSeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoSeedError';
  }
}

const RELATIVE_DATE = /^@idag([+-]\d{1,5})$/;

/** Replaces «@idag±N» anywhere in a section input with a `YYYY-MM-DD` date. */
export function resolveDemoDates(value: unknown, today: string): unknown {
  if (typeof value === 'string') {
    const m = RELATIVE_DATE.exec(value);
    return m ? addDays(today, Number(m[1])) : value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveDemoDates(v, today));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDemoDates(v, today)]));
  return value;
}

export interface DemoSeedReport {
  seeded: number;
  skipped: number;
  /** True when registrations were already stored, so nothing was done. */
  alreadyStored: boolean;
}

/**
 * Saves the demo registrations when the store has none. Call it in local mode after the
 * organisation is loaded. Throws {@link DemoSeedError} when the file is broken.
 */
export async function seedDemoRegistrations(deps: {
  contentDir: string;
  competence: RegistrationService;
  registrations: Pick<RegistrationRepository, 'count'>;
  org: Pick<OrgAccess, 'directory'>;
  clock: Clock;
  logger: Logger;
  /** Defaults to `<contentDir>/org/demo-registrations.json`. */
  file?: string;
}): Promise<DemoSeedReport> {
  const log = deps.logger.child('competence');
  if ((await deps.registrations.count()) > 0) return { seeded: 0, skipped: 0, alreadyStored: true };
  const file = deps.file ?? join(deps.contentDir, DEMO_REGISTRATIONS_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DemoSeedError(`${file} kan ikke leses: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DemoSeedError(`${file}: ${parsed.error.issues.map((i) => `feltet «${i.path.join('.')}»: ${i.message}`).join('; ')}`);
  }
  const today = osloToday(deps.clock.now());
  const directory = deps.org.directory();
  let seeded = 0;
  let skipped = 0;
  for (const entry of parsed.data.registrations) {
    const employee = directory.employee(entry.employeeId);
    if (!employee || employee.name !== entry.name) {
      skipped++;
      continue;
    }
    let version = 0;
    for (const [section, input] of Object.entries(entry.sections) as [RegistrationSection, unknown][]) {
      const result = await deps.competence.saveSection(entry.employeeId, section, resolveDemoDates(input, today), version);
      if (!result.ok) {
        const errors = result.errors.map((e) => `${e.field || '(skjema)'}: ${e.message}`).join('; ');
        throw new DemoSeedError(`${file}: ${entry.name} (${entry.employeeId}), ${section}: ${errors}`);
      }
      version = result.registration.version;
    }
    seeded++;
  }
  log.info({ seeded, skipped }, 'competence.demo.seeded');
  return { seeded, skipped, alreadyStored: false };
}
