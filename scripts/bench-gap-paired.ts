/**
 * bench:gap's «save one section», before and after a change, in ONE process: the same seeded data,
 * the same heap and the same machine load for both, saves interleaved (before/after, then
 * after/before). Separate bench:gap runs differ by how each run's seeding left the garbage collector
 * (±20–30 % between runs on a 2-core machine); this compares the save code only.
 *
 *   git worktree add --detach ../before 0f6350b && ln -s "$PWD/node_modules" ../before/node_modules
 *   BENCH_KEEP_DATA=/tmp/gap-data npm run bench:gap          # seeds 12,500 employees, keeps the data
 *   node --import tsx scripts/bench-gap-paired.ts ../before /tmp/gap-data
 *
 * The last line is one JSON object: {"saves","before":{"p50","p90","p99","mean"},"after":{…},"p50Ratio","meanRatio"}.
 * The «before» tree may be older than the #11 refactor (0f6350b): its module paths are looked up.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { projectRoot } from '../src/util/project-root.js';
import { percentile, SAVE_SECTIONS } from './bench-stats.js';

const [beforeArg, dataArg] = process.argv.slice(2);
if (!beforeArg || !dataArg || !existsSync(join(dataArg, 'data', 'kompetansebot.json'))) {
  console.error('Bruk: node --import tsx scripts/bench-gap-paired.ts <før-tre> <data fra BENCH_KEEP_DATA>');
  process.exit(2);
}
const SAVES = Number(process.env.BENCH_SAVES ?? 1500);

/** The first of `candidates` (paths under `src/`) that exists in the tree. */
function modulePath(root: string, ...candidates: string[]): string {
  const found = candidates.find((c) => existsSync(join(root, 'src', c.replace(/\.js$/, '.ts'))));
  if (!found) throw new Error(`none of ${candidates.join(', ')} in ${root}`);
  return join(root, 'src', found);
}

interface Saver {
  get(id: string): Promise<{ version: number } | undefined>;
  save(id: string, section: string, input: unknown, version: number): Promise<{ ok: boolean }>;
  close(): Promise<void>;
  dir: string;
}

async function open(root: string): Promise<Saver> {
  const { silentLogger } = await import(modulePath(root, 'logging/logger.js'));
  const { loadQaContent } = await import(modulePath(root, 'modules/qa/qa-service.js'));
  const { loadCompetenceContent } = await import(modulePath(root, 'modules/registration/catalogue/catalogue.js', 'modules/competence/catalogue.js'));
  const { createCompetenceService } = await import(modulePath(root, 'modules/gap/gap-service.js', 'modules/competence/competence-service.js'));
  const { systemClock } = await import(modulePath(root, 'shared/dates.js', 'scheduler/clock.js'));
  const { openLowdbStore } = await import(modulePath(root, 'storage/lowdb/lowdb-store.js'));
  const contentDir = join(root, 'content');
  const { kb } = loadQaContent(contentDir);
  const content = loadCompetenceContent(contentDir, kb);
  const dir = mkdtempSync(join(tmpdir(), 'kbot-gap-paired-'));
  cpSync(dataArg!, dir, { recursive: true });
  const store = await openLowdbStore(join(dir, 'data', 'kompetansebot.json'));
  const directory = { employee: (id: string) => ({ employeeId: id }) };
  const service = createCompetenceService({ content, registrations: store.registrations, org: { directory: () => directory, access: () => ({}) }, clock: systemClock, logger: silentLogger });
  return {
    get: (id) => store.registrations.get(id),
    save: (id, section, input, version) => service.saveSection(id, section, input, version),
    close: () => store.close(),
    dir,
  };
}

const trees = { before: await open(resolve(beforeArg)), after: await open(projectRoot) };
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
const times = { before: [] as number[], after: [] as number[] };
try {
  for (let i = 0; i < SAVES; i++) {
    const id = `e${String(1 + Math.floor(random() * 12_500)).padStart(5, '0')}`;
    const [section, input] = SAVE_SECTIONS[i % SAVE_SECTIONS.length]!;
    for (const which of i % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const)) {
      const tree = trees[which];
      const version = (await tree.get(id))?.version ?? 0;
      const t = performance.now();
      const r = await tree.save(id, section, input, version);
      times[which].push(performance.now() - t);
      if (!r.ok) throw new Error(`${which}: save failed for ${id}`);
    }
  }
} finally {
  for (const tree of Object.values(trees)) {
    await tree.close();
    rmSync(tree.dir, { recursive: true, force: true });
  }
}
const stats = (v: number[]) => ({ p50: percentile(v, 50), p90: percentile(v, 90), p99: percentile(v, 99), mean: Number((v.reduce((a, b) => a + b, 0) / v.length).toFixed(3)) });
const before = stats(times.before);
const after = stats(times.after);
console.log(`save one section, ${SAVES} interleaved saves each: before p50 ${before.p50} ms, after p50 ${after.p50} ms`);
console.log(JSON.stringify({ saves: SAVES, before, after, p50Ratio: Number((after.p50 / before.p50).toFixed(3)), meanRatio: Number((after.mean / before.mean).toFixed(3)) }));
