import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../../src/util/project-root.js';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { createOrgService, OrgSeedError } from '../../../src/modules/org/org-service.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openLowdbStore } from '../../../src/storage/lowdb/lowdb-store.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import { P, SMALL_ORG_CSV, SMALL_ORG_JSON } from './helpers.js';

const clock = fixedClock('2026-11-23T10:00:00Z');
const csv = readFileSync(SMALL_ORG_CSV, 'utf8');
const json = readFileSync(SMALL_ORG_JSON, 'utf8');
const tmpData = () => join(mkdtempSync(join(tmpdir(), 'kbot-org-')), 'data', 'db.json');

describe('org service', () => {
  it('When a valid file is imported, then the report gives the counts and the new people can be identified at once', async () => {
    const org = await createOrgService({ store: await openMemoryStore(), clock, logger: silentLogger });
    expect(org.identify({ upn: 'lars.laerer@testvik.kommune.no' })).toBeUndefined();
    const report = await org.importOrg(csv, 'ansatte.csv');
    expect(report).toEqual({ imported: true, units: 5, employees: 8, errors: [] });
    expect(org.identify({ upn: 'LARS.LAERER@testvik.kommune.no' })?.employeeId).toBe(P.laerer);
    expect(org.directory().snapshot.source).toBe('ansatte.csv');
    expect(org.access().canViewEmployee(P.rektor, P.laerer)).toEqual({ allowed: true });
  });

  it('When a file with one bad row is imported, then nothing is imported and the previous organisation stays, stored and in use', async () => {
    const store = await openMemoryStore();
    const org = await createOrgService({ store, clock, logger: silentLogger });
    await org.importOrg(json, 'org.json');
    const before = await store.org.load();

    // A new, otherwise valid organisation where one row has a bad stillingsprosent.
    const next = csv.replace('lars.laerer@', 'lars.lerer@').replace(';Lektor;7954;80 %;', ';Lektor;7954;800;');
    const report = await org.importOrg(next, 'ny.csv');
    expect(report.imported).toBe(false);
    expect(report.errors).toEqual([{ line: 5, message: 'stillingsprosent: må være mellom 0 og 100 (verdi «800»)' }]);
    expect(await store.org.load()).toEqual(before);
    expect(org.directory().snapshot.source).toBe('org.json');
    expect(org.identify({ upn: 'lars.laerer@testvik.kommune.no' })?.employeeId).toBe(P.laerer);
    expect(org.identify({ upn: 'lars.lerer@testvik.kommune.no' })).toBeUndefined();
  });

  it('When a new organisation replaces the old one, then people no longer in it are unknown', async () => {
    const org = await createOrgService({ store: await openMemoryStore(), clock, logger: silentLogger });
    await org.importOrg(csv, 'a.csv');
    const withoutAnne = csv
      .split('\n')
      .filter((l) => !l.startsWith('1006;'))
      .join('\n');
    expect((await org.importOrg(withoutAnne, 'b.csv')).employees).toBe(7);
    expect(org.identify({ upn: 'anne.assistent@testvik.kommune.no' })).toBeUndefined();
  });

  it('When the bot restarts, then the imported organisation is still there, in its own file beside DATA_FILE', async () => {
    const file = tmpData();
    const first = await openLowdbStore(file);
    await (await createOrgService({ store: first, clock, logger: silentLogger })).importOrg(csv, 'a.csv');
    await first.close();
    expect(JSON.parse(readFileSync(file.replace(/\.json$/, '.org.json'), 'utf8')).snapshot.employees).toHaveLength(8);

    const again = await createOrgService({ store: await openLowdbStore(file), clock, logger: silentLogger });
    expect(again.identify({ aadObjectId: '11111111-1111-4111-8111-111111111003' })?.name).toBe('Randi Rektor');
  });

  it('When «hvem er jeg» data is asked for, then it has the person\'s own unit, position, leader and roles', async () => {
    const org = await createOrgService({ store: await openMemoryStore(), clock, logger: silentLogger });
    await org.importOrg(json, 'org.json');
    const view = org.describeSelf(P.rektor)!;
    expect(view.unit?.name).toBe('Nordby skole');
    expect(view.parentUnit?.name).toBe('Oppvekst');
    expect(view.leader).toEqual({ name: 'Kjell Kommunalsjef', title: 'Kommunalsjef oppvekst' });
    expect(view.leads.map((u) => u.id)).toEqual(['nordby-skole']);
    expect(view.roles).toEqual(['leder']);
    expect(org.describeSelf('9999')).toBeUndefined();
  });

  it('When two imports run at once, then the last one wins in both store and directory', async () => {
    const store = await openMemoryStore();
    const org = await createOrgService({ store, clock, logger: silentLogger });
    await Promise.all([org.importOrg(json, 'first.json'), org.importOrg(csv, 'second.csv')]);
    expect((await store.org.load())?.source).toBe('second.csv');
    expect(org.directory().snapshot.source).toBe('second.csv');
  });
});

describe('since when someone has their role (#17)', () => {
  it('When a later import makes Stine leader of another unit, then her start is the import time – also after a restart; unchanged people keep none, and the first import sets nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kbot-org-since-'));
    const dataFile = join(dir, 'db.json');
    const first = await createOrgService({ store: await openLowdbStore(dataFile), clock: fixedClock('2026-11-01T10:00:00Z'), logger: silentLogger });
    await first.importOrg(json, 'org.json');
    expect(first.directory().snapshot.roleSince).toBeUndefined();

    const moved = JSON.parse(json) as { units: { id: string; leaderEmployeeId?: string }[] };
    for (const u of moved.units) if (u.id === 'nordby-skole') u.leaderEmployeeId = P.styrer;
    const later = await createOrgService({ store: await openLowdbStore(dataFile), clock: fixedClock('2026-12-01T09:00:00Z'), logger: silentLogger });
    expect((await later.importOrg(JSON.stringify(moved), 'ny.json')).imported).toBe(true);
    const since = later.directory().snapshot.roleSince!;
    expect(since[P.styrer]).toBe('2026-12-01T09:00:00.000Z');
    expect(since[P.rektor]).toBe('2026-12-01T09:00:00.000Z'); // Randi no longer leads Nordby skole
    expect(since[P.laerer]).toBeUndefined();

    // The same file again a day later: Stine's start stays.
    const again = await createOrgService({ store: await openLowdbStore(dataFile), clock: fixedClock('2026-12-02T09:00:00Z'), logger: silentLogger });
    await again.importOrg(JSON.stringify(moved), 'ny.json');
    expect(again.directory().snapshot.roleSince![P.styrer]).toBe('2026-12-01T09:00:00.000Z');
  });
});

describe('org seeding at start', () => {
  it('When the store is empty and a seed file is set, then it is imported; when an organisation is stored, then it is kept', async () => {
    const store = await openMemoryStore();
    const seeded = await createOrgService({ store, clock, logger: silentLogger, seedFile: SMALL_ORG_JSON });
    expect(seeded.directory().snapshot.employees).toHaveLength(8);

    await seeded.importOrg(csv.split('\n').slice(0, 3).join('\n'), 'liten.csv');
    const restarted = await createOrgService({ store, clock, logger: silentLogger, seedFile: SMALL_ORG_JSON });
    expect(restarted.directory().snapshot.source).toBe('liten.csv');
  });

  it('When the seed file is invalid or missing, then the start fails with the errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kbot-seed-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, csv.replace(';Lektor;7954;80 %;', ';Lektor;7954;;'));
    await expect(createOrgService({ store: await openMemoryStore(), clock, logger: silentLogger, seedFile: bad })).rejects.toThrow(
      /bad\.csv \(ORG_SEED_FILE\) kan ikke importeres:\n- linje 5: stillingsprosent: mangler/,
    );
    await expect(createOrgService({ store: await openMemoryStore(), clock, logger: silentLogger, seedFile: join(dir, 'nope.json') })).rejects.toBeInstanceOf(OrgSeedError);
  });

  it('When the bot runs in local mode, then the demo organisation is the default seed; in cloud mode there is none', () => {
    // The shipped content is found where the app is installed, whatever the working folder; CONTENT_DIR is relative to it.
    expect(loadConfig({ BOT_MODE: 'local' }, '/app').orgSeedFile).toBe(join(projectRoot, 'content/org/demo-org.json'));
    expect(loadConfig({ BOT_MODE: 'local', CONTENT_DIR: 'innhold' }, '/app').orgSeedFile).toBe('/app/innhold/org/demo-org.json');
    expect(loadConfig({ BOT_MODE: 'local', ORG_SEED_FILE: 'none' }, '/app').orgSeedFile).toBeUndefined();
    expect(loadConfig({ BOT_APP_ID: 'id', BOT_APP_PASSWORD: 'pw', PUBLIC_BASE_URL: 'https://bot.example.no' }, '/app').orgSeedFile).toBeUndefined();
    expect(loadConfig({ BOT_APP_ID: 'id', BOT_APP_PASSWORD: 'pw', PUBLIC_BASE_URL: 'https://bot.example.no', ORG_SEED_FILE: 'hr/ansatte.csv' }, '/app').orgSeedFile).toBe('/app/hr/ansatte.csv');
  });

  it('When the shipped demo organisation seeds a fresh store, then the Playground\'s default user is known', async () => {
    const config = loadConfig({ BOT_MODE: 'local' });
    const org = await createOrgService({ store: await openMemoryStore(), clock, logger: silentLogger, seedFile: config.orgSeedFile });
    // Kari Solheim, rektor, the currentUser in .m365agentsplayground.yml
    expect(org.identify({ aadObjectId: '555ac447-9d7c-4917-a7be-c0f80eb6e72e' })?.position.title).toBe('Rektor');
  });
});
