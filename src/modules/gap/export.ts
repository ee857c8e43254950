/**
 * Export of a unit gap (for the leader's own analysis in Excel). CSV through src/shared/csv.ts.
 * Pure functions: text in, text out.
 */
import { type CsvCell, toCsv } from '../../shared/csv.js';
import type { ExportFormat } from '../registration/export.js';
import type { RequirementStatus } from './context.js';
import type { UnitGap } from './gap.js';
import type { PersonGap } from './person-gap.js';
import type { DownloadFile } from '../../shared/files.js';

type Cell = CsvCell;

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

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

export function exportUnitGap(format: ExportFormat, gap: UnitGap, table: UnitGapTable = 'people'): DownloadFile {
  const base = `kompetansegap-${gap.unitId}-${gap.today}`;
  if (format === 'json') return { fileName: `${base}.json`, contentType: 'application/json; charset=utf-8', content: json(gap) };
  return table === 'coverage'
    ? { fileName: `${base}-dekning.csv`, contentType: 'text/csv; charset=utf-8', content: unitCoverageCsv(gap) }
    : { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', content: unitGapCsv(gap) };
}
