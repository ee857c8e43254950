/**
 * `npm run bench:gap` — a synthetic municipality the size of Bærum (12,500 employees in 200
 * units) with competence registrations, on the embedded store (lowdb files in a temp dir), or
 * with `BENCH_DATABASE_URL=postgres://…` on PostgreSQL (a fresh schema, dropped afterwards).
 * Prints:
 *  1. the whole-municipality gap (service call: access check, reading every registration, computing);
 *  2. one unit's gap, for every leaf unit (p50 and p99);
 *  3. saving one registration section at that size (p50/p99 over sequential saves through the
 *     service: validation, version check, write of one shard file).
 * The last line is one JSON object: {"employees","units","municipalityGapMs","unitGapMs","saveP50Ms","saveP99Ms"}
 * (municipalityGapMs: median of 5 runs; unitGapMs: p99 over the units of each unit's median of 3 runs).
 * Targets: municipality < 1 s, unit < 20 ms, save p99 < 50 ms.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/logging/logger.js';
import { loadCompetenceContent } from '../src/modules/registration/catalogue/catalogue.js';
import { createCompetenceService } from '../src/modules/gap/gap-service.js';
import { createGapContext } from '../src/modules/gap/context.js';
import { computeMunicipalityGap } from '../src/modules/gap/gap.js';
import { applySection, type CompetenceRegistration, type RegistrationSection } from '../src/modules/registration/sections.js';
import { validateSection } from '../src/modules/registration/validation.js';
import type { Employee, OrgSnapshot, Unit } from '../src/modules/org/model.js';
import { createAccessPolicy, createOrgDirectory } from '../src/modules/org/org-directory.js';
import { loadQaContent } from '../src/modules/qa/qa-service.js';
import { systemClock } from '../src/shared/dates.js';
import { openLowdbStore } from '../src/storage/lowdb/lowdb-store.js';
import { openPostgresStore } from '../src/storage/postgres/postgres-store.js';
import type { Store } from '../src/storage/ports/store.js';
import pg from 'pg';
import { projectRoot } from '../src/util/project-root.js';
import { percentile, SAVE_SECTIONS } from './bench-stats.js';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 12_500);
const UNITS = 200;
const SAVES = Number(process.env.BENCH_SAVES ?? 500);
const REGISTERED_SHARE = 0.85;

// Deterministic pseudo-random numbers (mulberry32), so runs are comparable.
let seed = 20261123;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const chance = (p: number) => random() < p;

const round = (ms: number) => Number(ms.toFixed(3));

// ---------------------------------------------------------------------------------------------
// The content and the synthetic organisation

const contentDir = join(projectRoot, 'content');
const { kb } = loadQaContent(contentDir);
const content = loadCompetenceContent(contentDir, kb);

type Kind = 'skole' | 'barnehage' | 'omsorg' | 'stab';
const SECTORS: { id: string; name: string; kind: Kind; share: number }[] = [
  { id: 'skole', name: 'Skole', kind: 'skole', share: 0.3 },
  { id: 'barnehage', name: 'Barnehage', kind: 'barnehage', share: 0.15 },
  { id: 'pleie-og-omsorg', name: 'Pleie og omsorg', kind: 'omsorg', share: 0.3 },
  { id: 'bistand', name: 'Bistand og habilitering', kind: 'omsorg', share: 0.12 },
  { id: 'barnevern-og-helse', name: 'Barn, unge og helse', kind: 'omsorg', share: 0.05 },
  { id: 'teknisk', name: 'Teknisk og brann', kind: 'stab', share: 0.04 },
  { id: 'organisasjon', name: 'Organisasjon og styring', kind: 'stab', share: 0.04 },
];
/** Positions per kind of unit: [title, code, weight]. The first is the unit's leader. */
const POSITIONS: Record<Kind, [string, string, number][]> = {
  skole: [['Rektor', '7451', 0], ['Assisterende rektor', '9954', 2], ['Lektor', '7954', 20], ['Adjunkt', '7957', 30], ['Lærer', '7958', 15], ['Barne- og ungdomsarbeider', '7039', 10], ['Assistent', '7040', 15]],
  barnehage: [['Styrer', '7438', 0], ['Pedagogisk leder', '7211', 25], ['Barnehagelærer', '7212', 10], ['Barne- og ungdomsarbeider', '7039', 25], ['Assistent', '7040', 35]],
  omsorg: [['Enhetsleder', '7440', 0], ['Avdelingsleder', '9454', 3], ['Sykepleier', '7174', 25], ['Spesialsykepleier', '7176', 5], ['Vernepleier', '7520', 8], ['Helsefagarbeider', '7523', 35], ['Assistent', '7040', 25]],
  stab: [['Enhetsleder', '7440', 0], ['HR-rådgiver', '1064', 30], ['Brannsjef', '8000', 1], ['Barnevernsleder', '8001', 1], ['Avdelingsleder', '9454', 5], ['Assistent', '7040', 10]],
};
const FIRST = ['Anne', 'Bjørn', 'Camilla', 'Dag', 'Eva', 'Frode', 'Gro', 'Håkon', 'Ingrid', 'Jonas', 'Kari', 'Lars', 'Marte', 'Nils', 'Åse', 'Øystein'];
const LAST = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Berg', 'Haugen', 'Bakken', 'Ødegård', 'Sæther'];

function buildOrg(): OrgSnapshot {
  const units: Unit[] = [{ id: 'kommunedirektoren', name: 'Kommunedirektøren', leaderEmployeeId: 'e00001' }];
  const employees: Employee[] = [];
  let next = 1;
  const person = (unitId: string, title: string, code: string, roles: Employee['roles'] = []): Employee => {
    const employeeId = `e${String(next++).padStart(5, '0')}`;
    const e: Employee = {
      employeeId,
      name: `${pick(FIRST)} ${pick(LAST)}`,
      upn: `${employeeId}@baerum.example`,
      unitId,
      position: { title, code },
      employmentPercent: pick([50, 60, 80, 100, 100, 100]),
      roles,
    };
    employees.push(e);
    return e;
  };
  person('kommunedirektoren', 'Kommunedirektør', '9210', ['leder']);
  const leafUnits = UNITS - 1 - SECTORS.length;
  const leafCounts = SECTORS.map((s) => Math.max(1, Math.round(s.share * leafUnits)));
  leafCounts[0]! += leafUnits - leafCounts.reduce((a, b) => a + b, 0);
  const leaves: { unit: Unit; kind: Kind }[] = [];
  SECTORS.forEach((s, i) => {
    const sectorLeader = person(s.id, `Kommunalsjef ${s.name.toLowerCase()}`, '9211', ['leder']);
    units.push({ id: s.id, name: s.name, leaderEmployeeId: sectorLeader.employeeId, parentUnitId: 'kommunedirektoren' });
    for (let n = 1; n <= leafCounts[i]!; n++) {
      const id = `${s.id}-${n}`;
      const unit: Unit = { id, name: `${s.name} ${n}`, parentUnitId: s.id };
      units.push(unit);
      leaves.push({ unit, kind: s.kind });
    }
  });
  // An HR department with the HR role in the organisation sector.
  for (const { unit, kind } of leaves) {
    const [title, code] = POSITIONS[kind][0]!;
    unit.leaderEmployeeId = person(unit.id, title, code, ['leder']).employeeId;
  }
  const hr = leaves.find((l) => l.kind === 'stab')!.unit;
  person(hr.id, 'HR-rådgiver', '1064', ['hr']);
  // The rest, spread evenly over the leaf units.
  let i = 0;
  while (employees.length < EMPLOYEES) {
    const { unit, kind } = leaves[i++ % leaves.length]!;
    const positions = POSITIONS[kind].slice(1);
    const total = positions.reduce((a, p) => a + p[2], 0);
    let r = random() * total;
    const [title, code] = positions.find((p) => (r -= p[2]) < 0) ?? positions[0]!;
    person(unit.id, title, code);
  }
  return { units, employees, importedAt: new Date().toISOString(), source: 'bench' };
}

/** A plausible registration for the person's profile: most requirements met, some gaps. */
function buildRegistration(e: Employee, now: Date): CompetenceRegistration {
  const profile = content.profileFor(e.position);
  const at = now.toISOString();
  const reg: CompetenceRegistration = {
    employeeId: e.employeeId,
    version: 1,
    createdAt: at,
    updatedAt: at,
    education: [],
    experience: [],
    courses: [],
    certifications: [],
    languages: [{ language: 'Norsk', level: chance(0.9) ? pick([3, 4]) : 2 }],
    digitalSkills: [{ tool: pick(['Teams', 'Visma', 'Gerica', 'Vigilo', 'Public 360']), level: pick([1, 2, 3, 4]) }],
    selfAssessment: [],
    mobilisation: { competenceIds: [] },
  };
  if (chance(0.2)) reg.languages.push({ language: pick(['Engelsk', 'Polsk', 'Arabisk', 'Somali', 'Tigrinja']), level: pick([2, 3, 4]) });
  const formal = new Set<string>();
  let level = 'videregaende';
  for (const r of profile?.requirements ?? []) {
    const option = pick(r.options);
    for (const m of option.members) {
      const c = content.competenceById.get(m.competenceId)!;
      if (c.kind === 'skill') {
        if (chance(0.9)) reg.selfAssessment.push({ competenceId: c.id, level: Math.max(1, Math.min(4, (m.level ?? 2) + pick([-1, 0, 0, 1]))) });
      } else if (chance(r.priority === 'required' ? 0.85 : 0.3)) {
        if (c.educationLevel) level = c.educationLevel === 'master' || level === 'master' ? 'master' : c.educationLevel;
        else formal.add(c.id);
      }
    }
  }
  const certs = [...formal].filter((id) => ['sertifisering', 'autorisasjon'].includes(content.competenceById.get(id)!.category));
  const experience = [...formal].filter((id) => content.competenceById.get(id)!.category === 'erfaring');
  const education = [...formal].filter((id) => !certs.includes(id) && !experience.includes(id));
  reg.education.push({ level, field: 'Relevant utdanning', completedYear: 1990 + Math.floor(random() * 35), inProgress: false, competenceIds: education });
  if (chance(0.1)) reg.education.push({ level: 'master', field: 'Videreutdanning', inProgress: true, competenceIds: [] });
  for (const id of certs) {
    const days = Math.floor(random() * 1500) - 200;
    const validUntil = content.competenceById.get(id)!.hasValidity || chance(0.3) ? new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10) : undefined;
    reg.certifications.push({ competenceId: id, name: content.competenceById.get(id)!.name, ...(validUntil ? { validUntil } : {}) });
  }
  if (experience.length) reg.experience.push({ role: e.position.title, from: '2012-01', competenceIds: experience });
  reg.courses.push({ name: 'Introduksjonskurs for nyansatte', completedOn: '2024-09-01', inProgress: false, competenceIds: [] });
  if (chance(0.15)) reg.mobilisation = { competenceIds: [pick(['veiledning', 'flere-sprak', 'velferdsteknologi', 'innovasjon', 'ledelse-kompetanseledelse'])], note: 'Har erfaring jeg gjerne vil bruke mer.' };
  return reg;
}

// ---------------------------------------------------------------------------------------------
// Run

const dir = mkdtempSync(join(tmpdir(), 'kbot-bench-gap-'));
const file = join(dir, 'data', 'kompetansebot.json');
const databaseUrl = process.env.BENCH_DATABASE_URL;
const schema = `kbbench_gap_${process.pid}`;
const openBenchStore = (): Promise<Store> => (databaseUrl ? openPostgresStore(databaseUrl, { schema }) : openLowdbStore(file));
console.log(`store: ${databaseUrl ? `PostgreSQL (schema ${schema})` : 'lowdb files'}`);
try {
  const t0 = performance.now();
  const org = buildOrg();
  const directory = createOrgDirectory(org);
  const access = createAccessPolicy(directory);
  const now = systemClock.now();
  const store = await openBenchStore();
  const registered = org.employees.filter(() => chance(REGISTERED_SHARE));
  // Concurrent saves of one shard coalesce into few writes (steno), so seeding is quick.
  await Promise.all(registered.map((e) => store.registrations.save(buildRegistration(e, now), 0)));
  await store.close();
  const shardDir = join(dir, 'data', 'kompetansebot.registrations');
  const shardSizes = databaseUrl ? [] : readdirSync(shardDir).map((f) => statSync(join(shardDir, f)).size);
  const layout = databaseUrl
    ? 'in PostgreSQL'
    : `in ${shardSizes.length} shard files of ~${Math.round(shardSizes.reduce((a, b) => a + b, 0) / shardSizes.length / 1024)} KB`;
  console.log(
    `municipality: ${org.employees.length} employees, ${org.units.length} units, ${registered.length} registrations ` +
      `${layout} (built in ${Math.round(performance.now() - t0)} ms)`,
  );

  // Reopen, as the bot would after a restart.
  const tOpen = performance.now();
  const reopened = await openBenchStore();
  console.log(`store opened in ${Math.round(performance.now() - tOpen)} ms (${await reopened.registrations.count()} registrations validated)`);

  const service = createCompetenceService({
    content,
    registrations: reopened.registrations,
    org: { directory: () => directory, access: () => access },
    clock: systemClock,
    logger: silentLogger,
  });
  const hrId = org.employees.find((e) => e.roles.includes('hr'))!.employeeId;

  // 1. Whole municipality.
  await service.municipalityGap(hrId); // warm-up
  const municipalityTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await service.municipalityGap(hrId);
    municipalityTimes.push(performance.now() - t);
    if (!r.ok) throw new Error(`municipality gap refused: ${r.reason}`);
  }
  const municipalityGapMs = percentile(municipalityTimes, 50);
  const all = new Map((await reopened.registrations.all()).map((r) => [r.employeeId, r]));
  const tPure = performance.now();
  const pure = computeMunicipalityGap(createGapContext(content, now), org.units, org.employees, all);
  const pureMs = round(performance.now() - tPure);
  console.log(
    `municipality gap: median ${municipalityGapMs} ms over 5 runs (computation alone ${pureMs} ms); ` +
      `${pure.summary.peopleWithCritical} people with critical gaps, ${pure.coverage.rows.length} coverage rows`,
  );

  // 2. One unit, for every leaf unit, by its own leader. Each unit three times; the unit's time is
  // the median of its three, so one scheduler hiccup on a busy machine does not count as the unit's cost.
  const leaves = org.units.filter((u) => u.parentUnitId && u.parentUnitId !== 'kommunedirektoren');
  for (const u of leaves.slice(0, 10)) await service.unitGap(u.leaderEmployeeId!, u.id); // warm-up
  const unitTimes: number[] = [];
  const rawUnitTimes: number[] = [];
  let people = 0;
  for (const u of leaves) {
    const runs: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      const r = await service.unitGap(u.leaderEmployeeId!, u.id);
      runs.push(performance.now() - t);
      if (!r.ok) throw new Error(`unit gap refused: ${r.reason}`);
      if (k === 0) people += r.gap.summary.people;
    }
    rawUnitTimes.push(...runs);
    unitTimes.push(percentile(runs, 50));
  }
  const unitGapMs = percentile(unitTimes, 99);
  console.log(
    `unit gap: ${leaves.length} units (~${Math.round(people / leaves.length)} people each), median of 3 runs per unit: ` +
      `p50 ${percentile(unitTimes, 50)} ms, p99 ${unitGapMs} ms (all ${rawUnitTimes.length} runs: p99 ${percentile(rawUnitTimes, 99)} ms, max ${round(Math.max(...rawUnitTimes))} ms)`,
  );

  // 3. Saving one section, sequentially, as employees do.
  const sections = SAVE_SECTIONS as readonly [RegistrationSection, unknown][];
  // Sanity: the inputs are valid.
  for (const [section, input] of sections) {
    const v = validateSection(section, input, { content, now });
    if (!v.ok) throw new Error(`bench input invalid: ${JSON.stringify(v.errors)}`);
    applySection(undefined, section, v.value as never, { employeeId: 'x', now });
  }
  const saveTimes: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const e = pick(org.employees);
    const [section, input] = sections[i % sections.length]!;
    const version = (await reopened.registrations.get(e.employeeId))?.version ?? 0;
    const t = performance.now();
    const r = await service.saveSection(e.employeeId, section, input, version);
    saveTimes.push(performance.now() - t);
    if (!r.ok) throw new Error(`save failed: ${JSON.stringify(r.errors)}`);
  }
  const saveP50Ms = percentile(saveTimes, 50);
  const saveP99Ms = percentile(saveTimes, 99);
  console.log(`save one section: ${SAVES} sequential saves: p50 ${saveP50Ms} ms, p99 ${saveP99Ms} ms (max ${round(Math.max(...saveTimes))} ms)`);
  await reopened.close();

  const targets = [
    ['municipality < 1000 ms', municipalityGapMs < 1000],
    ['unit < 20 ms', unitGapMs < 20],
    ['save p99 < 50 ms', saveP99Ms < 50],
  ] as const;
  console.log(`targets: ${targets.map(([t, ok]) => `${t} ${ok ? 'OK' : 'MISSED'}`).join('; ')}`);
  console.log(JSON.stringify({ employees: org.employees.length, units: org.units.length, municipalityGapMs, unitGapMs, saveP50Ms, saveP99Ms }));
} finally {
  // BENCH_KEEP_DATA=<dir>: keep the seeded data there (for scripts/bench-gap-paired.ts).
  if (process.env.BENCH_KEEP_DATA && !databaseUrl) cpSync(dir, process.env.BENCH_KEEP_DATA, { recursive: true });
  rmSync(dir, { recursive: true, force: true });
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}
