/**
 * What the gap cards share: page sizes, Norwegian formatting of dates, shares and legal references,
 * paging, and the pieces of card data (lines, facts, measure groups) several cards use.
 */
import type { LegalBasis } from '../registration/catalogue/content.js';
import type { LegalSource } from '../registration/catalogue/schema.js';
import { type GapKind, type Measure, type MeasureGroup, STRATEGY_NAMES } from './measures.js';
import { z } from 'zod';

export const PEOPLE_PER_PAGE = 10;
export const UNITS_PER_PAGE = 50;
export const COVERAGE_ROWS_PER_PAGE = 12;
export const MUNICIPALITY_UNITS_PER_PAGE = 10;
/** Profile columns in the heatmap besides «Alle»; the CSV has every column. */
export const COVERAGE_PROFILE_COLUMNS = 3;
const MEASURES_PER_GROUP = 3;
/** Caps that keep the measure cards well under 28 KB whatever the gap. */
export const MAX_PERSON_MEASURES = 9;
export const MAX_UNIT_MEASURES = 18;
export const LINES_PER_PERSON = 5;

/** The value of the «Alle stillinger» choice in the position filter. */
export const ALL_POSITIONS = 'alle';

// ---------------------------------------------------------------------------------------------
// Formatting

const dateFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: 'numeric', month: 'long', year: 'numeric' });

/** A calendar date (`YYYY-MM-DD`) as people read it: «15. januar 2027». */
export function formatDate(isoDate: string): string {
  // Noon UTC is the same calendar day in Oslo all year.
  return dateFormat.format(new Date(`${isoDate}T12:00:00Z`));
}

/** An instant (UTC ISO-8601) as its calendar date in Oslo. */
export const formatInstantDate = (iso: string) => dateFormat.format(new Date(iso));

export const pct = (share: number) => `${Math.round(share * 100)} %`;
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
export const people = (n: number) => plural(n, 'medarbeider', 'medarbeidere');

export function listNames(names: readonly string[], max: number): string {
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} og ${rest} til`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} og ${shown[shown.length - 1]}`;
}

export const LEGAL_KIND: Record<LegalSource, string> = { lov: 'lovkrav', forskrift: 'forskriftskrav', kommunalt: 'kommunalt krav' };
export const LEGAL_LABEL: Record<LegalSource, string> = { lov: 'Lovkrav', forskrift: 'Forskriftskrav', kommunalt: 'Kommunalt krav' };

/** «barnehageloven § 24»: names of acts and regulations are lower case inside a sentence; a municipality's name is not. */
export function legalReference(legal: LegalBasis): string {
  const ref = legal.reference;
  return legal.source === 'kommunalt' ? ref : ref.charAt(0).toLocaleLowerCase('nb') + ref.slice(1);
}

/** «Kritisk: lovkrav mangler (barnehageloven § 24)». */
export function criticalText(legal: LegalBasis): string {
  return `Kritisk: ${LEGAL_KIND[legal.source]} mangler (${legalReference(legal)})`;
}

/** One page of a list; the requested page is clamped to the pages there are. */
export function pageOf<T>(items: readonly T[], requested: number, size: number) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(Math.max(0, Number.isFinite(requested) ? Math.trunc(requested) : 0), pages - 1);
  const start = page * size;
  return { page, pages, items: items.slice(start, start + size), from: start + 1, to: Math.min(items.length, start + size), total: items.length };
}

export const paging = (p: { page: number; pages: number }) => ({
  hasPrev: p.page > 0,
  hasNext: p.page < p.pages - 1,
  prevPage: Math.max(0, p.page - 1),
  nextPage: Math.min(p.pages - 1, p.page + 1),
});

// ---------------------------------------------------------------------------------------------
// Shared pieces of card data

// No yellow (Warning) text: it is hard to read on a light background. What needs attention but is
// not critical is bold instead; colour stays for red/green text and the heatmap's cell backgrounds.
export const color = z.enum(['Default', 'Good', 'Attention', 'Accent']);
export const weight = z.enum(['Default', 'Bolder']);
export const line = z.object({ text: z.string(), color, weight });
export type Line = z.infer<typeof line>;
export const fact = z.object({ title: z.string(), value: z.string() });
export const pagingSchema = { hasPrev: z.boolean(), hasNext: z.boolean(), prevPage: z.number().int(), nextPage: z.number().int() };
export const measureView = z.object({ heading: z.string(), text: z.string(), entryId: z.string().min(1), tooltip: z.string() });
export const measureGroupView = z.object({ title: z.string(), note: z.string(), measures: z.array(measureView) });

const GROUP_COUNT_UNIT: Partial<Record<GapKind, [string, string]>> = { vulnerable: ['kompetanse', 'kompetanser'] };

/**
 * Measures per kind of gap; a measure already shown under an earlier kind is not repeated.
 * Every kind first gets its most important measure, then the rest are filled in up to the caps,
 * so a kind late in the list (say «not registered») is never crowded out.
 */
export function measureGroupsView(
  groups: readonly MeasureGroup[],
  opts: { withCount: boolean; maxTotal: number; perGroup?: number; moreNote: string; forEmployee?: boolean },
): z.infer<typeof measureGroupView>[] {
  const perGroup = opts.perGroup ?? MEASURES_PER_GROUP;
  const shown = new Set<string>();
  const picks: Measure[][] = groups.map(() => []);
  const take = (i: number, m: Measure) => {
    picks[i]!.push(m);
    shown.add(m.id);
  };
  groups.forEach((g, i) => {
    const first = g.measures.find((m) => !shown.has(m.id));
    if (first && shown.size < opts.maxTotal) take(i, first);
  });
  groups.forEach((g, i) => {
    for (const m of g.measures) {
      if (picks[i]!.length >= perGroup || shown.size >= opts.maxTotal) break;
      if (!shown.has(m.id)) take(i, m);
    }
  });
  return groups.map((g, i) => {
    const pick = [...picks[i]!].sort((a, b) => g.measures.indexOf(a) - g.measures.indexOf(b));
    const [one, many] = GROUP_COUNT_UNIT[g.kind] ?? ['medarbeider', 'medarbeidere'];
    const allAbove = g.measures.every((m) => shown.has(m.id) && !pick.includes(m));
    return {
      title: opts.withCount ? `${g.title} (${plural(g.count, one, many)})` : g.title,
      note: pick.length ? '' : allAbove ? 'Tiltakene over passer også her.' : opts.moreNote,
      measures: pick.map((m) => ({
        heading: `${STRATEGY_NAMES[m.strategy]}: ${m.title}`,
        text: opts.forEmployee ? (m.employeeText ?? m.text) : m.text,
        entryId: m.qaEntryId,
        tooltip: `Les mer: ${m.title}`,
      })),
    };
  });
}
