/**
 * Export of a registration (the employee's own data, GDPR-style «take it with you»). CSV through
 * src/shared/csv.ts. The unit gap export is in ../gap/export.ts. Pure functions: text in, text out.
 */
import { type CsvCell, toCsv } from '../../shared/csv.js';
import type { Employee } from '../org/model.js';
import type { CompetenceContent } from './catalogue/content.js';
import { EDUCATION_LEVEL_NAMES, type EducationLevel } from './catalogue/schema.js';
import { type CompetenceRegistration, SECTION_NAMES } from './sections.js';
import type { DownloadFile } from '../../shared/files.js';

export type ExportFormat = 'json' | 'csv';

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
): DownloadFile {
  const date = exportedAt.toISOString().slice(0, 10);
  return format === 'csv'
    ? { fileName: `kompetanse-${employee.employeeId}-${date}.csv`, contentType: 'text/csv; charset=utf-8', content: registrationCsv(reg, content) }
    : { fileName: `kompetanse-${employee.employeeId}-${date}.json`, contentType: 'application/json; charset=utf-8', content: registrationJson(reg, content, employee, exportedAt) };
}
