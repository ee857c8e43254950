/**
 * Rendered fixtures of the gap cards (cards/gap-*.json) for the template test: a small unit
 * computed with the real catalogue and profiles, covering the variants each template has
 * (critical, expiring, unregistered, no profile, filtered, paged, empty).
 */
import { join } from 'node:path';
import type { AdaptiveCardJson } from '../../src/cards/define-card.js';
import { renderPersonGap, renderUnitOverview, renderUnitPicker } from '../../src/modules/gap/cards.js';
import { renderCoverage, renderExportLinks, renderMobilisation, renderMunicipality, renderUnitMeasures } from '../../src/modules/gap/summary-cards.js';
import { loadCompetenceContent } from '../../src/modules/registration/catalogue/catalogue.js';
import { createGapContext } from '../../src/modules/gap/context.js';
import { computeMunicipalityGap, computeUnitGap } from '../../src/modules/gap/gap.js';
import { computePersonGap, personMeasures } from '../../src/modules/gap/person-gap.js';
import { type CompetenceRegistration, emptyRegistration } from '../../src/modules/registration/sections.js';
import type { Employee, Unit } from '../../src/modules/org/model.js';
import { projectRoot } from '../../src/util/project-root.js';

const content = loadCompetenceContent(join(projectRoot, 'content'));
const now = new Date('2026-11-23T10:00:00Z');
const ctx = createGapContext(content, now);

const unit: Unit = { id: 'sol', name: 'Solsiden barnehage', leaderEmployeeId: '1' };
const employee = (employeeId: string, name: string, title: string, code: string): Employee => ({
  employeeId,
  name,
  upn: `${employeeId}@test.no`,
  unitId: unit.id,
  position: { title, code },
  employmentPercent: 100,
  roles: [],
});
export const gapFixtureEmployees: Employee[] = [
  employee('1', 'Siri Styrer', 'Styrer', '7438'),
  employee('2', 'Per Pedagog', 'Pedagogisk leder', '7211'),
  employee('3', 'Bo Barnearbeider', 'Barne- og ungdomsarbeider', '7039'),
  employee('4', 'Kim Kantine', 'Kantinemedarbeider', '9999'),
];

const reg = (employeeId: string, parts: Partial<CompetenceRegistration>): CompetenceRegistration => ({
  ...emptyRegistration(employeeId, now),
  version: 1,
  ...parts,
});

export const gapFixtureRegistrations = new Map<string, CompetenceRegistration>([
  [
    '1',
    reg('1', {
      education: [{ level: 'bachelor', field: 'Sosiologi', inProgress: false, competenceIds: [] }],
      certifications: [{ competenceId: 'sert-forstehjelp', name: 'Førstehjelp', validUntil: '2027-01-10' }],
      selfAssessment: [
        { competenceId: 'ledelse-personal', level: 3 },
        { competenceId: 'ledelse-okonomi', level: 2 },
      ],
      mobilisation: { competenceIds: ['flere-sprak'], note: 'Snakker arabisk & somali; «gjerne» tolk' },
    }),
  ],
  [
    '2',
    reg('2', {
      education: [{ level: 'bachelor', field: 'Barnehagelærer', inProgress: false, competenceIds: ['utd-barnehagelaerer'] }],
      certifications: [{ competenceId: 'sert-forstehjelp', name: 'Førstehjelp', validUntil: '2026-10-01' }],
      selfAssessment: [
        { competenceId: 'veiledning', level: 3 },
        { competenceId: 'digital-grunnleggende', level: 3 },
      ],
    }),
  ],
]);

function unitGap(filter: { profileId?: string } = {}) {
  return computeUnitGap(ctx, unit, gapFixtureEmployees, gapFixtureRegistrations, filter);
}

function municipality() {
  const units: Unit[] = [unit, ...Array.from({ length: 12 }, (_, i) => ({ id: `u${i}`, name: `Enhet ${i}` }))];
  const more = Array.from({ length: 24 }, (_, i) => ({ ...employee(`m${i}`, `Person ${i}`, 'Lærer', '7958'), unitId: `u${i % 12}` }));
  return computeMunicipalityGap(ctx, units, [...gapFixtureEmployees, ...more], gapFixtureRegistrations);
}

const person = (id: string) => {
  const gap = computePersonGap(ctx, gapFixtureEmployees.find((e) => e.employeeId === id)!, gapFixtureRegistrations.get(id));
  return renderPersonGap(gap, personMeasures(gap), content);
};

export const gapFixtures: Record<string, () => AdaptiveCardJson[]> = {
  'gap-units': () => [
    renderUnitPicker([{ unitId: 'sol', name: 'Solsiden barnehage', employees: 4 }]),
    renderUnitPicker(
      Array.from({ length: 120 }, (_, i) => ({ unitId: `u${i}`, name: `Enhet ${i}`, employees: i })),
      1,
      'Flere enheter passer. Velg den du mener.',
    ),
  ],
  'gap-unit': () => [
    renderUnitOverview(unitGap()),
    renderUnitOverview(unitGap(), { profileId: 'styrer' }),
    renderUnitOverview(unitGap(), { profileId: 'finnes-ikke' }),
    renderUnitOverview({ ...unitGap(), people: [] }),
    renderUnitOverview({ ...unitGap(), people: Array.from({ length: 25 }, () => unitGap().people).flat() }, { page: 1 }),
  ],
  'gap-person': () => ['1', '2', '3', '4'].map(person),
  'gap-coverage': () => [
    renderCoverage({ scope: 'unit', gap: unitGap() }),
    renderCoverage({ scope: 'unit', gap: unitGap() }, 1),
    renderCoverage({ scope: 'unit', gap: unitGap({ profileId: 'styrer' }) }),
    renderCoverage({ scope: 'unit', gap: computeUnitGap(ctx, unit, [], new Map()) }),
    renderCoverage({ scope: 'kommune', gap: municipality() }),
  ],
  'gap-mobilisation': () => [renderMobilisation(unitGap()), renderMobilisation(computeUnitGap(ctx, unit, [], new Map()))],
  'gap-measures': () => [renderUnitMeasures(unitGap()), renderUnitMeasures(computeUnitGap(ctx, unit, [], new Map()))],
  'gap-export': () => [
    renderExportLinks('Solsiden [barnehage]', [
      { label: 'Medarbeidere (CSV)', url: 'http://127.0.0.1:3978/api/downloads/abc' },
      { label: 'Dekning (CSV)', url: 'http://127.0.0.1:3978/api/downloads/def' },
    ]),
  ],
  'gap-municipality': () => [renderMunicipality(municipality()), renderMunicipality(municipality(), 1)],
};
