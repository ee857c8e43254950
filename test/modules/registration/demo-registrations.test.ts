import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logging/logger.js';
import { personStatusLines, renderUnitOverview } from '../../../src/modules/gap/cards.js';
import { loadCompetenceContent } from '../../../src/modules/registration/catalogue/catalogue.js';
import { createCompetenceService } from '../../../src/modules/gap/gap-service.js';
import { DemoSeedError, resolveDemoDates, seedDemoRegistrations } from '../../../src/modules/registration/demo-registrations.js';
import { createOrgService } from '../../../src/modules/org/org-service.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import { projectRoot } from '../../../src/util/project-root.js';
import { cardText } from '../../helpers/bot-harness.js';

const CONTENT = join(projectRoot, 'content');
const SEED = JSON.parse(readFileSync(join(CONTENT, 'org/demo-registrations.json'), 'utf8')) as { registrations: { employeeId: string }[] };

async function setup(orgFile = join(CONTENT, 'org/demo-org.json')) {
  const store = await openMemoryStore();
  const clock = fixedClock('2026-11-23T10:00:00Z');
  const org = await createOrgService({ store, clock, logger: silentLogger, seedFile: orgFile });
  const competence = createCompetenceService({ content: loadCompetenceContent(CONTENT), registrations: store.registrations, org, clock, logger: silentLogger });
  const seed = (file?: string) =>
    seedDemoRegistrations({ contentDir: CONTENT, competence, registrations: store.registrations, org, clock, logger: silentLogger, ...(file ? { file } : {}) });
  return { store, competence, seed };
}

describe('demo registrations', () => {
  it('When the demo organisation starts with an empty store, then every registration is saved and the gap shows the critical legal requirements the demo is about', async () => {
    const { store, competence, seed } = await setup();
    expect(await seed()).toEqual({ seeded: SEED.registrations.length, skipped: 0, alreadyStored: false });
    expect(await store.registrations.count()).toBe(SEED.registrations.length);

    // Marianne Lie leads Solsiden barnehage without barnehagelærer education.
    const solsiden = await competence.unitGap('10010', 'solsiden-barnehage');
    if (!solsiden.ok) throw new Error(solsiden.reason);
    const styrer = solsiden.gap.people[0]!;
    expect(styrer.name).toBe('Marianne Lie');
    expect(personStatusLines(styrer).map((l) => l.text)).toContain('Kritisk: lovkrav mangler (barnehageloven § 24)');
    expect(cardText(renderUnitOverview(solsiden.gap))).toContain('Har ikke registrert kompetansen sin'); // Ole Kristian Vik

    // Kari Solheim (the Playground user) sees her own school: lederutdanning is under way, so the municipal requirement is critical.
    const skole = await competence.unitGap('10004', 'fjordvik-skole');
    if (!skole.ok) throw new Error(skole.reason);
    const text = cardText(renderUnitOverview(skole.gap));
    expect(text).toContain('Kritisk: kommunalt krav mangler (Kristiansund kommune, temaplan 2025 § 4.2 (enhetsledere))');
    // «@idag+40» is 40 days after the clock's date; «@idag-20» has expired.
    expect(text).toContain('Går ut 2. januar 2027: Førstehjelp for skoleansatte');
    expect(text).toContain('Gikk ut 3. november 2026: Førstehjelp');
    expect(skole.gap.summary.mobilisationPeople).toBe(2);
  });

  it('When registrations are already stored, then nothing is seeded again', async () => {
    const { store, seed } = await setup();
    await seed();
    const before = await store.registrations.all();
    expect(await seed()).toEqual({ seeded: 0, skipped: 0, alreadyStored: true });
    expect(await store.registrations.all()).toEqual(before);
  });

  it('When the organisation is not the demo organisation, then no fictional data lands on anyone', async () => {
    const { store, seed } = await setup(join(projectRoot, 'test/fixtures/org/small-org.json'));
    expect(await seed()).toEqual({ seeded: 0, skipped: SEED.registrations.length, alreadyStored: false });
    expect(await store.registrations.count()).toBe(0);
  });

  it('When the seed file has an invalid registration, then the start stops with the person, section and field named', async () => {
    const { seed } = await setup();
    const dir = mkdtempSync(join(tmpdir(), 'demo-seed-'));
    const file = join(dir, 'seed.json');
    writeFileSync(
      file,
      JSON.stringify({ registrations: [{ employeeId: '10004', name: 'Kari Solheim', sections: { languages: { items: [{ language: 'Norsk', level: 9 }] } } }] }),
    );
    await expect(seed(file)).rejects.toThrow(DemoSeedError);
    await expect(seed(file)).rejects.toThrow(/Kari Solheim \(10004\), languages: items\.0\.level: Nivå må være et nivå fra 1 til 4\./);
    writeFileSync(file, JSON.stringify({ registrations: [{ employeeId: '10004', name: 'Kari Solheim', sections: { hobbyer: {} } }] }));
    await expect(seed(file)).rejects.toThrow(/feltet «registrations\.0\.sections\.hobbyer»/);
  });

  it('When dates are written relative to today, then they become calendar dates', () => {
    expect(resolveDemoDates({ a: ['@idag+40', '@idag-1', '@idag', 'x@idag+1'], n: 3 }, '2026-11-23')).toEqual({ a: ['2027-01-02', '2026-11-22', '@idag', 'x@idag+1'], n: 3 });
  });
});
