/**
 * `npm run db:import-lowdb -- <datafil.json>` moves a lowdb data file (DATA_FILE and the files
 * beside it) into the PostgreSQL database at DATABASE_URL, without loss: every record is copied
 * as it is, then the records of each collection are counted in the source and found in the
 * target, and printed. Exit 1 when a count does not match. Idempotent: running it again adds
 * nothing. Stop the bot that uses the file first.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.js';
import { arshjulFileFor } from '../storage/lowdb/arshjul-repository.js';
import { hrQuestionsFileFor } from '../storage/lowdb/hr-question-repository.js';
import { kvShardDirFor, openLowdbStore } from '../storage/lowdb/lowdb-store.js';
import { outboxIndexFileFor } from '../storage/lowdb/outbox-repository.js';
import { hrQuestionRecordSchema } from '../modules/hr-questions/model.js';
import { feedbackRecordSchema } from '../modules/qa/model.js';
import { auditEntrySchema, type AuditEntry } from '../storage/ports/audit.js';
import type { OutboxItemRecord } from '../storage/ports/delivery.js';
import { CorruptStoreError } from '../storage/ports/errors.js';
import { versionedValueSchema, type VersionedValue } from '../storage/ports/kv.js';
import { importRecords, type ImportCount, type StoreExport } from '../storage/postgres/import-records.js';
import { runMigrations } from '../storage/postgres/migrate.js';
import { checkConnection, createPool, describeUrl, PostgresUnavailableError, type PoolOptions } from '../storage/postgres/pool.js';

const kvShardSchema = z.object({ items: z.record(versionedValueSchema) });
const mainFileSchema = z
  .object({
    /** Files written before turn state moved to `<data>.kv/`; opening the store moves it out. */
    kv: z.record(versionedValueSchema).optional(),
    feedback: z.record(feedbackRecordSchema),
  })
  .passthrough();
const auditShardSchema = z.object({
  items: z.record(
    z.object({
      samtaleId: z.string(),
      entries: z.array(auditEntrySchema),
    }),
  ),
});
const arshjulFileSchema = z.object({ sent: z.record(z.object({ occurrenceId: z.string(), at: z.string() })) }).passthrough();
const hrQuestionsFileSchema = z.object({
  questions: z.record(hrQuestionRecordSchema),
  declines: z.record(z.record(z.number())),
});
const outboxIndexSchema = z.object({ campaigns: z.record(z.object({ id: z.string() }).passthrough()) });

function readJson<S extends z.ZodTypeAny>(file: string, schema: S): z.infer<S> | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new CorruptStoreError(file, `uventet innhold: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/**
 * Reads everything a lowdb data file holds. The repositories are used where the port can list
 * (they validate the files and replay the outbox journal); the rest is read from the files.
 */
export async function readLowdbExport(dataFile: string): Promise<StoreExport> {
  const store = await openLowdbStore(dataFile);
  try {
    const main = readJson(dataFile, mainFileSchema)!;
    const base = dataFile.replace(/\.json$/i, '');
    // Turn state: the shard files, plus any still in the main file that no shard has.
    const kv = new Map<string, VersionedValue>();
    const kvDir = kvShardDirFor(dataFile);
    if (existsSync(kvDir)) {
      for (const name of readdirSync(kvDir).filter((n) => n.endsWith('.json')).sort()) {
        for (const [key, item] of Object.entries(readJson(join(kvDir, name), kvShardSchema)!.items)) kv.set(key, item);
      }
    }
    for (const [key, item] of Object.entries(main.kv ?? {})) if (!kv.has(key)) kv.set(key, item);
    const auditDir = `${base}.samtale-audit`;
    const audit: AuditEntry[] = [];
    if (existsSync(auditDir)) {
      for (const name of readdirSync(auditDir).filter((n) => n.endsWith('.json')).sort()) {
        for (const log of Object.values(readJson(join(auditDir, name), auditShardSchema)!.items)) audit.push(...log.entries);
      }
    }
    const arshjul = readJson(arshjulFileFor(dataFile), arshjulFileSchema);
    const hr = readJson(hrQuestionsFileFor(dataFile), hrQuestionsFileSchema);
    const campaignIds = Object.keys(readJson(outboxIndexFileFor(dataFile), outboxIndexSchema)?.campaigns ?? {});
    const outboxCampaigns = [];
    const outboxItems: OutboxItemRecord[] = [];
    for (const id of campaignIds) {
      const campaign = await store.outbox.getCampaign(id);
      if (campaign) outboxCampaigns.push(campaign);
      outboxItems.push(...(await store.outbox.list(id)));
    }
    return {
      kv: [...kv].map(([key, v]) => ({ key, value: v.value, eTag: v.eTag })),
      feedback: Object.values(main.feedback),
      org: await store.org.load(),
      registrations: await store.registrations.all(),
      samtaler: await store.samtaler.all(),
      audit,
      arshjulTasks: await store.arshjul.tasks(),
      arshjulClaims: Object.entries(arshjul?.sent ?? {}).map(([key, s]) => ({ key, occurrenceId: s.occurrenceId, at: s.at })),
      arshjulLastPlanningRun: await store.arshjul.lastPlanningRun(),
      conversationRefs: await store.conversationRefs.all(),
      outboxCampaigns,
      outboxItems,
      jobs: await store.jobs.list(),
      hrQuestions: Object.values(hr?.questions ?? {}),
      hrDeclines: Object.entries(hr?.declines ?? {}).flatMap(([day, perDay]) => Object.entries(perDay).map(([text, count]) => ({ day, text, count }))),
    };
  } finally {
    await store.close();
  }
}

/** Migrates the database, imports the file, and returns the counts per collection. */
export async function importLowdbFile(dataFile: string, databaseUrl: string, opts: PoolOptions = {}): Promise<ImportCount[]> {
  const data = await readLowdbExport(dataFile);
  const pool = createPool(databaseUrl, { ...opts, max: 2 });
  try {
    await checkConnection(pool, databaseUrl);
    await runMigrations(pool, opts.schema);
    return await importRecords(pool, data);
  } finally {
    await pool.end();
  }
}

/** The counts as a table; `ok` is false when a source record is missing in the target. */
export function formatCounts(counts: ImportCount[]): { text: string; ok: boolean } {
  const header = ['samling', 'i lowdb', 'lagt til nå', 'funnet i PostgreSQL', 'i alt i PostgreSQL', ''];
  const rows = counts.map((c) => [c.collection, String(c.source), String(c.added), String(c.found), String(c.targetTotal), c.found === c.source ? 'ok' : 'AVVIK']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return { text: [line(header), ...rows.map(line)].join('\n'), ok: counts.every((c) => c.found === c.source) };
}

async function run(args: string[]): Promise<number> {
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length !== 1 || args.includes('--help')) {
    console.error('Bruk: DATABASE_URL=postgres://… npm run db:import-lowdb -- <datafil.json>\nFlytter en lowdb-datafil (og filene ved siden av) inn i PostgreSQL. Stopp boten som bruker filen først.');
    return 2;
  }
  const dataFile = resolve(files[0]!);
  if (!existsSync(dataFile)) {
    console.error(`Finner ikke datafilen ${dataFile}.`);
    return 2;
  }
  const config = loadConfig({ ...process.env, BOT_MODE: 'local', STORAGE: 'postgres' });
  if (config.storage.kind !== 'postgres') return 2;
  const counts = await importLowdbFile(dataFile, config.storage.databaseUrl);
  const { text, ok } = formatCounts(counts);
  console.log(`Fra ${dataFile} til ${describeUrl(config.storage.databaseUrl)}:\n\n${text}\n`);
  console.log(ok ? 'Alt er flyttet: hver post i lowdb finnes i PostgreSQL.' : 'AVVIK: noen poster i lowdb finnes ikke i PostgreSQL (se over).');
  return ok ? 0 : 1;
}

const isEntryPoint = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isEntryPoint) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof ConfigError || err instanceof PostgresUnavailableError || err instanceof CorruptStoreError ? err.message : err);
      process.exit(1);
    },
  );
}
