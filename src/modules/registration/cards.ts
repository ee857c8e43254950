/**
 * Cards of the employee's own competence registration («Min kompetanse»): the overview, one
 * generic form card for the list sections and the mobilisation section, the self-assessment,
 * export, delete and short messages. The form model is in ./form.ts, what the cards show in
 * ./card-view.ts. No Teams types here.
 */
import { defineCard as defineTemplate } from '../../cards/define-card.js';
import { markdownSafeDefinition } from '../../texts/index.js';
import { formatOslo } from '../../texts/dates.js';
import type { Employee } from '../org/model.js';
import type { Competence, CompetenceContent, Profile } from './catalogue/content.js';
import { choice, expectationOf, field, invalidNotice, levelFact, NO_NOTICE, type Notice, notice, type RegistrationView, sectionStatus, toField } from './card-view.js';
import type { DownloadFile } from '../../shared/files.js';
import type { ExportFormat } from './export.js';
import { type CardValues, type FormErrors, FORMS, type FormSection, levelChoices, LIST_SECTIONS, type ListSection, NO_CHOICE, PAGE_SIZE, pageOf, ratingInputId } from './form.js';
import { describeEntry, type Item, str } from './format.js';
import { MAX_ITEMS, type RegistrationSection, SECTION_NAMES, SECTIONS } from './sections.js';
import { z } from 'zod';

/** This module's cards: no date at the start of a line becomes a numbered list in Teams (#12). */
const defineCard: typeof defineTemplate = (name, schema) => markdownSafeDefinition(defineTemplate(name, schema));

// What the cards show is worked out in card-view.ts; re-exported for the callers that name it with the cards.
export { profileSkills } from './card-view.js';
export type { Notice, RegistrationView } from './card-view.js';

// ---------------------------------------------------------------------------------------------
// Card schemas

const overviewCard = defineCard(
  'registration-overview',
  z.object({
    employeeId: z.string(),
    person: z.string(),
    profileText: z.string(),
    updatedText: z.string(),
    privacyText: z.string(),
    notice,
    sections: z
      .array(z.object({ section: z.enum(SECTIONS), name: z.string(), status: z.string(), buttonTitle: z.string() }))
      .length(SECTIONS.length),
  }),
);

const sectionCard = defineCard(
  'registration-section',
  z.object({
    employeeId: z.string(),
    section: z.enum([...LIST_SECTIONS, 'mobilisation']),
    version: z.number().int().min(0),
    heading: z.string(),
    intro: z.string(),
    notice,
    showList: z.boolean(),
    listHeading: z.string(),
    entries: z.array(z.object({ index: z.number().int(), title: z.string(), detail: z.string() })).max(10),
    page: z.number().int().min(0),
    pageCount: z.number().int().min(1),
    pageText: z.string(),
    levels: z.array(levelFact),
    showForm: z.boolean(),
    mode: z.enum(['add', 'edit', 'full', 'none']),
    formHeading: z.string(),
    hasRequired: z.boolean(),
    fields: z.array(field),
    saveTitle: z.string(),
    editIndex: z.number().int().min(0),
    carried: z.array(z.record(z.unknown())),
  }),
);

const selfAssessmentCard = defineCard(
  'registration-self-assessment',
  z.object({
    employeeId: z.string(),
    version: z.number().int().min(0),
    intro: z.string(),
    notice,
    levels: z.array(levelFact),
    choices: z.array(choice),
    skills: z.array(z.object({ inputId: z.string(), name: z.string(), description: z.string(), expectation: z.string(), value: z.string(), error: z.string() })),
    skillIds: z.array(z.string()),
  }),
);

const deleteCard = defineCard(
  'registration-delete',
  z.object({
    employeeId: z.string(),
    state: z.enum(['confirm', 'deleted', 'nothing']),
    heading: z.string(),
    text: z.string(),
    style: notice.shape.style,
    contents: z.array(z.object({ name: z.string(), status: z.string() })),
  }),
);

const exportCard = defineCard(
  'registration-export',
  z.object({
    employeeId: z.string(),
    linkText: z.string(),
    url: z.string().url(),
    explanation: z.string(),
    otherTitle: z.string(),
    otherFormat: z.enum(['json', 'csv']),
  }),
);

const messageCard = defineCard(
  'registration-message',
  z.object({
    employeeId: z.string(),
    heading: z.string(),
    text: z.string(),
    style: notice.shape.style,
    section: z.union([z.enum(SECTIONS), z.literal('')]),
    sectionName: z.string(),
  }),
);

// ---------------------------------------------------------------------------------------------
// Overview

export function renderOverview(view: RegistrationView, opts: { notice?: Notice } = {}) {
  const { employee, registration, profile } = view;
  return overviewCard.render({
    employeeId: employee.employeeId,
    person: `${employee.name} · ${employee.position.title}`,
    profileText: profile
      ? `Stillingsprofil: ${profile.title}. Egenvurderingen viser kompetansene profilen legger vekt på.`
      : `Jeg finner ingen kompetanseprofil for stillingen «${employee.position.title}», men du kan registrere alt det andre.`,
    updatedText: view.stored
      ? `Sist lagret ${formatOslo(new Date(registration.updatedAt))}.`
      : 'Du har ikke registrert noe ennå. Velg en del under for å begynne.',
    privacyText: 'Det du registrerer, ser bare du, lederen din og HR. Du kan laste ned alt eller slette det når du vil.',
    notice: opts.notice ?? NO_NOTICE,
    sections: SECTIONS.map((section) => {
      const { status, filled } = sectionStatus(view, section);
      return { section, name: SECTION_NAMES[section], status, buttonTitle: filled ? 'Endre' : 'Registrer' };
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Section form

export interface SectionFormOptions {
  employeeId: string;
  section: FormSection;
  version: number;
  content: CompetenceContent;
  /** The list section's entries as stored (or as the card carried them); the mobilisation section's stored value. */
  entries: Item[];
  /** For a list section: edit the entry at this index; undefined = add a new one. */
  editIndex?: number;
  /** The page of the list to show; by default the one with the entry being edited or added. */
  page?: number;
  /** What the user typed (re-shown with errors); else the stored entry or an empty form. */
  values?: CardValues;
  errors?: FormErrors;
  notice?: Notice;
}

export function renderSectionForm(o: SectionFormOptions) {
  const form = FORMS[o.section];
  const name = SECTION_NAMES[o.section];
  const list = o.section !== 'mobilisation';
  const editing = list && o.editIndex !== undefined && o.editIndex < o.entries.length;
  const full = list && !editing && o.entries.length >= MAX_ITEMS;
  const mode = !list ? 'full' : editing ? 'edit' : full ? 'none' : 'add';
  const index = editing ? o.editIndex! : o.entries.length;
  const source: CardValues = o.values ?? (editing ? o.entries[index]! : !list ? (o.entries[0] ?? {}) : {});
  const pageCount = Math.max(1, Math.ceil(o.entries.length / PAGE_SIZE));
  const page = Math.min(Math.max(o.page ?? pageOf(Math.min(index, o.entries.length - 1)), 0), pageCount - 1);
  const entries = list
    ? o.entries
        .map((item, i) => ({ index: i, ...describeEntry(o.section as ListSection, item, o.content) }))
        .slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)
    : [];
  const notice =
    o.errors && (Object.keys(o.errors.byField).length || o.errors.general.length)
      ? invalidNotice(o.errors)
      : full && !o.notice
        ? { style: 'emphasis' as const, text: `Du har registrert ${MAX_ITEMS}, som er det høyeste antallet. Fjern noe for å legge til mer.` }
        : (o.notice ?? NO_NOTICE);
  return sectionCard.render({
    employeeId: o.employeeId,
    section: o.section,
    version: o.version,
    heading: name,
    intro: form.intro,
    notice,
    showList: list && !editing,
    listHeading: `Registrert (${o.entries.length})`,
    entries,
    page,
    pageCount,
    pageText: `Viser ${page * PAGE_SIZE + 1}–${Math.min((page + 1) * PAGE_SIZE, o.entries.length)} av ${o.entries.length}`,
    levels: o.section === 'languages' || o.section === 'digitalSkills' ? o.content.levels.map((l) => ({ title: `${l.level} ${l.name}`, description: l.description })) : [],
    showForm: mode !== 'none',
    mode,
    formHeading: editing ? `Endre «${describeEntry(o.section as ListSection, o.entries[index]!, o.content).title}»` : list ? `Legg til ${form.noun}` : '',
    hasRequired: form.fields.some((f) => f.required),
    fields: form.fields.map((def) => toField(def, o.content, source[def.id], o.errors?.byField[def.id])),
    saveTitle: editing ? 'Lagre endringene' : 'Lagre',
    editIndex: index,
    carried: list ? o.entries : [],
  });
}

// ---------------------------------------------------------------------------------------------
// Self-assessment

export interface SelfAssessmentOptions {
  employee: Employee;
  version: number;
  content: CompetenceContent;
  profile?: Profile;
  /** The profile's skills, in order. Skills rated earlier but no longer in the profile are added after them. */
  skills: Competence[];
  /** Stored ratings. */
  ratings: { competenceId: string; level: number }[];
  values?: CardValues;
  errors?: FormErrors;
  notice?: Notice;
}

export function renderSelfAssessment(o: SelfAssessmentOptions) {
  const stored = new Map(o.ratings.map((r) => [r.competenceId, r.level]));
  const shown = new Map<string, Competence | undefined>(o.skills.map((s) => [s.id, s]));
  for (const r of o.ratings) if (!shown.has(r.competenceId)) shown.set(r.competenceId, o.content.competenceById.get(r.competenceId));
  const skills = [...shown].map(([id, c]) => {
    const inputId = ratingInputId(id);
    const raw = o.values ? o.values[inputId] : stored.get(id);
    const value = raw === undefined || raw === null || raw === '' ? NO_CHOICE : str(raw);
    return {
      inputId,
      name: c?.name ?? id,
      description: c?.description ?? '',
      expectation: expectationOf(o.profile, id, o.content) || (o.skills.some((s) => s.id === id) ? '' : 'Ikke i stillingsprofilen din nå; du har vurdert den tidligere.'),
      value,
      error: o.errors?.byField[inputId] ?? '',
    };
  });
  const intro = skills.length
    ? o.profile
      ? `Vurder deg selv på kompetansene i stillingsprofilen «${o.profile.title}». Velg nivået som passer best, eller «Ikke vurdert» hvis du er usikker. Vurderingen er et utgangspunkt for samtalen med lederen din.`
      : 'Velg nivået som passer best, eller «Ikke vurdert» hvis du er usikker.'
    : `Jeg finner ingen kompetanseprofil for stillingen «${o.employee.position.title}», så det er ingen kompetanser å vurdere her ennå. Ta kontakt med lederen din eller HR hvis det er feil.`;
  const notice = o.errors && (Object.keys(o.errors.byField).length || o.errors.general.length) ? invalidNotice(o.errors) : (o.notice ?? NO_NOTICE);
  return selfAssessmentCard.render({
    employeeId: o.employee.employeeId,
    version: o.version,
    intro,
    notice,
    levels: o.content.levels.map((l) => ({ title: `${l.level} ${l.name}`, description: l.description })),
    choices: [{ title: 'Ikke vurdert', value: NO_CHOICE }, ...levelChoices(o.content)],
    skills,
    skillIds: [...shown.keys()],
  });
}

// ---------------------------------------------------------------------------------------------
// Export, delete, messages

export function renderExport(employeeId: string, format: ExportFormat, file: DownloadFile, url: string) {
  const other: ExportFormat = format === 'csv' ? 'json' : 'csv';
  return exportCard.render({
    employeeId,
    linkText: `Last ned ${file.fileName}`,
    url,
    explanation:
      (format === 'csv' ? 'CSV-filen åpnes i Excel. ' : 'JSON-filen er alt du har registrert, i et maskinlesbart format. ') +
      'Lenken virker én gang, i 10 minutter, og bare for deg. Trykk på knappen igjen hvis du trenger en ny.',
    otherTitle: other === 'csv' ? 'Last ned som CSV (Excel) i stedet' : 'Last ned som JSON i stedet',
    otherFormat: other,
  });
}

export function renderDeleteConfirm(view: RegistrationView) {
  if (!view.stored) return renderDeleted(view.employee.employeeId, false);
  const contents = SECTIONS.map((s) => ({ name: SECTION_NAMES[s], ...sectionStatus(view, s) }))
    .filter((s) => s.filled)
    .map(({ name, status }) => ({ name, status }));
  return deleteCard.render({
    employeeId: view.employee.employeeId,
    state: 'confirm',
    heading: 'Slette registreringen?',
    text: 'Alt du har registrert om kompetansen din blir slettet, og det kan ikke angres. Lederen din og HR ser det heller ikke lenger. Vil du ha en kopi, last den ned først.',
    style: 'warning',
    contents,
  });
}

export function renderDeleted(employeeId: string, deleted: boolean) {
  return deleteCard.render({
    employeeId,
    state: deleted ? 'deleted' : 'nothing',
    heading: deleted ? 'Registreringen er slettet' : 'Ingenting å slette',
    text: deleted
      ? 'Registreringen din er slettet. Ingenting av det du hadde registrert om kompetansen din, er lagret lenger.'
      : 'Du har ingen lagret registrering, så det er ingenting å slette.',
    style: deleted ? 'good' : 'emphasis',
    contents: [],
  });
}

export function renderMessage(employeeId: string, m: { heading: string; text: string; style?: Notice['style']; section?: RegistrationSection }) {
  return messageCard.render({
    employeeId,
    heading: m.heading,
    text: m.text,
    style: m.style ?? 'warning',
    section: m.section ?? '',
    sectionName: m.section ? SECTION_NAMES[m.section] : '',
  });
}
