import { describe, expect, it } from 'vitest';
import { ACCESS_TEXT, createAccessPolicy, createOrgDirectory, EMPTY_ORG } from '../../../src/modules/org/org-directory.js';
import { P, smallOrg } from './helpers.js';

const ids = (xs: { employeeId?: string; id?: string }[]) => xs.map((x) => x.employeeId ?? x.id).sort();

describe('org directory', () => {
  const dir = createOrgDirectory(smallOrg());

  it('When a Teams user is looked up, then the Entra object id wins and the UPN is the fallback, case-insensitively', () => {
    expect(dir.resolve({ aadObjectId: '11111111-1111-4111-8111-111111111004' })?.employeeId).toBe(P.laerer);
    expect(dir.resolve({ aadObjectId: '11111111-1111-4111-8111-111111111004'.toUpperCase() })?.employeeId).toBe(P.laerer);
    expect(dir.resolve({ aadObjectId: 'ffffffff-0000-4000-8000-000000000000', upn: ' Anne.Assistent@Testvik.kommune.no ' })?.employeeId).toBe(P.assistent);
    // an object id that matches someone beats an e-mail that matches someone else
    expect(dir.resolve({ aadObjectId: '11111111-1111-4111-8111-111111111004', upn: 'anne.assistent@testvik.kommune.no' })?.employeeId).toBe(P.laerer);
    expect(dir.resolve({ upn: 'ukjent@testvik.kommune.no' })).toBeUndefined();
    expect(dir.resolve({})).toBeUndefined();
  });

  it('When the nearest leader is asked for, then it is the explicit leader, else the leader of the unit, else the one above', () => {
    expect(dir.leaderOf(P.laerer)?.employeeId).toBe(P.rektor);
    expect(dir.leaderOf(P.radmann)).toBeUndefined();
    const noExplicitLeaders = createOrgDirectory({
      ...smallOrg(),
      employees: smallOrg().employees.map(({ leaderEmployeeId: _drop, ...e }) => e),
    });
    expect(noExplicitLeaders.leaderOf(P.laerer)?.employeeId).toBe(P.rektor); // leader of nordby-skole
    expect(noExplicitLeaders.leaderOf(P.rektor)?.employeeId).toBe(P.kommunalsjef); // rektor leads her own unit: go up
    expect(ids(noExplicitLeaders.reportsOf(P.kommunalsjef))).toEqual([P.rektor, P.styrer]);
  });

  it('When a leader\'s units are listed, then the units below are included', () => {
    expect(ids(dir.unitsLedBy(P.kommunalsjef))).toEqual(['nordby-skole', 'oppvekst', 'sorby-barnehage']);
    expect(ids(dir.unitsLedBy(P.rektor))).toEqual(['nordby-skole']);
    expect(dir.unitsLedBy(P.laerer)).toEqual([]);
    expect(ids(dir.employeesInUnit('nordby-skole'))).toEqual([P.rektor, P.laerer, P.tillitsvalgt]);
    expect(ids(dir.employeesInUnitTree('oppvekst'))).toEqual([P.kommunalsjef, P.rektor, P.laerer, P.styrer, P.assistent, P.tillitsvalgt].sort());
    expect(ids(dir.subUnits('oppvekst'))).toEqual(['nordby-skole', 'sorby-barnehage']);
  });

  it('When roles are checked, then leading a unit counts as «leder» even without the role in the export', () => {
    expect(dir.hasRole(P.rektor, 'leder')).toBe(true);
    expect(dir.hasRole(P.laerer, 'leder')).toBe(false);
    expect(dir.hasRole(P.hr, 'hr')).toBe(true);
    expect(dir.hasRole(P.tillitsvalgt, 'verneombud')).toBe(true);
    expect(dir.hasRole('9999', 'hr')).toBe(false);
  });

  it('When a caller changes what it got back, then the directory is not changed', () => {
    const e = dir.employee(P.laerer)!;
    expect(() => {
      (e as { name: string }).name = 'X';
    }).toThrow();
    dir.employeesInUnit('nordby-skole').pop();
    expect(dir.employeesInUnit('nordby-skole')).toHaveLength(3);
  });

  it('When there is no organisation yet, then every lookup is empty', () => {
    const empty = createOrgDirectory(EMPTY_ORG);
    expect(empty.resolve({ upn: 'a@b.no' })).toBeUndefined();
    expect(empty.unitsLedBy('1')).toEqual([]);
    expect(createAccessPolicy(empty).canViewEmployee('1', '1')).toEqual({ allowed: false, reason: ACCESS_TEXT.unknownViewer });
  });
});

describe('access policy', () => {
  const dir = createOrgDirectory(smallOrg());
  const policy = createAccessPolicy(dir);

  it('When an employee looks at themselves, then it is allowed; at a colleague, then it is politely refused with the rule', () => {
    expect(policy.canViewEmployee(P.laerer, P.laerer)).toEqual({ allowed: true });
    const refusal = policy.canViewEmployee(P.laerer, P.tillitsvalgt);
    expect(refusal).toEqual({ allowed: false, reason: ACCESS_TEXT.ownOnly });
    // the same answer whether or not the other person exists: nothing is given away
    expect(policy.canViewEmployee(P.laerer, '9999')).toEqual(refusal);
    expect(ids(policy.visibleEmployees(P.laerer))).toEqual([P.laerer]);
    expect(policy.visibleUnits(P.laerer)).toEqual([]);
  });

  it('When a leader looks at people in the unit they lead, then it is allowed; outside it, then the refusal names only their own units', () => {
    expect(policy.canViewEmployee(P.rektor, P.laerer)).toEqual({ allowed: true });
    expect(policy.canViewUnit(P.rektor, 'nordby-skole')).toEqual({ allowed: true });
    const refusal = policy.canViewEmployee(P.rektor, P.assistent);
    expect(refusal.allowed).toBe(false);
    if (!refusal.allowed) {
      expect(refusal.reason).toMatch(/^Du kan bare se kompetansen til medarbeidere i enheter du leder \(Nordby skole\)/);
      expect(refusal.reason).not.toContain('Anne');
      expect(refusal.reason).not.toContain('Sørby');
    }
    expect(ids(policy.visibleEmployees(P.rektor))).toEqual([P.rektor, P.laerer, P.tillitsvalgt]);
  });

  it('When a leader asks about a unit they are not in and do not lead, then the refusal points to «enhetens leder» without naming anyone', () => {
    const refusal = policy.canViewUnit(P.rektor, 'sorby-barnehage');
    expect(refusal).toEqual({
      allowed: false,
      reason: 'Du kan bare se kompetansen til medarbeidere i enheter du leder (Nordby skole), og til dem du er nærmeste leder for. Enhetens leder eller HR kan hjelpe.',
    });
    if (!refusal.allowed) expect(refusal.reason).not.toContain('Stine');
  });

  it('When the unit asked about is led by the viewer’s own leader, then the refusal says «din leder», not the name', () => {
    const refusal = policy.canViewUnit(P.styrer, 'oppvekst');
    expect(refusal.allowed).toBe(false);
    if (!refusal.allowed) {
      expect(refusal.reason).toMatch(/Oppvekst ledes av din leder\.$/);
      expect(refusal.reason).not.toContain('Kjell');
    }
  });

  it('When an employee asks about another unit, then no leader is named; about their own unit, their leader is', () => {
    const other = policy.canViewUnit(P.laerer, 'sorby-barnehage');
    expect(other).toEqual({ allowed: false, reason: 'Oversikten over en enhet er for lederne av enheten og HR; selv kan du se dine egne opplysninger. Enhetens leder eller HR kan hjelpe.' });
  });

  it('When a leader of a sector looks below, then the sub-units and everyone in them are visible, but not the sector above', () => {
    expect(policy.canViewUnit(P.kommunalsjef, 'sorby-barnehage')).toEqual({ allowed: true });
    expect(policy.canViewEmployee(P.kommunalsjef, P.assistent)).toEqual({ allowed: true });
    expect(policy.canViewEmployee(P.kommunalsjef, P.radmann).allowed).toBe(false);
    expect(policy.canViewUnit(P.kommunalsjef, 'topp').allowed).toBe(false);
    expect(ids(policy.visibleUnits(P.kommunalsjef))).toEqual(['nordby-skole', 'oppvekst', 'sorby-barnehage']);
    expect(policy.visibleEmployees(P.kommunalsjef)).toHaveLength(6);
  });

  it('When a sub-unit leader looks up, then the sector above and its other units are refused', () => {
    expect(policy.canViewUnit(P.styrer, 'oppvekst').allowed).toBe(false);
    expect(policy.canViewEmployee(P.styrer, P.kommunalsjef).allowed).toBe(false);
    expect(policy.canViewEmployee(P.styrer, P.laerer).allowed).toBe(false);
    expect(policy.canViewEmployee(P.styrer, P.assistent)).toEqual({ allowed: true });
  });

  it('When a leader has a direct report in another unit, then that person is visible too', () => {
    const snapshot = smallOrg();
    const moved = { ...snapshot, employees: snapshot.employees.map((e) => (e.employeeId === P.assistent ? { ...e, unitId: 'personal' } : e)) };
    const p = createAccessPolicy(createOrgDirectory(moved));
    expect(p.canViewEmployee(P.styrer, P.assistent)).toEqual({ allowed: true });
  });

  it('When HR looks at anyone or any unit, then it is allowed', () => {
    for (const id of Object.values(P)) expect(policy.canViewEmployee(P.hr, id)).toEqual({ allowed: true });
    expect(policy.canViewUnit(P.hr, 'oppvekst')).toEqual({ allowed: true });
    expect(policy.visibleEmployees(P.hr)).toHaveLength(8);
    expect(policy.visibleUnits(P.hr)).toHaveLength(5);
    expect(policy.canViewEmployee(P.hr, '9999')).toEqual({ allowed: false, reason: ACCESS_TEXT.unknownEmployee });
  });

  it('When an employee asks about a unit, then the refusal explains who may see it and who leads it', () => {
    const refusal = policy.canViewUnit(P.laerer, 'nordby-skole');
    expect(refusal).toEqual({
      allowed: false,
      reason: 'Oversikten over en enhet er for lederne av enheten og HR; selv kan du se dine egne opplysninger. Nordby skole ledes av Randi Rektor.',
    });
  });

  it('When someone not in the organisation asks, then everything is refused with a pointer to HR', () => {
    expect(policy.canViewEmployee('9999', '9999')).toEqual({ allowed: false, reason: ACCESS_TEXT.unknownViewer });
    expect(policy.canViewUnit('9999', 'topp')).toEqual({ allowed: false, reason: ACCESS_TEXT.unknownViewer });
    expect(policy.visibleEmployees('9999')).toEqual([]);
  });
});
