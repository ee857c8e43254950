/**
 * Cards of the competence-gap dialog about a whole unit or the municipality: the coverage heatmap,
 * mobilisation potential, unit measures, CSV links and HR's municipality overview. Same rules as
 * ./cards.ts: service result in, template data out, paged to stay well under Teams' 28 KB.
 */
import { defineCard } from '../../cards/define-card.js';
import { softHyphenate } from '../../texts/index.js';
import { COVERAGE_PROFILE_COLUMNS, COVERAGE_ROWS_PER_PAGE, fact, formatDate, line, type Line, listNames, MAX_UNIT_MEASURES, measureGroupsView, measureGroupView, measureView, MUNICIPALITY_UNITS_PER_PAGE, pageOf, paging, pagingSchema, pct, people, plural } from './card-format.js';
import { EXPIRY_WARNING_DAYS } from './context.js';
import type { CoverageCell, CoverageTable } from './coverage.js';
import type { MunicipalityGap, UnitGap } from './gap.js';
import { suggestMeasures } from './measures.js';
import { z } from 'zod';

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
