/**
 * Cards of the employee's own competence registration («Min kompetanse»): the overview, one
 * generic form card for the list sections and the mobilisation section, the self-assessment,
 * export, delete and short messages. The form model is in ./form.ts. No Teams types here.
 */
import { defineCard } from '../../cards/define-card.js';
import { formatOslo } from '../../texts/dates.js';
import type { Employee } from '../org/model.js';
import type { Competence, CompetenceContent, Profile } from './catalogue/content.js';
import type { ExportFormat } from './export.js';
import { type CardValues, FIELD_KINDS, type FieldDef, type FormErrors, FORMS, type FormSection, levelChoices, LIST_SECTIONS, type ListSection, NO_CHOICE, PAGE_SIZE, pageOf, ratingInputId } from './form.js';
import { describeEntry, type Item, str } from './format.js';
import { type CompetenceRegistration, MAX_ITEMS, type RegistrationSection, SECTION_NAMES, SECTIONS } from './sections.js';
import { z } from 'zod';
import type { DownloadFile } from '../../shared/files.js';

// ---------------------------------------------------------------------------------------------
// Card schemas

const notice = z.object({ style: z.enum(['default', 'emphasis', 'good', 'attention', 'warning']), text: z.string() });
export type Notice = z.infer<typeof notice>;
const NO_NOTICE: Notice = { style: 'default', text: '' };
const choice = z.object({ title: z.string(), value: z.string().min(1) });
const levelFact = z.object({ title: z.string(), description: z.string() });

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


const field = z.object({
  id: z.string(),
  kind: z.enum(FIELD_KINDS),
  label: z.string(),
  value: z.string(),
  placeholder: z.string(),
  hint: z.string(),
  error: z.string(),
  choices: z.array(choice),
  maxLength: z.number(),
  hasNumber: z.boolean(),
  numberValue: z.number(),
});

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

function toField(def: FieldDef, content: CompetenceContent, raw: unknown, error: string | undefined): z.input<typeof field> {
  let value = '';
  let hasNumber = false;
  let numberValue = 0;
  if (def.kind === 'multichoice') value = Array.isArray(raw) ? raw.map(str).join(',') : str(raw);
  else if (def.kind === 'toggle') value = raw === true || raw === 'true' ? 'true' : 'false';
  else if (def.kind === 'number') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(?:[.,]\d+)?\s*$/.test(raw) ? Number(raw.trim().replace(',', '.')) : NaN;
    hasNumber = Number.isFinite(n);
    numberValue = hasNumber ? n : 0;
  } else value = str(raw);
  if (def.id === 'competenceId' && value === '') value = NO_CHOICE;
  return {
    id: def.id,
    kind: def.kind,
    // The server checks required fields (the card does not, so paging can carry a half-typed entry).
    label: def.required ? `${def.label} *` : def.label,
    value,
    placeholder: def.placeholder ?? '',
    hint: [def.hint ?? '', def.hintFrom?.(content) ?? ''].filter(Boolean).join(' '),
    error: error ?? '',
    choices: def.choices?.(content) ?? [],
    maxLength: def.maxLength ?? 0,
    hasNumber,
    numberValue,
  };
}
const NOTHING_SAVED = 'Ingenting er lagret.';

function invalidNotice(errors: FormErrors): Notice {
  const fields = Object.keys(errors.byField).length;
  const lines = [fields ? `${NOTHING_SAVED} Rett det som er merket under, og lagre igjen.` : NOTHING_SAVED, ...errors.general.map((m) => `- ${m}`)];
  return { style: 'attention', text: lines.join('\n') };
}

// ---------------------------------------------------------------------------------------------
// Overview

/** The skills the employee's profile asks for, in profile order (what the self-assessment shows). */
export function profileSkills(content: CompetenceContent, profile: Profile | undefined): Competence[] {
  const ids = new Set<string>();
  for (const r of profile?.requirements ?? []) for (const o of r.options) for (const m of o.members) ids.add(m.competenceId);
  return [...ids].map((id) => content.competenceById.get(id)).filter((c): c is Competence => c?.kind === 'skill');
}

export interface RegistrationView {
  employee: Employee;
  registration: CompetenceRegistration;
  stored: boolean;
  profile?: Profile;
  skillsToAssess: Competence[];
}

function sectionStatus(view: RegistrationView, section: RegistrationSection): { status: string; filled: boolean } {
  const reg = view.registration;
  if (section === 'selfAssessment') {
    const rated = new Set(reg.selfAssessment.map((r) => r.competenceId));
    if (view.skillsToAssess.length === 0) {
      return rated.size ? { status: `${rated.size} vurdert`, filled: true } : { status: 'Ingen kompetanser å vurdere for stillingen din', filled: false };
    }
    const done = view.skillsToAssess.filter((s) => rated.has(s.id)).length;
    return { status: `${done} av ${view.skillsToAssess.length} vurdert`, filled: rated.size > 0 };
  }
  if (section === 'mobilisation') {
    const n = reg.mobilisation.competenceIds.length;
    const parts = [n ? `${n} ${n === 1 ? 'kompetanse' : 'kompetanser'}` : '', reg.mobilisation.note ? 'en beskrivelse' : ''].filter(Boolean);
    return parts.length ? { status: parts.join(' og '), filled: true } : { status: 'Ikke fylt ut', filled: false };
  }
  const n = reg[section].length;
  return n ? { status: `${n} registrert`, filled: true } : { status: 'Ingenting registrert', filled: false };
}

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

function expectationOf(profile: Profile | undefined, competenceId: string, content: CompetenceContent): string {
  for (const r of profile?.requirements ?? []) {
    for (const o of r.options) {
      const m = o.members.find((x) => x.competenceId === competenceId && x.level !== undefined);
      if (!m) continue;
      const level = content.levels.find((l) => l.level === m.level);
      const named = `nivå ${m.level}${level ? ` (${level.name})` : ''}`;
      return r.priority === 'required' ? `Stillingen din krever ${named}.` : `Ønsket for stillingen din: ${named}.`;
    }
  }
  return '';
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
