/**
 * `npm run import:org -- <fil.csv|fil.json>` imports the organisation (who is who) from an
 * HR-system export. Every row is checked; with any error nothing is imported and the errors are
 * printed by line (exit 1). `--check` only validates. Uses STORAGE / DATA_FILE / DATABASE_URL like the bot.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { silentLogger } from '../logging/logger.js';
import { decodeOrgFile, parseOrgFile } from '../modules/org/import.js';
import { createOrgService } from '../modules/org/org-service.js';
import { CSV_COLUMNS } from '../modules/org/schema.js';
import { systemClock } from '../shared/dates.js';
import { openLowdbOrgRepository } from '../storage/lowdb/org-repository.js';
import { openStore } from '../storage/open-store.js';

const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const files = args.filter((a) => !a.startsWith('--'));

function usage(): string {
  const columns = Object.values(CSV_COLUMNS)
    .map((c) => `  ${c.names[0]}${c.required ? '' : ' (valgfri)'}${c.names.length > 1 ? `  – også: ${c.names.slice(1).join(', ')}` : ''}`)
    .join('\n');
  return [
    'Bruk: npm run import:org -- [--check] <fil.csv|fil.json>',
    '',
    'CSV: én rad per ansatt, overskriftsrad med kolonnenavn, skilletegn «;» eller «,». Kolonner:',
    columns,
    'Roller skilles med komma: leder, hr, tillitsvalgt, verneombud. Se content/org/example-import.csv.',
    'JSON: { "units": [...], "employees": [...] } som content/org/demo-org.json.',
    '--check: bare kontroller filen, importer ingenting.',
  ].join('\n');
}

async function run(): Promise<number> {
  if (files.length !== 1 || args.includes('--help')) {
    console.error(usage());
    return 2;
  }
  const path = resolve(files[0]!);
  let text: string;
  try {
    text = decodeOrgFile(readFileSync(path));
  } catch (err) {
    console.error(`Kan ikke lese ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return 2;
  }

  const printErrors = (errors: { line: number | null; message: string }[]) => {
    for (const e of errors) console.error(`${e.line === null ? '' : `linje ${e.line}: `}${e.message}`);
    console.error(`\n${errors.length} feil i ${path}. Ingenting er importert; rett feilene og prøv igjen.`);
  };

  if (checkOnly) {
    const parsed = parseOrgFile(path, text);
    if (!parsed.ok) {
      printErrors(parsed.errors);
      return 1;
    }
    console.log(`${path} er gyldig: ${parsed.snapshot.units.length} enheter, ${parsed.snapshot.employees.length} ansatte. Ingenting er importert (--check).`);
    return 0;
  }

  // BOT_MODE=local only so that no bot credentials are demanded; nothing is served.
  const config = loadConfig({ ...process.env, BOT_MODE: 'local' });
  // lowdb: only the organisation file is opened (a running bot owns the main data file).
  // PostgreSQL: one transaction replaces the organisation; running bots see it after restart.
  const pg = config.storage.kind === 'postgres' ? await openStore(config.storage) : undefined;
  const where = config.storage.kind === 'postgres' ? 'i PostgreSQL' : `ved ${config.dataFile}`;
  try {
    const repo = pg ? pg.org : await openLowdbOrgRepository(config.dataFile);
    const org = await createOrgService({ store: { org: repo }, clock: systemClock, logger: silentLogger });
    const report = await org.importOrg(text, path);
    if (!report.imported) {
      printErrors(report.errors);
      return 1;
    }
    console.log(`Importert fra ${path}: ${report.units} enheter, ${report.employees} ansatte (lagret ${where}).`);
  } finally {
    await pg?.close();
  }
  console.log('En bot som kjører nå, bruker den nye organisasjonen etter omstart.');
  return 0;
}

run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  },
);
