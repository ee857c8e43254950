/**
 * Aggregation of person gaps: coverage matrix (reads as a heatmap), mobilisation potential and
 * summary, in one pass. PURE.
 */
import type { CompetenceContent } from '../registration/catalogue/content.js';
import type { Priority } from '../registration/catalogue/schema.js';
import { collator, isMet } from './context.js';
import type { PersonGap } from './person-gap.js';
import { FindingSet } from './findings.js';

// ---------------------------------------------------------------------------------------------
// Aggregation: coverage matrix (reads as a heatmap) and mobilisation potential

/** good ≥ 80 %, partial ≥ 50 %, weak below. */
export type CoverageBand = 'good' | 'partial' | 'weak';
export const bandOf = (share: number): CoverageBand => (share >= 0.8 ? 'good' : share >= 0.5 ? 'partial' : 'weak');

export interface CoverageCell {
  /** People whose profile has the requirement. */
  applicable: number;
  /** …of whom meet it (expiring included). */
  met: number;
  expiring: number;
  /** met / applicable, 0–1. */
  share: number;
  band: CoverageBand;
}

export interface CoverageRow {
  key: string;
  label: string;
  competenceId?: string;
  category?: string;
  /** Legal in at least one profile. */
  legal: boolean;
  /** Required in at least one profile (else only desired). */
  priority: Priority;
  total: CoverageCell;
  /** One cell per column (profile id); absent where the profile lacks the requirement. */
  byProfile: Record<string, CoverageCell>;
}

export interface CoverageColumn {
  profileId: string;
  title: string;
  people: number;
}

export interface CoverageTable {
  columns: CoverageColumn[];
  rows: CoverageRow[];
}

export interface MobilisationRow {
  competenceId: string;
  name: string;
  category: string;
  /** People who say they hold it but do not get to use it. */
  declared: number;
  /** People who hold it although their profile does not ask for it. */
  heldOutsideProfile: number;
  /** Who, for a unit (left out at municipality level). */
  employeeIds?: string[];
}

export interface GapSummary {
  people: number;
  registered: number;
  withoutProfile: number;
  /** People with at least one critical gap. */
  peopleWithCritical: number;
  critical: number;
  upcoming: number;
  missing: number;
  below: number;
  expired: number;
  expiring: number;
  /** People who declared competence they do not get to use. */
  mobilisationPeople: number;
}

interface CellAcc {
  applicable: number;
  met: number;
  expiring: number;
}

interface RowAcc {
  key: string;
  label: string;
  competenceId?: string;
  legal: boolean;
  required: boolean;
  total: CellAcc;
  byProfile: Map<string, CellAcc>;
}

const cellOf = (c: CellAcc): CoverageCell => {
  const share = c.applicable ? c.met / c.applicable : 0;
  return { applicable: c.applicable, met: c.met, expiring: c.expiring, share: Math.round(share * 1000) / 1000, band: bandOf(share) };
};

/** Accumulates person gaps into coverage, mobilisation and summary; one instance per unit (and one for the whole). */
export class GapAccumulator {
  readonly summary: GapSummary = {
    people: 0,
    registered: 0,
    withoutProfile: 0,
    peopleWithCritical: 0,
    critical: 0,
    upcoming: 0,
    missing: 0,
    below: 0,
    expired: 0,
    expiring: 0,
    mobilisationPeople: 0,
  };
  private readonly rows = new Map<string, RowAcc>();
  private readonly columns = new Map<string, CoverageColumn>();
  private readonly mobilisation = new Map<string, { declared: number; outside: number; ids: string[] }>();
  readonly findings: FindingSet;

  constructor(
    private readonly content: CompetenceContent,
    private readonly keepIds: boolean,
  ) {
    this.findings = new FindingSet();
  }

  add(p: PersonGap) {
    const s = this.summary;
    s.people++;
    if (p.registered) s.registered++;
    if (!p.profile) s.withoutProfile++;
    if (p.critical) s.peopleWithCritical++;
    s.critical += p.summary.critical;
    s.upcoming += p.summary.upcoming;
    s.missing += p.summary.missing;
    s.below += p.summary.below;
    s.expired += p.summary.expired;
    s.expiring += p.summary.expiring;
    if (p.mobilisation.competenceIds.length || p.mobilisation.note) s.mobilisationPeople++;

    if (p.profile) {
      const col = this.columns.get(p.profile.id);
      if (col) col.people++;
      else this.columns.set(p.profile.id, { profileId: p.profile.id, title: p.profile.title, people: 1 });
      for (const r of p.requirements) {
        // One row per competence (issue #13): rektor's «opplæringsloven § 17-2» and the teacher's «pedagogisk
        // utdanning» are the same competence, so they share a row; a requirement with alternatives keeps its own key.
        const rowKey = r.competenceId ?? r.key;
        let row = this.rows.get(rowKey);
        if (!row) {
          row = { key: rowKey, label: r.competenceId ? (this.content.competenceById.get(r.competenceId)?.name ?? r.label) : r.label, ...(r.competenceId ? { competenceId: r.competenceId } : {}), legal: false, required: false, total: { applicable: 0, met: 0, expiring: 0 }, byProfile: new Map() };
          this.rows.set(rowKey, row);
        }
        row.legal ||= !!r.legal;
        row.required ||= r.priority === 'required';
        let cell = row.byProfile.get(p.profile.id);
        if (!cell) {
          cell = { applicable: 0, met: 0, expiring: 0 };
          row.byProfile.set(p.profile.id, cell);
        }
        const met = isMet(r.status);
        row.total.applicable++;
        cell.applicable++;
        if (met) {
          row.total.met++;
          cell.met++;
        }
        if (r.status === 'expiring') {
          row.total.expiring++;
          cell.expiring++;
        }
      }
    }

    const touch = (id: string) => {
      let m = this.mobilisation.get(id);
      if (!m) {
        m = { declared: 0, outside: 0, ids: [] };
        this.mobilisation.set(id, m);
      }
      return m;
    };
    for (const id of p.mobilisation.competenceIds) {
      const m = touch(id);
      m.declared++;
      if (this.keepIds) m.ids.push(p.employeeId);
    }
    for (const id of p.heldOutsideProfile) {
      const m = touch(id);
      m.outside++;
      if (this.keepIds && !m.ids.includes(p.employeeId)) m.ids.push(p.employeeId);
    }
    this.findings.merge(p.findings);
  }

  /** Adds another accumulator's totals (people are in exactly one unit, so counts simply add up). */
  absorb(other: GapAccumulator) {
    for (const k of Object.keys(this.summary) as (keyof GapSummary)[]) this.summary[k] += other.summary[k];
    for (const [id, col] of other.columns) {
      const mine = this.columns.get(id);
      if (mine) mine.people += col.people;
      else this.columns.set(id, { ...col });
    }
    const addCell = (to: CellAcc, from: CellAcc) => {
      to.applicable += from.applicable;
      to.met += from.met;
      to.expiring += from.expiring;
    };
    for (const [key, row] of other.rows) {
      let mine = this.rows.get(key);
      if (!mine) {
        mine = { key, label: row.label, competenceId: row.competenceId, legal: false, required: false, total: { applicable: 0, met: 0, expiring: 0 }, byProfile: new Map() };
        this.rows.set(key, mine);
      }
      mine.legal ||= row.legal;
      mine.required ||= row.required;
      addCell(mine.total, row.total);
      for (const [pid, cell] of row.byProfile) {
        const to = mine.byProfile.get(pid);
        if (to) addCell(to, cell);
        else mine.byProfile.set(pid, { ...cell });
      }
    }
    for (const [id, m] of other.mobilisation) {
      const mine = this.mobilisation.get(id);
      if (mine) {
        mine.declared += m.declared;
        mine.outside += m.outside;
      } else this.mobilisation.set(id, { declared: m.declared, outside: m.outside, ids: [] });
    }
    this.findings.merge(other.findings.list());
  }

  coverage(): CoverageTable {
    const columns = [...this.columns.values()].sort((a, b) => b.people - a.people || collator.compare(a.title, b.title));
    const rows: CoverageRow[] = [...this.rows.values()].map((r) => {
      const byProfile: Record<string, CoverageCell> = {};
      for (const [pid, c] of r.byProfile) byProfile[pid] = cellOf(c);
      const category = r.competenceId ? this.content.competenceById.get(r.competenceId)?.category : undefined;
      return {
        key: r.key,
        label: r.label,
        ...(r.competenceId ? { competenceId: r.competenceId } : {}),
        ...(category ? { category } : {}),
        legal: r.legal,
        priority: r.required ? 'required' : 'desired',
        total: cellOf(r.total),
        byProfile,
      };
    });
    // Legal first, then required, then the weakest coverage first.
    rows.sort(
      (a, b) =>
        Number(b.legal) - Number(a.legal) ||
        Number(b.priority === 'required') - Number(a.priority === 'required') ||
        a.total.share - b.total.share ||
        collator.compare(a.label, b.label),
    );
    return { columns, rows };
  }

  mobilisationRows(): MobilisationRow[] {
    const out: MobilisationRow[] = [];
    for (const [id, m] of this.mobilisation) {
      const c = this.content.competenceById.get(id);
      out.push({
        competenceId: id,
        name: c?.name ?? id,
        category: c?.category ?? '',
        declared: m.declared,
        heldOutsideProfile: m.outside,
        ...(this.keepIds ? { employeeIds: m.ids } : {}),
      });
    }
    return out.sort((a, b) => b.declared - a.declared || b.heldOutsideProfile - a.heldOutsideProfile || collator.compare(a.name, b.name));
  }

  /** Required competences that only one person has, where at least three need it: a vulnerability. */
  vulnerable(coverage: CoverageTable): CoverageRow[] {
    return coverage.rows.filter((r) => r.priority === 'required' && r.total.applicable >= 3 && r.total.met === 1);
  }
}

