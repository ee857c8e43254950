/**
 * Export of a registration (the employee's own data, GDPR-style «take it with you») and of a
 * unit gap (for the leader's own analysis in Excel). CSV through src/shared/csv.ts.
 * Pure functions: text in, text out.
 */
import { type CsvCell, toCsv } from '../../shared/csv.js';
import type { Employee } from '../org/model.js';
import { type CompetenceContent, EDUCATION_LEVEL_NAMES, type EducationLevel } from './catalogue/catalogue.js';
import type { PersonGap, RequirementStatus, UnitGap } from '../gap/gap.js';
import { type CompetenceRegistration, SECTION_NAMES } from './sections.js';

export type ExportFormat = 'json' | 'csv';

export interface ExportFile {
  fileName: string;
  contentType: string;
  content: string;
}

// The project's one CSV writer (formula neutralising included); re-exported for this module's callers.
export { CSV_BOM, csvField, toCsv } from '../../shared/csv.js';
type Cell = CsvCell;

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

// ---------------------------------------------------------------------------------------------
// A registration

const REGISTRATION_HEADER = ['Del', 'Kompetanse-id', 'Kompetanse', 'Beskrivelse', 'Nivå', 'Fra', 'Til', 'Gyldig til', 'Pågår', 'Detaljer'] as const;

export function registrationCsv(reg: CompetenceRegistration, content: CompetenceContent): string {
  const name = (id: string | undefined) => (id ? content.competenceById.get(id)?.name ?? id : undefined);
  const names = (ids: string[]) => ids.map((id) => name(id)).join(', ');
  const rows: Cell[][] = [];
  for (const e of reg.education) {
    const details = [e.institution, e.credits !== undefined ? `${e.credits} studiepoeng` : undefined].filter(Boolean).join(', ');
    rows.push([SECTION_NAMES.education, e.competenceIds.join(','), names(e.competenceIds), e.field, EDUCATION_LEVEL_NAMES[e.level as EducationLevel] ?? e.level, undefined, e.completedYear, undefined, e.inProgress, details]);
  }
  for (const x of reg.experience) {
    rows.push([SECTION_NAMES.experience, x.competenceIds.join(','), names(x.competenceIds), x.role, undefined, x.from, x.to, undefined, undefined, x.workplace]);
  }
  for (const c of reg.courses) {
    const details = [c.provider, c.hours !== undefined ? `${c.hours} timer` : undefined].filter(Boolean).join(', ');
    rows.push([SECTION_NAMES.courses, c.competenceIds.join(','), names(c.competenceIds), c.name, undefined, undefined, c.completedOn, undefined, c.inProgress, details]);
  }
  for (const c of reg.certifications) {
    rows.push([SECTION_NAMES.certifications, c.competenceId, name(c.competenceId), c.name, undefined, c.issuedOn, undefined, c.validUntil, undefined, undefined]);
  }
  for (const l of reg.languages) rows.push([SECTION_NAMES.languages, undefined, undefined, l.language, l.level, undefined, undefined, undefined, undefined, undefined]);
  for (const d of reg.digitalSkills) rows.push([SECTION_NAMES.digitalSkills, undefined, undefined, d.tool, d.level, undefined, undefined, undefined, undefined, undefined]);
  for (const r of reg.selfAssessment) {
    rows.push([SECTION_NAMES.selfAssessment, r.competenceId, name(r.competenceId), undefined, r.level, undefined, undefined, undefined, undefined, undefined]);
  }
  for (const id of reg.mobilisation.competenceIds) {
    rows.push([SECTION_NAMES.mobilisation, id, name(id), undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  }
  if (reg.mobilisation.note) {
    rows.push([SECTION_NAMES.mobilisation, undefined, undefined, reg.mobilisation.note, undefined, undefined, undefined, undefined, undefined, undefined]);
  }
  return toCsv(REGISTRATION_HEADER, rows);
}

/** The registration as JSON, with the competence names beside the ids so it reads on its own. */
export function registrationJson(reg: CompetenceRegistration, content: CompetenceContent, employee: Pick<Employee, 'employeeId' | 'name'>, exportedAt: Date): string {
  const ids = new Set<string>();
  for (const e of [...reg.education, ...reg.experience, ...reg.courses]) e.competenceIds.forEach((id) => ids.add(id));
  for (const c of reg.certifications) if (c.competenceId) ids.add(c.competenceId);
  for (const r of reg.selfAssessment) ids.add(r.competenceId);
  reg.mobilisation.competenceIds.forEach((id) => ids.add(id));
  const competenceNames = Object.fromEntries([...ids].sort().map((id) => [id, content.competenceById.get(id)?.name ?? id]));
  return json({
    format: 'kompetansebot-registrering',
    formatVersion: 1,
    exportedAt: exportedAt.toISOString(),
    employee: { employeeId: employee.employeeId, name: employee.name },
    registration: reg,
    competenceNames,
    levels: Object.fromEntries(content.levels.map((l) => [l.level, `${l.name}: ${l.description}`])),
  });
}

export function exportRegistration(
  format: ExportFormat,
  reg: CompetenceRegistration,
  content: CompetenceContent,
  employee: Pick<Employee, 'employeeId' | 'name'>,
  exportedAt: Date,
): ExportFile {
  const date = exportedAt.toISOString().slice(0, 10);
  return format === 'csv'
    ? { fileName: `kompetanse-${employee.employeeId}-${date}.csv`, contentType: 'text/csv; charset=utf-8', content: registrationCsv(reg, content) }
    : { fileName: `kompetanse-${employee.employeeId}-${date}.json`, contentType: 'application/json; charset=utf-8', content: registrationJson(reg, content, employee, exportedAt) };
}

// ---------------------------------------------------------------------------------------------
// A unit gap

export const STATUS_NAMES: Record<RequirementStatus, string> = {
  met: 'Oppfylt',
  expiring: 'Går ut snart',
  below: 'Under nivå',
  expired: 'Utløpt',
  missing: 'Mangler',
};

const PRIORITY_NAMES = { required: 'Krav', desired: 'Ønsket' } as const;

const UNIT_HEADER = [
  'Enhet',
  'Ansattnr',
  'Navn',
  'Stilling',
  'Stillingskode',
  'Profil',
  'Registrert',
  'Krav',
  'Kompetanse-id',
  'Prioritet',
  'Hjemmel',
  'Påkrevd nivå',
  'Eget nivå',
  'Status',
  'Kritisk',
  'Gyldig til',
  'Dager igjen',
  'Mangler',
] as const;

function personRows(unitName: string, p: PersonGap): Cell[][] {
  const base: Cell[] = [unitName, p.employeeId, p.name, p.position.title, p.position.code, p.profile?.title ?? 'Ingen kompetanseprofil for stillingen', p.registered];
  if (!p.requirements.length) return [[...base, ...Array<Cell>(UNIT_HEADER.length - base.length).fill(undefined)]];
  return p.requirements.map((r) => [
    ...base,
    r.label,
    r.competenceId,
    PRIORITY_NAMES[r.priority],
    r.legal?.reference,
    r.requiredLevel,
    r.heldLevel,
    r.upcoming ? `${STATUS_NAMES[r.status]} (gjelder fra ${r.legal?.effectiveFrom})` : STATUS_NAMES[r.status],
    r.critical,
    r.validUntil,
    r.daysLeft,
    r.unmet.map((m) => m.name).join(', '),
  ]);
}

/** One row per person and requirement (long format: filters and pivots well in Excel). */
export function unitGapCsv(gap: UnitGap): string {
  return toCsv(UNIT_HEADER, gap.people.flatMap((p) => personRows(gap.unitName, p)));
}

/** The coverage matrix: one row per requirement, share met overall and per position (the heatmap). */
export function unitCoverageCsv(gap: UnitGap): string {
  const cols = gap.coverage.columns;
  const header = ['Krav', 'Kompetanse-id', 'Lov eller regel', 'Prioritet', 'Gjelder (antall)', 'Oppfylt (antall)', 'Andel oppfylt (%)', ...cols.map((c) => `${c.title} (%)`)];
  const pct = (share: number) => Math.round(share * 100);
  const rows = gap.coverage.rows.map((r) => [
    r.label,
    r.competenceId,
    r.legal,
    PRIORITY_NAMES[r.priority],
    r.total.applicable,
    r.total.met,
    pct(r.total.share),
    ...cols.map((c) => {
      const cell = r.byProfile[c.profileId];
      return cell ? pct(cell.share) : undefined;
    }),
  ]);
  return toCsv(header, rows);
}

export type UnitGapTable = 'people' | 'coverage';

export function exportUnitGap(format: ExportFormat, gap: UnitGap, table: UnitGapTable = 'people'): ExportFile {
  const base = `kompetansegap-${gap.unitId}-${gap.today}`;
  if (format === 'json') return { fileName: `${base}.json`, contentType: 'application/json; charset=utf-8', content: json(gap) };
  return table === 'coverage'
    ? { fileName: `${base}-dekning.csv`, contentType: 'text/csv; charset=utf-8', content: unitCoverageCsv(gap) }
    : { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', content: unitGapCsv(gap) };
}
