/**
 * Cards of the leader's competence-gap dialog (kompetansegap) about people: the unit picker, the
 * unit overview (people, paged) and one person's gap with suggested measures. The cards about the
 * whole unit or municipality are in ./summary-cards.ts, the shared pieces in ./card-format.ts.
 *
 * Each render function turns the service's result into the data of one template in cards/ and
 * nothing else: no access rules, no storage. Long lists are paged so every card stays well under
 * Teams' 28 KB. Dates are calendar dates shown in Norwegian (Europe/Oslo).
 */
import { defineCard as defineTemplate } from '../../cards/define-card.js';
import { markdownSafeDefinition } from '../../texts/index.js';
import type { CompetenceContent } from '../registration/catalogue/content.js';
import { ALL_POSITIONS, color, criticalText, fact, formatDate, formatInstantDate, LEGAL_KIND, LEGAL_LABEL, legalReference, line, type Line, LINES_PER_PERSON, listNames, MAX_PERSON_MEASURES, measureGroupsView, measureGroupView, pageOf, paging, pagingSchema, people, PEOPLE_PER_PAGE, plural, UNITS_PER_PAGE, weight } from './card-format.js';
import { EXPIRY_WARNING_DAYS } from './context.js';
import type { UnitChoice } from './gap-service.js';
import type { UnitGap } from './gap.js';
import type { MeasureGroup } from './measures.js';
import type { PersonGap, RequirementResult } from './person-gap.js';
import { z } from 'zod';

/** This module's cards: no date at the start of a line becomes a numbered list in Teams (#12). */
const defineCard: typeof defineTemplate = (name, schema) => markdownSafeDefinition(defineTemplate(name, schema));

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
