/**
 * The gap of a unit and of the whole municipality, from the person gaps (./person-gap.ts) and their
 * aggregation (./coverage.ts). PURE: no I/O, no clock (the instant comes in the {@link GapContext}).
 */
import type { Employee, Unit } from '../org/model.js';
import type { CompetenceRegistration } from '../registration/sections.js';
import { collator, type GapContext } from './context.js';
import { computePersonGap, type PersonGap } from './person-gap.js';
import { type CoverageTable, GapAccumulator, type GapSummary, type MobilisationRow } from './coverage.js';
import { type MeasureGroup, suggestMeasures } from './measures.js';

// ---------------------------------------------------------------------------------------------
// A unit, the whole municipality

export interface UnitGap {
  unitId: string;
  unitName: string;
  /** UTC ISO-8601 of the computation. */
  computedAt: string;
  /** The Norwegian calendar date validity was measured against. */
  today: string;
  /** When the gap was limited to one position in the unit. */
  filter?: { profileId?: string; positionCode?: string };
  /** Critical first, then most unmet required, then by name. */
  people: PersonGap[];
  summary: GapSummary;
  coverage: CoverageTable;
  mobilisation: MobilisationRow[];
  /** Required competences only one person has (at least three need them). */
  vulnerable: { key: string; label: string }[];
  measures: MeasureGroup[];
}

export interface UnitGapOptions {
  /** Only people with this profile. */
  profileId?: string;
  /** Only people with this stillingskode. */
  positionCode?: string;
}

export type RegistrationLookup = ReadonlyMap<string, CompetenceRegistration>;


/** The gap for the given people of a unit (the caller decides whose: the unit, or the unit and those below). */
export function computeUnitGap(
  ctx: GapContext,
  unit: Pick<Unit, 'id' | 'name'>,
  employees: readonly Employee[],
  registrations: RegistrationLookup,
  options: UnitGapOptions = {},
): UnitGap {
  const acc = new GapAccumulator(ctx.content, true);
  const people: PersonGap[] = [];
  for (const e of employees) {
    if (options.positionCode !== undefined && e.position.code !== options.positionCode) continue;
    const gap = computePersonGap(ctx, e, registrations.get(e.employeeId));
    if (options.profileId !== undefined && gap.profile?.id !== options.profileId) continue;
    people.push(gap);
    acc.add(gap);
  }
  people.sort(
    (a, b) => Number(b.critical) - Number(a.critical) || b.summary.requiredUnmet - a.summary.requiredUnmet || collator.compare(a.name, b.name),
  );
  const coverage = acc.coverage();
  const vulnerable = acc.vulnerable(coverage);
  if (vulnerable.length) {
    acc.findings.addCount('vulnerable', vulnerable.length, vulnerable.flatMap((r) => (r.competenceId ? [r.competenceId] : [])), ctx.content);
  }
  const filter = options.profileId !== undefined || options.positionCode !== undefined ? { ...options } : undefined;
  return {
    unitId: unit.id,
    unitName: unit.name,
    computedAt: ctx.now.toISOString(),
    today: ctx.today,
    ...(filter ? { filter } : {}),
    people,
    summary: acc.summary,
    coverage,
    mobilisation: acc.mobilisationRows(),
    vulnerable: vulnerable.map((r) => ({ key: r.key, label: r.label })),
    measures: suggestMeasures(acc.findings.list()),
  };
}

export interface UnitGapSummary {
  unitId: string;
  unitName: string;
  parentUnitId?: string;
  summary: GapSummary;
  /** The three requirements with the lowest coverage in the unit. */
  weakest: { key: string; label: string; share: number; legal: boolean }[];
}

export interface MunicipalityGap {
  computedAt: string;
  today: string;
  summary: GapSummary & { units: number };
  /** One line per unit that has employees. */
  units: UnitGapSummary[];
  coverage: CoverageTable;
  mobilisation: MobilisationRow[];
  measures: MeasureGroup[];
}

/**
 * The whole municipality in one pass: every person once, accumulated per unit (own employees,
 * not sub-units) and for the whole. People are not kept; ask for a unit to see them.
 */
export function computeMunicipalityGap(
  ctx: GapContext,
  units: readonly Unit[],
  employees: readonly Employee[],
  registrations: RegistrationLookup,
): MunicipalityGap {
  const whole = new GapAccumulator(ctx.content, false);
  const perUnit = new Map<string, GapAccumulator>();
  for (const e of employees) {
    const gap = computePersonGap(ctx, e, registrations.get(e.employeeId));
    let acc = perUnit.get(e.unitId);
    if (!acc) {
      acc = new GapAccumulator(ctx.content, false);
      perUnit.set(e.unitId, acc);
    }
    acc.add(gap);
  }
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitSummaries: UnitGapSummary[] = [];
  for (const [unitId, acc] of perUnit) {
    whole.absorb(acc);
    const u = unitById.get(unitId);
    const rows = acc.coverage().rows.filter((r) => r.priority === 'required');
    const weakest = [...rows]
      .sort((a, b) => a.total.share - b.total.share || Number(b.legal) - Number(a.legal))
      .slice(0, 3)
      .map((r) => ({ key: r.key, label: r.label, share: r.total.share, legal: r.legal }));
    unitSummaries.push({
      unitId,
      unitName: u?.name ?? unitId,
      ...(u?.parentUnitId ? { parentUnitId: u.parentUnitId } : {}),
      summary: acc.summary,
      weakest,
    });
  }
  unitSummaries.sort((a, b) => b.summary.peopleWithCritical - a.summary.peopleWithCritical || collator.compare(a.unitName, b.unitName));
  const coverage = whole.coverage();
  return {
    computedAt: ctx.now.toISOString(),
    today: ctx.today,
    summary: { ...whole.summary, units: unitSummaries.length },
    units: unitSummaries,
    coverage,
    mobilisation: whole.mobilisationRows(),
    measures: suggestMeasures(whole.findings.list()),
  };
}

