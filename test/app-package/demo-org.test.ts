import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoOrgSchema, type DemoOrg } from '../../src/modules/org/demo-org.schema.js';
import { projectRoot } from '../../src/util/project-root.js';

const raw = JSON.parse(readFileSync(join(projectRoot, 'content/org/demo-org.json'), 'utf8')) as unknown;

describe('demo organisation (content/org/demo-org.json)', () => {
  it('When the file is parsed with the strict schema, then it is valid', () => {
    const parsed = demoOrgSchema.safeParse(raw);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });

  const org: DemoOrg = demoOrgSchema.parse(raw);
  const employees = new Map(org.employees.map((e) => [e.employeeId, e]));
  const units = new Map(org.units.map((u) => [u.id, u]));

  it('When ids are followed, then every unitId, leaderEmployeeId and parentUnitId exists', () => {
    for (const e of org.employees) {
      expect(units.has(e.unitId), `${e.name}: enhet ${e.unitId}`).toBe(true);
      if (e.leaderEmployeeId) expect(employees.has(e.leaderEmployeeId), `${e.name}: leder ${e.leaderEmployeeId}`).toBe(true);
    }
    for (const u of org.units) {
      expect(employees.has(u.leaderEmployeeId), `${u.name}: leder`).toBe(true);
      if (u.parentUnitId) expect(units.has(u.parentUnitId), `${u.name}: overordnet`).toBe(true);
    }
  });

  it('When leaders are followed, then each employee reports to the unit leader, and each unit leader to the leader one level up', () => {
    for (const e of org.employees) {
      const unit = units.get(e.unitId)!;
      if (unit.leaderEmployeeId !== e.employeeId) {
        expect(e.leaderEmployeeId, e.name).toBe(unit.leaderEmployeeId);
      } else if (unit.parentUnitId) {
        expect(e.leaderEmployeeId, e.name).toBe(units.get(unit.parentUnitId)!.leaderEmployeeId);
      } else {
        expect(e.leaderEmployeeId, e.name).toBeUndefined();
      }
      expect(e.roles.includes('leder'), `${e.name}: leder-rolle`).toBe(unit.leaderEmployeeId === e.employeeId);
    }
  });

  it('When the units are read, then the demo has the school, kindergarten, home care and HR under kommunalsjefer', () => {
    const byName = (name: string) => org.units.find((u) => u.name === name);
    const leaderTitle = (name: string) => employees.get(byName(name)!.leaderEmployeeId)!.position.title;
    expect(leaderTitle('Fjordvik skole')).toBe('Rektor');
    expect(leaderTitle('Solsiden barnehage')).toBe('Styrer');
    expect(leaderTitle('Hjemmetjenesten')).toBe('Enhetsleder');
    for (const name of ['Fjordvik skole', 'Solsiden barnehage', 'Hjemmetjenesten']) {
      expect(leaderTitle(units.get(byName(name)!.parentUnitId!)!.name)).toMatch(/^Kommunalsjef/);
    }
    expect(org.employees.filter((e) => e.unitId === byName('Personal og organisasjon')!.id && e.roles.includes('hr') && !e.roles.includes('leder'))).toHaveLength(1);
    expect(org.employees.length).toBeGreaterThanOrEqual(18);
    expect(org.employees.length).toBeLessThanOrEqual(24);
    for (const e of org.employees) expect(e.upn).toMatch(/^[a-z.]+@fjordvik\.kommune\.no$/);
  });

  it('When a reference is broken, then the schema rejects the file and names the field', () => {
    const broken = structuredClone(raw) as { employees: { leaderEmployeeId?: string; unitId: string }[] };
    broken.employees[4]!.leaderEmployeeId = '99999';
    broken.employees[5]!.unitId = 'finnes-ikke';
    const result = demoOrgSchema.safeParse(broken);
    expect(result.success).toBe(false);
    const messages = result.success ? '' : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(messages).toContain('employees.4.leaderEmployeeId');
    expect(messages).toContain('employees.5.unitId');
  });

  it('When an unknown field is added, then the strict schema rejects it', () => {
    const extra = structuredClone(raw) as { employees: Record<string, unknown>[] };
    extra.employees[0]!.fødselsnummer = '01010112345';
    expect(demoOrgSchema.safeParse(extra).success).toBe(false);
  });
});
