/**
 * Cards of the leader's competence-gap dialog (kompetansegap): the unit picker, the unit
 * overview (people, paged), one person's gap with suggested measures, the coverage heatmap,
 * mobilisation potential, unit measures, CSV links and HR's municipality overview.
 *
 * Each render function turns the service's result into the data of one template in cards/ and
 * nothing else: no access rules, no storage. Long lists are paged so every card stays well under
 * Teams' 28 KB. Dates are calendar dates shown in Norwegian (Europe/Oslo).
 */
import { softHyphenate } from '../../texts/index.js';
import { z } from 'zod';
import { defineCard } from '../../cards/define-card.js';
import type { CompetenceContent, LegalBasis, LegalSource } from '../registration/catalogue/catalogue.js';
import type { UnitChoice } from './gap-service.js';
import { EXPIRY_WARNING_DAYS } from './context.js';
import type { CoverageCell, CoverageTable } from './coverage.js';
import type { MunicipalityGap, UnitGap } from './gap.js';
import type { PersonGap, RequirementResult } from './person-gap.js';
import { type GapKind, type Measure, type MeasureGroup, STRATEGY_NAMES, suggestMeasures } from './measures.js';

export const PEOPLE_PER_PAGE = 10;
export const UNITS_PER_PAGE = 50;
export const COVERAGE_ROWS_PER_PAGE = 12;
export const MUNICIPALITY_UNITS_PER_PAGE = 10;
/** Profile columns in the heatmap besides «Alle»; the CSV has every column. */
export const COVERAGE_PROFILE_COLUMNS = 3;
const MEASURES_PER_GROUP = 3;
/** Caps that keep the measure cards well under 28 KB whatever the gap. */
const MAX_PERSON_MEASURES = 9;
const MAX_UNIT_MEASURES = 18;
const LINES_PER_PERSON = 5;

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
const formatInstantDate = (iso: string) => dateFormat.format(new Date(iso));

const pct = (share: number) => `${Math.round(share * 100)} %`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const people = (n: number) => plural(n, 'medarbeider', 'medarbeidere');

function listNames(names: readonly string[], max: number): string {
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} og ${rest} til`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} og ${shown[shown.length - 1]}`;
}

const LEGAL_KIND: Record<LegalSource, string> = { lov: 'lovkrav', forskrift: 'forskriftskrav', kommunalt: 'kommunalt krav' };
const LEGAL_LABEL: Record<LegalSource, string> = { lov: 'Lovkrav', forskrift: 'Forskriftskrav', kommunalt: 'Kommunalt krav' };

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

const paging = (p: { page: number; pages: number }) => ({
  hasPrev: p.page > 0,
  hasNext: p.page < p.pages - 1,
  prevPage: Math.max(0, p.page - 1),
  nextPage: Math.min(p.pages - 1, p.page + 1),
});

// ---------------------------------------------------------------------------------------------
// Shared pieces of card data

// No yellow (Warning) text: it is hard to read on a light background. What needs attention but is
// not critical is bold instead; colour stays for red/green text and the heatmap's cell backgrounds.
const color = z.enum(['Default', 'Good', 'Attention', 'Accent']);
const weight = z.enum(['Default', 'Bolder']);
const line = z.object({ text: z.string(), color, weight });
type Line = z.infer<typeof line>;
const fact = z.object({ title: z.string(), value: z.string() });
const pagingSchema = { hasPrev: z.boolean(), hasNext: z.boolean(), prevPage: z.number().int(), nextPage: z.number().int() };
const measureView = z.object({ heading: z.string(), text: z.string(), entryId: z.string().min(1), tooltip: z.string() });
const measureGroupView = z.object({ title: z.string(), note: z.string(), measures: z.array(measureView) });

const GROUP_COUNT_UNIT: Partial<Record<GapKind, [string, string]>> = { vulnerable: ['kompetanse', 'kompetanser'] };

/**
 * Measures per kind of gap; a measure already shown under an earlier kind is not repeated.
 * Every kind first gets its most important measure, then the rest are filled in up to the caps,
 * so a kind late in the list (say «not registered») is never crowded out.
 */
function measureGroupsView(
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

// ---------------------------------------------------------------------------------------------
// Unit picker

const unitsCard = defineCard(
  'gap-units',
  z.object({
    heading: z.string(),
    intro: z.string(),
    choices: z.array(z.object({ title: z.string(), value: z.string().min(1) })).min(1),
    pageText: z.string(),
    ...pagingSchema,
  }),
);

/** The units the viewer may open, as a choice list (paged for HR in a large municipality). */
export function renderUnitPicker(units: readonly UnitChoice[], requestedPage = 0, intro?: string) {
  const p = pageOf(units, requestedPage, UNITS_PER_PAGE);
  return unitsCard.render({
    heading: 'Kompetansegap – velg enhet',
    intro: intro ?? `Du kan se kompetansegapet for ${plural(units.length, 'enhet', 'enheter')}. Velg en, eller skriv «kompetansegap» og navnet på enheten.`,
    choices: p.items.map((u) => ({ title: `${u.name} (${people(u.employees)})`, value: u.unitId })),
    pageText: p.pages > 1 ? `Enhet ${p.from}–${p.to} av ${p.total}` : '',
    ...paging(p),
  });
}

// ---------------------------------------------------------------------------------------------
// Unit overview

const unitCard = defineCard(
  'gap-unit',
  z.object({
    unitId: z.string().min(1),
    profileId: z.string(),
    heading: z.string(),
    subtitle: z.string(),
    filterText: z.string(),
    criticalText: z.string(),
    facts: z.array(fact),
    emptyText: z.string(),
    pageText: z.string(),
    people: z
      .array(
        z.object({
          employeeId: z.string().min(1),
          name: z.string(),
          position: z.string(),
          style: z.enum(['default', 'emphasis']),
          tooltip: z.string(),
          lines: z.array(line),
        }),
      )
      .max(PEOPLE_PER_PAGE),
    filterChoices: z.array(z.object({ title: z.string(), value: z.string().min(1) })),
    filterValue: z.string(),
    ...pagingSchema,
  }),
);

/** The short status of one person in the overview: critical legal gaps first, then dates, then a summary. */
export function personStatusLines(p: PersonGap): Line[] {
  const lines: Line[] = [];
  const seen = new Set<string>();
  for (const r of p.requirements) {
    if (!r.critical || !r.legal) continue;
    const text = criticalText(r.legal);
    if (seen.has(text)) continue;
    seen.add(text);
    lines.push({ text, color: 'Attention', weight: 'Bolder' });
  }
  for (const r of p.requirements) {
    if (r.upcoming && r.legal) {
      const from = r.legal.effectiveFrom ? ` fra ${formatDate(r.legal.effectiveFrom)}` : '';
      lines.push({ text: `Ikke oppfylt ennå: ${LEGAL_KIND[r.legal.source]}${from} (${legalReference(r.legal)})`, color: 'Default', weight: 'Bolder' });
    }
  }
  for (const a of p.certificationAlerts) {
    lines.push(
      a.status === 'expired'
        ? { text: `Gikk ut ${formatDate(a.validUntil)}: ${a.name}`, color: 'Attention', weight: 'Default' }
        : { text: `Går ut ${formatDate(a.validUntil)}: ${a.name}`, color: 'Default', weight: 'Bolder' },
    );
  }
  const s = p.summary;
  if (!p.profile) {
    lines.push({ text: 'Ingen kompetanseprofil for stillingen – HR kan legge den til', color: 'Default', weight: 'Default' });
  } else if (!p.registered) {
    lines.push({ text: 'Har ikke registrert kompetansen sin', color: 'Default', weight: 'Bolder' });
  } else if (s.requiredUnmet === 0) {
    const desired = s.desiredUnmet ? ` · ${s.desiredUnmet} ønsket mangler` : '';
    lines.push({ text: `✔ Alle påkrevde krav er oppfylt${desired}`, color: 'Default', weight: 'Default' });
  } else {
    const parts = [`${s.met + s.expiring} av ${s.requirements} krav oppfylt`];
    if (s.missing) parts.push(`${s.missing} mangler`);
    if (s.below) parts.push(`${s.below} under nivå`);
    if (s.expired) parts.push(`${s.expired} utløpt`);
    lines.push({ text: parts.join(' · '), color: 'Default', weight: 'Default' });
  }
  if (lines.length > LINES_PER_PERSON) {
    const rest = lines.length - (LINES_PER_PERSON - 1);
    return [...lines.slice(0, LINES_PER_PERSON - 1), { text: `… og ${rest} til – se detaljer`, color: 'Default', weight: 'Default' }];
  }
  return lines;
}

function unitFacts(list: readonly PersonGap[], gap: UnitGap, filtered: boolean) {
  const registered = list.filter((p) => p.registered).length;
  const critical = list.filter((p) => p.critical).length;
  const sum = (f: (p: PersonGap) => number) => list.reduce((n, p) => n + f(p), 0);
  const expiring = sum((p) => p.certificationAlerts.filter((a) => a.status === 'expiring').length);
  const expired = sum((p) => p.certificationAlerts.filter((a) => a.status === 'expired').length);
  const mobilisation = list.filter((p) => p.mobilisation.competenceIds.length > 0 || p.mobilisation.note).length;
  const facts = [
    { title: 'Medarbeidere', value: list.length === 0 ? '0' : `${list.length} (${registered === list.length ? 'alle' : registered} har registrert)` },
    { title: 'Kritiske mangler', value: critical ? `${people(critical)} mangler krav i lov eller regler` : 'Ingen' },
    { title: 'Krav som mangler', value: String(sum((p) => p.summary.missing)) },
    { title: 'Under påkrevd nivå', value: String(sum((p) => p.summary.below)) },
    { title: `Går ut innen ${EXPIRY_WARNING_DAYS} dager`, value: plural(expiring, 'sertifikat', 'sertifikater') },
  ];
  if (expired) facts.push({ title: 'Utløpt', value: plural(expired, 'sertifikat', 'sertifikater') });
  facts.push({ title: 'Kompetanse som ikke brukes', value: mobilisation ? people(mobilisation) : 'Ingen registrert' });
  if (!filtered && gap.vulnerable.length) {
    facts.push({ title: 'Sårbart (bare én har det)', value: listNames(gap.vulnerable.map((v) => v.label), 3) });
  }
  return { facts, critical };
}

/**
 * The overview of a unit: summary, people with a short status (critical first), paged 10 at a
 * time, and the position filter. `profileId` narrows the list to one position in the unit.
 */
export function renderUnitOverview(gap: UnitGap, opts: { page?: number; profileId?: string } = {}) {
  const profileId = opts.profileId && opts.profileId !== ALL_POSITIONS ? opts.profileId : undefined;
  const column = profileId ? gap.coverage.columns.find((c) => c.profileId === profileId) : undefined;
  const list = profileId ? gap.people.filter((p) => p.profile?.id === profileId) : gap.people;
  const p = pageOf(list, opts.page ?? 0, PEOPLE_PER_PAGE);
  const { facts, critical } = unitFacts(list, gap, !!profileId);
  const choices = gap.coverage.columns.length > 1 || profileId
    ? [{ title: 'Alle stillinger', value: ALL_POSITIONS }, ...gap.coverage.columns.map((c) => ({ title: `${c.title} (${c.people})`, value: c.profileId }))]
    : [];
  return unitCard.render({
    unitId: gap.unitId,
    profileId: profileId ?? '',
    heading: `Kompetansegap: ${gap.unitName}`,
    subtitle: `Status per ${formatDate(gap.today)}, målt mot kompetanseprofilen for hver stilling.`,
    filterText: profileId ? `Viser bare: ${column?.title ?? 'en stilling som ingen i enheten har'}` : '',
    criticalText: critical
      ? `${people(critical)} mangler krav i lov, forskrift eller kommunens egne regler. ${critical === 1 ? 'Vedkommende' : 'De'} står først i listen.`
      : '',
    facts,
    emptyText: list.length ? '' : profileId ? 'Ingen i enheten har denne stillingen.' : 'Enheten har ingen medarbeidere i organisasjonsoversikten.',
    pageText: p.pages > 1 ? `Side ${p.page + 1} av ${p.pages} (medarbeider ${p.from}–${p.to} av ${p.total})` : `${people(p.total)}`,
    people: p.items.map((person) => ({
      employeeId: person.employeeId,
      name: person.name,
      position: person.profile && person.profile.title !== person.position.title ? `${person.position.title} · ${person.profile.title}` : person.position.title,
      style: person.critical ? 'emphasis' : 'default',
      tooltip: `Vis kompetansegapet til ${person.name}`,
      lines: personStatusLines(person),
    })),
    filterChoices: choices,
    filterValue: profileId ?? ALL_POSITIONS,
    ...paging(p),
  });
}

// ---------------------------------------------------------------------------------------------
// One person

const personCard = defineCard(
  'gap-person',
  z.object({
    heading: z.string(),
    subtitle: z.string(),
    notices: z.array(z.object({ text: z.string(), color })),
    critical: z.array(z.object({ text: z.string() })),
    groups: z.array(
      z.object({
        title: z.string(),
        rows: z.array(z.object({ label: z.string(), detail: z.string(), status: z.string(), color, weight })),
      }),
    ),
    alerts: z.array(z.object({ text: z.string(), color })),
    extra: z.array(z.object({ text: z.string() })),
    measureGroups: z.array(measureGroupView),
  }),
);

/** «Oppfylt», «Under nivå (har 2, krav 3)», «Mangler» … with a colour that matches. */
export function requirementStatus(r: RequirementResult, content: CompetenceContent): { status: string; color: Line['color']; weight: Line['weight'] } {
  const underWay = r.inProgress ? ' – under arbeid' : '';
  switch (r.status) {
    case 'met':
      // Default text colour (the pale green was below 4.5:1); the ✔ and the word carry the meaning.
      return { status: '✔ Oppfylt', color: 'Default', weight: 'Default' };
    case 'expiring':
      return { status: `Oppfylt – går ut ${r.validUntil ? formatDate(r.validUntil) : 'snart'}`, color: 'Default', weight: 'Bolder' };
    case 'below':
      return { status: `Under nivå (har ${r.heldLevel ?? '?'}, krav ${r.requiredLevel ?? '?'})`, color: 'Default', weight: 'Bolder' };
    case 'expired':
      return { status: `Utløpt ${r.validUntil ? formatDate(r.validUntil) : ''}${underWay}`.trim(), color: 'Attention', weight: r.critical ? 'Bolder' : 'Default' };
    case 'missing': {
      const skill = r.competenceId !== undefined && content.competenceById.get(r.competenceId)?.kind === 'skill';
      const status = `Mangler${skill ? ' (ikke vurdert)' : ''}${underWay}`;
      if (r.critical) return { status, color: 'Attention', weight: 'Bolder' };
      if (r.upcoming) return { status: `${status} – kravet gjelder fra ${formatDate(r.legal?.effectiveFrom ?? '')}`, color: 'Default', weight: 'Bolder' };
      return { status, color: r.priority === 'required' ? 'Attention' : 'Default', weight: 'Bolder' };
    }
  }
}

function requirementDetail(r: RequirementResult): string {
  const parts: string[] = [];
  if (r.legal) parts.push(`${LEGAL_LABEL[r.legal.source]}: ${r.legal.reference}`);
  // Only what is required «kreves»; a desired item is «ønskes» (#12).
  if (r.requiredLevel !== undefined) parts.push(r.priority === 'required' ? `nivå ${r.requiredLevel} kreves` : `nivå ${r.requiredLevel} ønskes`);
  if (r.option) {
    const met = r.status === 'met' || r.status === 'expiring';
    parts.push(met ? `oppfylt med: ${r.option.label}` : `nærmest: ${r.option.label}`);
    if (!met && r.unmet.length) parts.push(`mangler ${listNames(r.unmet.map((m) => m.name), 3)}`);
  }
  const text = parts.join(' · ');
  return text.charAt(0).toLocaleUpperCase('nb') + text.slice(1);
}

/** One person's gap: each requirement with its status, certifications, mobilisation and measures with «Les mer». */
export function renderPersonGap(gap: PersonGap, measures: readonly MeasureGroup[], content: CompetenceContent, opts: { forEmployee?: boolean } = {}) {
  const name = (id: string) => content.competenceById.get(id)?.name ?? id;
  const notices: { text: string; color: Line['color'] }[] = [];
  if (!gap.profile) {
    notices.push({
      text: `Det finnes ingen kompetanseprofil for stillingen «${gap.position.title}» (kode ${gap.position.code}), så jeg vet ikke hvilke krav som gjelder. HR kan legge til en profil.`,
      color: 'Default',
    });
  }
  if (!gap.registered) {
    notices.push({ text: `${gap.name} har ikke registrert kompetansen sin ennå, så alle krav står som «mangler» til registreringen er på plass.`, color: 'Default' });
  } else if (gap.registrationUpdatedAt) {
    notices.push({ text: `Registreringen ble sist oppdatert ${formatInstantDate(gap.registrationUpdatedAt)}.`, color: 'Default' });
  }
  const row = (r: RequirementResult) => ({ label: r.label, detail: requirementDetail(r), ...requirementStatus(r, content) });
  const required = gap.requirements.filter((r) => r.priority === 'required');
  const desired = gap.requirements.filter((r) => r.priority === 'desired');
  const groups = [
    ...(required.length ? [{ title: 'Krav i stillingen', rows: required.map(row) }] : []),
    ...(desired.length ? [{ title: 'Ønsket kompetanse', rows: desired.map(row) }] : []),
  ];
  const extra: { text: string }[] = [];
  if (gap.mobilisation.competenceIds.length) extra.push({ text: `Får ikke brukt i jobben i dag (egen registrering): ${listNames(gap.mobilisation.competenceIds.map(name), 8)}` });
  if (gap.mobilisation.note) extra.push({ text: `Egen beskrivelse: «${gap.mobilisation.note}»` });
  if (gap.heldOutsideProfile.length) extra.push({ text: `Har også, utover stillingens profil: ${listNames(gap.heldOutsideProfile.map(name), 8)}` });
  return personCard.render({
    heading: `Kompetansegap: ${gap.name}`,
    subtitle: gap.profile ? `${gap.position.title} · kompetanseprofil: ${gap.profile.title}` : gap.position.title,
    notices,
    critical: gap.requirements
      .filter((r) => r.critical && r.legal)
      .map((r) => ({ text: `${criticalText(r.legal!)}: ${r.label}${r.inProgress ? ' (under arbeid)' : ''}` })),
    groups,
    alerts: gap.certificationAlerts.map((a) =>
      a.status === 'expired'
        ? { text: `${a.name} gikk ut ${formatDate(a.validUntil)}.`, color: 'Attention' as const }
        : { text: `${a.name} går ut ${formatDate(a.validUntil)} (om ${plural(a.daysLeft, 'dag', 'dager')}).`, color: 'Default' as const },
    ),
    extra,
    measureGroups: measureGroupsView(measures, {
      withCount: false,
      maxTotal: MAX_PERSON_MEASURES,
      moreNote: opts.forEmployee ? 'Snakk med lederen din om flere tiltak.' : 'Flere tiltak står under «Tiltak for enheten» i oversikten.',
      forEmployee: opts.forEmployee,
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Coverage heatmap

const cellStyle = z.enum(['default', 'good', 'warning', 'attention']);
const coverageCard = defineCard(
  'gap-coverage',
  z.object({
    heading: z.string(),
    subtitle: z.string(),
    emptyText: z.string(),
    unitId: z.string(),
    profileId: z.string(),
    tableColumns: z.array(z.object({ width: z.number().int().positive() })).min(2),
    columns: z.array(z.object({ title: z.string() })).min(1),
    rows: z.array(z.object({ label: z.string(), kind: z.string(), cells: z.array(z.object({ text: z.string(), style: cellStyle })) })).max(COVERAGE_ROWS_PER_PAGE),
    pageText: z.string(),
    legend: z.string(),
    ...pagingSchema,
  }),
);

const BAND_STYLE = { good: 'good', partial: 'warning', weak: 'attention' } as const;
const cellView = (c: CoverageCell | undefined) =>
  c && c.applicable > 0 ? { text: `${pct(c.share)} (${c.met} av ${c.applicable})`, style: BAND_STYLE[c.band] } : { text: '–', style: 'default' as const };

export type CoverageScope = { scope: 'unit'; gap: UnitGap } | { scope: 'kommune'; gap: MunicipalityGap };

/**
 * Competence × share of people who meet it, as a table whose cells are coloured by share
 * (good ≥ 80 %, warning ≥ 50 %, attention below) and also carry the share as text.
 */
export function renderCoverage(view: CoverageScope, requestedPage = 0) {
  const coverage: CoverageTable = view.gap.coverage;
  const profileColumns = coverage.columns.length > 1 ? coverage.columns.slice(0, COVERAGE_PROFILE_COLUMNS) : [];
  const p = pageOf(coverage.rows, requestedPage, COVERAGE_ROWS_PER_PAGE);
  const withProfile = coverage.columns.reduce((n, c) => n + c.people, 0);
  const place = view.scope === 'unit' ? view.gap.unitName : 'hele kommunen';
  const filter = view.scope === 'unit' && view.gap.filter?.profileId ? ` · bare ${coverage.columns[0]?.title ?? 'valgt stilling'}` : '';
  const legend = [
    'Andelen som oppfyller kravet: grønn minst 80 %, gul 50–79 %, rød under 50 %. Prosenten og antallet står i hver rute, så tabellen kan leses uten farger. «–»: kravet gjelder ikke stillingen.',
    coverage.columns.length > profileColumns.length && profileColumns.length
      ? `Viser de ${profileColumns.length} største stillingsgruppene; alle står i CSV-filen.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return coverageCard.render({
    heading: `Dekning: ${place}`,
    subtitle: `Per ${formatDate(view.gap.today)} · ${people(withProfile)} med kompetanseprofil${filter}`,
    emptyText: coverage.rows.length ? '' : 'Ingen her har en stilling med kompetanseprofil, så det er ingen krav å vise dekning for.',
    unitId: view.scope === 'unit' ? view.gap.unitId : '',
    profileId: view.scope === 'unit' ? (view.gap.filter?.profileId ?? '') : '',
    tableColumns: [{ width: 3 }, ...[{}, ...profileColumns].map(() => ({ width: 2 }))],
    // Narrow header cells: long words break at a syllable with a hyphen, not mid-syllable (#12).
    columns: [{ title: 'Alle' }, ...profileColumns.map((c) => ({ title: softHyphenate(`${c.title} (${c.people})`) }))],
    rows: p.items.map((r) => ({
      label: r.label,
      kind: r.legal ? 'Lov eller regel' : r.priority === 'required' ? 'Påkrevd' : 'Ønsket',
      cells: [cellView(r.total), ...profileColumns.map((c) => cellView(r.byProfile[c.profileId]))],
    })),
    pageText: p.pages > 1 ? `Side ${p.page + 1} av ${p.pages} (krav ${p.from}–${p.to} av ${p.total})` : '',
    legend,
    ...paging(p),
  });
}

// ---------------------------------------------------------------------------------------------
// Mobilisation potential and unit measures

const MAX_MOBILISATION_ROWS = 12;
const mobilisationCard = defineCard(
  'gap-mobilisation',
  z.object({
    heading: z.string(),
    intro: z.string(),
    emptyText: z.string(),
    rows: z.array(z.object({ name: z.string(), counts: z.string(), people: z.string() })).max(MAX_MOBILISATION_ROWS),
    moreText: z.string(),
    measures: z.array(measureView),
  }),
);

/** Competence held but not used: what people say they do not get to use, and what they hold beyond their profile. */
export function renderMobilisation(gap: UnitGap) {
  const names = new Map(gap.people.map((p) => [p.employeeId, p.name]));
  const rows = gap.mobilisation.slice(0, MAX_MOBILISATION_ROWS).map((m) => {
    const counts: string[] = [];
    if (m.declared) counts.push(`${people(m.declared)} sier de ikke får brukt den`);
    if (m.heldOutsideProfile) counts.push(`${m.heldOutsideProfile} har den utover stillingens profil`);
    return { name: m.name, counts: counts.join(' · '), people: listNames((m.employeeIds ?? []).map((id) => names.get(id) ?? id), 6) };
  });
  const group =
    gap.measures.find((g) => g.kind === 'mobilisation') ??
    (rows.length ? suggestMeasures([{ kind: 'mobilisation', count: rows.length, sectors: [], categories: [], competenceIds: [] }])[0] : undefined);
  const more = gap.mobilisation.length - rows.length;
  return mobilisationCard.render({
    heading: `Mobiliseringspotensial: ${gap.unitName}`,
    intro:
      'Kompetanse medarbeiderne har, men ikke får brukt i jobben i dag (egen registrering), og kompetanse de har utover det stillingen krever. Dette er kompetanse enheten kan ta i bruk.',
    emptyText: rows.length ? '' : 'Ingen i enheten har registrert kompetanse de ikke får brukt, eller kompetanse utover stillingens profil.',
    rows,
    moreText: more > 0 ? `… og ${plural(more, 'kompetanse', 'kompetanser')} til. Alt står i CSV-filen.` : '',
    measures: group ? measureGroupsView([group], { withCount: false, maxTotal: 6, perGroup: 6, moreNote: '' })[0]!.measures : [],
  });
}

const measuresCard = defineCard(
  'gap-measures',
  z.object({ heading: z.string(), intro: z.string(), emptyText: z.string(), measureGroups: z.array(measureGroupView) }),
);

/** Suggested measures for the whole unit, per kind of gap, each with «Les mer». */
export function renderUnitMeasures(gap: UnitGap) {
  return measuresCard.render({
    heading: `Tiltak: ${gap.unitName}`,
    intro:
      'Forslag etter hva slags kompetansegap enheten har – anskaffe, utvikle, mobilisere, beholde eller avvikle – fra kommunenes planer og KS-veilederne. «Les mer» viser bakgrunnen og kilden.',
    emptyText: gap.measures.length ? '' : 'Jeg finner ingen kompetansegap i enheten, så jeg har ingen tiltak å foreslå.',
    measureGroups: measureGroupsView(gap.measures, { withCount: true, maxTotal: MAX_UNIT_MEASURES, perGroup: 4, moreNote: 'Se tiltakene over.' }),
  });
}

// ---------------------------------------------------------------------------------------------
// Export links

const exportCard = defineCard(
  'gap-export',
  z.object({ heading: z.string(), intro: z.string(), links: z.array(z.object({ markdown: z.string() })).min(1), note: z.string() }),
);

/** Markdown link text: square brackets in a label would break the link. */
const linkLabel = (s: string) => s.replace(/[[\]]/g, '');

/** One-time download links (Action.OpenUrl cannot carry a verb, so they are Markdown links). */
export function renderExportLinks(unitName: string, links: readonly { label: string; url: string }[]) {
  return exportCard.render({
    heading: `Last ned: ${unitName}`,
    intro: 'Filene er semikolonseparerte CSV-filer som åpnes i Excel.',
    links: links.map((l) => ({ markdown: `[${linkLabel(l.label)}](${l.url})` })),
    note: 'Lenkene virker én gang og i 10 minutter. Filene inneholder personopplysninger: lagre dem trygt, del dem bare med dem som trenger dem, og slett dem når du er ferdig.',
  });
}

// ---------------------------------------------------------------------------------------------
// Municipality overview (HR)

const municipalityCard = defineCard(
  'gap-municipality',
  z.object({
    heading: z.string(),
    subtitle: z.string(),
    facts: z.array(fact),
    pageText: z.string(),
    units: z
      .array(z.object({ unitId: z.string().min(1), name: z.string(), style: z.enum(['default', 'emphasis']), tooltip: z.string(), lines: z.array(line) }))
      .max(MUNICIPALITY_UNITS_PER_PAGE),
    ...pagingSchema,
  }),
);

/** Every unit with its key numbers (critical first), paged; each opens the unit's overview. */
export function renderMunicipality(gap: MunicipalityGap, requestedPage = 0) {
  const s = gap.summary;
  const p = pageOf(gap.units, requestedPage, MUNICIPALITY_UNITS_PER_PAGE);
  return municipalityCard.render({
    heading: 'Kompetansegap i hele kommunen',
    subtitle: `Status per ${formatDate(gap.today)}`,
    facts: [
      { title: 'Enheter', value: String(s.units) },
      { title: 'Medarbeidere', value: `${s.people} (${s.registered} har registrert)` },
      { title: 'Kritiske mangler', value: s.peopleWithCritical ? `${people(s.peopleWithCritical)} mangler krav i lov eller regler` : 'Ingen' },
      { title: 'Krav som mangler', value: String(s.missing) },
      { title: 'Under påkrevd nivå', value: String(s.below) },
      { title: `Går ut innen ${EXPIRY_WARNING_DAYS} dager`, value: String(s.expiring) },
      { title: 'Kompetanse som ikke brukes', value: s.mobilisationPeople ? people(s.mobilisationPeople) : 'Ingen registrert' },
    ],
    pageText: p.pages > 1 ? `Side ${p.page + 1} av ${p.pages} (enhet ${p.from}–${p.to} av ${p.total})` : '',
    units: p.items.map((u) => {
      const lines: Line[] = [{ text: `${people(u.summary.people)} · ${u.summary.registered} har registrert`, color: 'Default', weight: 'Default' }];
      if (u.summary.peopleWithCritical) {
        lines.push({ text: `Kritisk: ${people(u.summary.peopleWithCritical)} mangler krav i lov eller regler`, color: 'Attention', weight: 'Bolder' });
      }
      if (u.weakest.length) {
        lines.push({ text: `Svakest dekket: ${u.weakest.map((w) => `${w.label} ${pct(w.share)}`).join(', ')}`, color: 'Default', weight: 'Default' });
      }
      return { unitId: u.unitId, name: u.unitName, style: u.summary.peopleWithCritical ? 'emphasis' : 'default', tooltip: `Åpne kompetansegapet for ${u.unitName}`, lines };
    }),
    ...paging(p),
  });
}
