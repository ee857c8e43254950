/**
 * Gap kinds (findings) of one person or many, with the sectors and competences they concern;
 * they feed {@link suggestMeasures}.
 */
import type { CompetenceContent } from '../registration/catalogue/content.js';
import type { RequirementResult, PersonSummary } from './person-gap.js';
import { type GapFinding, type GapKind, suggestMeasures } from './measures.js';

/** The gap kind of one requirement result, if it is a gap. */
export function kindOf(r: RequirementResult): GapKind | undefined {
  if (r.critical) return 'critical';
  if (r.upcoming) return 'upcoming-legal';
  if (r.status === 'met') return undefined;
  if (r.status === 'expiring') return 'expiring';
  if (r.priority === 'desired') return 'desired';
  if (r.status === 'expired') return 'expired';
  return r.status === 'below' ? 'below' : 'missing';
}

interface FindingAcc {
  kind: GapKind;
  count: number;
  sectors: Set<string>;
  categories: Set<string>;
  competenceIds: Set<string>;
}

/** Gap kinds of many people, with the sectors and competences they concern; feeds {@link suggestMeasures}. */
export class FindingSet {
  private readonly map = new Map<GapKind, FindingAcc>();

  private of(kind: GapKind): FindingAcc {
    let f = this.map.get(kind);
    if (!f) {
      f = { kind, count: 0, sectors: new Set(), categories: new Set(), competenceIds: new Set() };
      this.map.set(kind, f);
    }
    return f;
  }

  /** Findings of one person (each kind at most once), or of a group. */
  merge(findings: Iterable<GapFinding>) {
    for (const src of findings) {
      const f = this.of(src.kind);
      f.count += src.count;
      for (const x of src.sectors) f.sectors.add(x);
      for (const x of src.categories) f.categories.add(x);
      for (const x of src.competenceIds) f.competenceIds.add(x);
    }
  }

  /** A finding about the unit rather than people (vulnerable competences): count = competences. */
  addCount(kind: GapKind, count: number, competenceIds: Iterable<string>, content: CompetenceContent) {
    const f = this.of(kind);
    f.count += count;
    for (const id of competenceIds) {
      f.competenceIds.add(id);
      const cat = content.competenceById.get(id)?.category;
      if (cat) f.categories.add(cat);
    }
  }

  list(): GapFinding[] {
    return [...this.map.values()].map(({ kind, count, sectors, categories, competenceIds }) => ({ kind, count, sectors: [...sectors], categories: [...categories], competenceIds: [...competenceIds] }));
  }
}

export const EMPTY_SUMMARY = (): PersonSummary => ({
  requirements: 0,
  met: 0,
  expiring: 0,
  below: 0,
  expired: 0,
  missing: 0,
  critical: 0,
  upcoming: 0,
  requiredUnmet: 0,
  desiredUnmet: 0,
});

/** A person's findings, collected without Sets (one person has a handful). */
export class PersonFindings {
  private readonly items: { kind: GapKind; ids: string[] }[] = [];

  add(kind: GapKind, ids: readonly string[]) {
    let item = this.items.find((i) => i.kind === kind);
    if (!item) {
      item = { kind, ids: [] };
      this.items.push(item);
    }
    for (const id of ids) if (!item.ids.includes(id)) item.ids.push(id);
  }

  list(content: CompetenceContent, sector: string | undefined): GapFinding[] {
    return this.items.map(({ kind, ids }) => {
      const categories: string[] = [];
      for (const id of ids) {
        const cat = content.competenceById.get(id)?.category;
        if (cat !== undefined && !categories.includes(cat)) categories.push(cat);
      }
      return { kind, count: 1, sectors: sector ? [sector] : [], categories, competenceIds: ids };
    });
  }
}

