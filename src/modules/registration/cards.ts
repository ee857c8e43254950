/**
 * Cards of the employee's own competence registration («Min kompetanse»): the overview, one
 * generic form card for the list sections and the mobilisation section, the self-assessment,
 * export, delete and short messages. Also the other direction: turning what a form card sent
 * back into the section input the service validates, and the service's field errors back into
 * messages next to the inputs. No Teams types here.
 */
import { z } from 'zod';
import { defineCard } from '../../cards/define-card.js';
import { formatOslo } from '../../scheduler/clock.js';
import type { Employee } from '../org/model.js';
import { type Competence, type CompetenceContent, EDUCATION_LEVEL_NAMES, EDUCATION_LEVELS, type EducationLevel, type Profile } from './catalogue/catalogue.js';
import type { ExportFile, ExportFormat } from './export.js';
import { type CompetenceRegistration, type FieldError, MAX_ITEMS, MAX_NOTE, type RegistrationSection, SECTION_NAMES, SECTIONS } from './sections.js';

// ---------------------------------------------------------------------------------------------
// Section kinds

/** Sections that hold a list of entries, edited one entry at a time. */
export const LIST_SECTIONS = ['education', 'experience', 'courses', 'certifications', 'languages', 'digitalSkills'] as const;
export type ListSection = (typeof LIST_SECTIONS)[number];
/** Sections shown on the generic form card. */
export type FormSection = ListSection | 'mobilisation';

export const isListSection = (s: RegistrationSection): s is ListSection => (LIST_SECTIONS as readonly string[]).includes(s);

/** Entries listed per page on a section card (the card stays far below Teams' 28 KB). */
export const PAGE_SIZE = 10;
/** The list page that shows the entry at `index`. */
export const pageOf = (index: number) => Math.floor(index / PAGE_SIZE);

/** The value of «Ikke vurdert» / «Ikke i listen» in a choice set (a choice cannot have an empty value). */
export const NO_CHOICE = 'none';

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

const FIELD_KINDS = ['text', 'textarea', 'month', 'date', 'number', 'toggle', 'choice', 'multichoice'] as const;
type FieldKind = (typeof FIELD_KINDS)[number];

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

// ---------------------------------------------------------------------------------------------
// Formatting

const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

/** `YYYY-MM-DD` → `dd.mm.yyyy`; anything else as it is. */
export function formatDate(iso: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[3]}.${m[2]}.${m[1]}` : (iso ?? '');
}

/** `YYYY-MM` → `august 2019`. */
export function formatMonth(month: string | undefined): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  return m ? `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : (month ?? '');
}

const joinParts = (parts: (string | undefined | false)[]) => parts.filter((p): p is string => !!p).join(' · ');

function levelName(content: CompetenceContent, level: unknown): string {
  const l = content.levels.find((x) => x.level === Number(level));
  return l ? `Nivå ${l.level} – ${l.name}` : `Nivå ${String(level)}`;
}

const competenceNames = (content: CompetenceContent, ids: readonly string[] | undefined) =>
  (ids ?? []).map((id) => content.competenceById.get(id)?.name ?? id).join(', ');

type Item = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** Title and detail line of one stored entry, as the list on the section card shows it. */
export function describeEntry(section: ListSection, item: Item, content: CompetenceContent): { title: string; detail: string } {
  const gives = (ids: unknown) => (Array.isArray(ids) && ids.length ? `gir: ${competenceNames(content, ids as string[])}` : undefined);
  switch (section) {
    case 'education':
      return {
        title: str(item.field) || 'Utdanning',
        detail: joinParts([
          EDUCATION_LEVEL_NAMES[item.level as EducationLevel] ?? str(item.level),
          str(item.institution),
          item.inProgress === true ? 'pågår' : item.completedYear !== undefined ? `fullført ${str(item.completedYear)}` : undefined,
          item.credits !== undefined && `${str(item.credits)} studiepoeng`,
          gives(item.competenceIds),
        ]),
      };
    case 'experience':
      return {
        title: str(item.role) || 'Arbeidserfaring',
        detail: joinParts([str(item.workplace), `${formatMonth(str(item.from))} – ${item.to ? formatMonth(str(item.to)) : 'nå'}`, gives(item.competenceIds)]),
      };
    case 'courses':
      return {
        title: str(item.name) || 'Kurs',
        detail: joinParts([
          str(item.provider),
          item.inProgress === true ? 'pågår' : item.completedOn ? formatDate(str(item.completedOn)) : undefined,
          item.hours !== undefined && `${str(item.hours)} timer`,
          gives(item.competenceIds),
        ]),
      };
    case 'certifications':
      return {
        title: str(item.name) || content.competenceById.get(str(item.competenceId))?.name || 'Sertifikat',
        detail: joinParts([
          item.issuedOn ? `utstedt ${formatDate(str(item.issuedOn))}` : undefined,
          item.validUntil ? `gyldig til ${formatDate(str(item.validUntil))}` : 'ingen utløpsdato registrert',
        ]),
      };
    case 'languages':
      return { title: str(item.language) || 'Språk', detail: levelName(content, item.level) };
    case 'digitalSkills':
      return { title: str(item.tool) || 'Verktøy', detail: levelName(content, item.level) };
  }
}

// ---------------------------------------------------------------------------------------------
// The forms

interface FieldDef {
  id: string;
  kind: FieldKind;
  label: string;
  required?: boolean;
  placeholder?: string;
  hint?: string;
  maxLength?: number;
  choices?: (content: CompetenceContent) => z.infer<typeof choice>[];
  /** More of the hint, from the catalogue. */
  hintFrom?: (content: CompetenceContent) => string;
}

const formalIn = (content: CompetenceContent, categories: readonly string[]) =>
  content.competences.filter((c) => c.kind === 'formal' && !c.educationLevel && categories.includes(c.category));

/**
 * Formal competences an entry of a section can give, from these catalogue categories (level-based
 * ones are met by the level itself). A choice that includes another says so («Lærerutdanning (gir
 * også pedagogisk utdanning)»), so the three are not read as unrelated alternatives.
 */
const formalChoices =
  (...categories: string[]) =>
  (content: CompetenceContent) =>
    formalIn(content, categories).map((c) => {
      const gives = c.implies.map((id) => content.competenceById.get(id)?.name).filter((n): n is string => !!n);
      return { title: gives.length ? `${c.name} (gir også ${gives.map((n) => n.charAt(0).toLocaleLowerCase('nb') + n.slice(1)).join(' og ')})` : c.name, value: c.id };
    });

/** How the general choices relate to the specific ones that include them, for the field's hint. */
export function impliesHint(content: CompetenceContent, categories: readonly string[]): string {
  const shown = formalIn(content, categories);
  const parts: string[] = [];
  for (const general of shown) {
    const specific = shown.filter((c) => c.implies.includes(general.id)).map((c) => c.name);
    if (!specific.length) continue;
    const list = specific.length === 1 ? specific[0] : `${specific.slice(0, -1).join(', ')} eller ${specific.at(-1)}`;
    parts.push(`«${general.name}» er samlebetegnelsen: har du ${list}, velg den – da regnes «${general.name}» med av seg selv. Velg «${general.name}» bare når ingen av de andre passer.`);
  }
  return parts.join(' ');
}

const levelChoices = (content: CompetenceContent) => content.levels.map((l) => ({ title: `${l.level} – ${l.name}`, value: String(l.level) }));

const FORMS: Record<FormSection, { noun: string; intro: string; fields: FieldDef[] }> = {
  education: {
    noun: 'en utdanning',
    intro: 'Utdanning med vitnemål eller kompetansebevis: videregående, fagbrev, fagskole, høyskole og universitet.',
    fields: [
      { id: 'level', kind: 'choice', label: 'Utdanningsnivå', required: true, placeholder: 'Velg nivå', choices: () => EDUCATION_LEVELS.map((l) => ({ title: EDUCATION_LEVEL_NAMES[l], value: l })) },
      { id: 'field', kind: 'text', label: 'Fag eller studium', required: true, maxLength: 120, placeholder: 'For eksempel: Grunnskolelærerutdanning 1–7' },
      { id: 'institution', kind: 'text', label: 'Lærested', maxLength: 120, placeholder: 'For eksempel: NTNU' },
      { id: 'completedYear', kind: 'number', label: 'Fullført år', placeholder: 'ÅÅÅÅ' },
      { id: 'credits', kind: 'number', label: 'Studiepoeng' },
      { id: 'inProgress', kind: 'toggle', label: 'Pågår', placeholder: 'Utdanningen er ikke fullført ennå' },
      {
        id: 'competenceIds',
        kind: 'multichoice',
        label: 'Utdanningen gir disse kompetansene',
        placeholder: 'Velg én eller flere (valgfritt)',
        hint: 'Brukes til å se om du oppfyller kravene i stillingen din.',
        hintFrom: (content) => impliesHint(content, ['utdanning', 'lederutdanning']),
        choices: formalChoices('utdanning', 'lederutdanning'),
      },
    ],
  },
  experience: {
    noun: 'arbeidserfaring',
    intro: 'Arbeidserfaring som er relevant for jobben, også fra andre arbeidsgivere.',
    fields: [
      { id: 'role', kind: 'text', label: 'Stilling eller rolle', required: true, maxLength: 120, placeholder: 'For eksempel: Inspektør' },
      { id: 'workplace', kind: 'text', label: 'Arbeidssted', maxLength: 120 },
      { id: 'from', kind: 'month', label: 'Fra (måned)', required: true },
      { id: 'to', kind: 'month', label: 'Til (måned)', hint: 'La feltet stå tomt hvis du fortsatt er i stillingen.' },
      { id: 'competenceIds', kind: 'multichoice', label: 'Erfaringen gir disse kompetansene', placeholder: 'Velg (valgfritt)', choices: formalChoices('erfaring') },
    ],
  },
  courses: {
    noun: 'et kurs',
    intro: 'Kurs, opplæring og etterutdanning uten studiepoeng.',
    fields: [
      { id: 'name', kind: 'text', label: 'Kursnavn', required: true, maxLength: 160 },
      { id: 'provider', kind: 'text', label: 'Arrangør', maxLength: 120 },
      { id: 'completedOn', kind: 'date', label: 'Gjennomført dato' },
      { id: 'hours', kind: 'number', label: 'Antall timer' },
      { id: 'inProgress', kind: 'toggle', label: 'Pågår', placeholder: 'Kurset er ikke fullført ennå' },
      {
        id: 'competenceIds',
        kind: 'multichoice',
        label: 'Kurset gir disse kompetansene',
        placeholder: 'Velg (valgfritt)',
        choices: formalChoices('kurs', 'sertifisering', 'lederutdanning'),
      },
    ],
  },
  certifications: {
    noun: 'en autorisasjon eller et sertifikat',
    intro: 'Autorisasjoner, godkjenninger og sertifikater – med utløpsdato når de må fornyes.',
    fields: [
      {
        id: 'competenceId',
        kind: 'choice',
        label: 'Type',
        placeholder: 'Velg fra listen, eller skriv navnet under',
        choices: (content) => [{ title: 'Ikke i listen (skriv navnet under)', value: NO_CHOICE }, ...formalChoices('autorisasjon', 'sertifisering')(content)],
      },
      { id: 'name', kind: 'text', label: 'Navn', maxLength: 160, hint: 'Fyll ut hvis typen ikke står i listen.' },
      { id: 'issuedOn', kind: 'date', label: 'Utstedt dato' },
      { id: 'validUntil', kind: 'date', label: 'Gyldig til', hint: 'Må fylles ut for det som må fornyes, for eksempel førstehjelp.' },
    ],
  },
  languages: {
    noun: 'et språk',
    intro: 'Språk du kan bruke i jobben, også norsk. Velg nivået som passer best.',
    fields: [
      { id: 'language', kind: 'text', label: 'Språk', required: true, maxLength: 60, placeholder: 'For eksempel: Engelsk' },
      { id: 'level', kind: 'choice', label: 'Nivå', required: true, placeholder: 'Velg nivå', choices: levelChoices },
    ],
  },
  digitalSkills: {
    noun: 'en digital ferdighet',
    intro: 'Digitale verktøy og fagsystemer du bruker i jobben. Velg nivået som passer best.',
    fields: [
      { id: 'tool', kind: 'text', label: 'Verktøy eller system', required: true, maxLength: 80, placeholder: 'For eksempel: Visma Flyt Skole' },
      { id: 'level', kind: 'choice', label: 'Nivå', required: true, placeholder: 'Velg nivå', choices: levelChoices },
    ],
  },
  mobilisation: {
    noun: 'kompetanse jeg ikke får brukt',
    intro:
      'Har du kompetanse du ikke får brukt i jobben i dag? Da kan lederen din og kommunen ta den i bruk – for eksempel i oppgavedeling, veiledning eller prosjekter.',
    fields: [
      {
        id: 'competenceIds',
        kind: 'multichoice',
        label: 'Kompetanse jeg har, men ikke får brukt',
        placeholder: 'Velg fra katalogen (valgfritt)',
        choices: (content) => content.competences.map((c) => ({ title: c.name, value: c.id })),
      },
      {
        id: 'note',
        kind: 'textarea',
        label: 'Beskriv med egne ord',
        maxLength: MAX_NOTE,
        placeholder: 'For eksempel: Jeg har master i spesialpedagogikk og veileder gjerne kolleger.',
      },
    ],
  },
};

/** The input ids of a section's form (what the card sends besides its action data). */
export const formFieldIds = (section: FormSection): string[] => FORMS[section].fields.map((f) => f.id);

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

/** Errors from the service, split into those shown next to an input and the rest (shown on top). */
export interface FormErrors {
  byField: Record<string, string>;
  general: string[];
}

const NOTHING_SAVED = 'Ingenting er lagret.';

function invalidNotice(errors: FormErrors): Notice {
  const fields = Object.keys(errors.byField).length;
  const lines = [fields ? `${NOTHING_SAVED} Rett det som er merket under, og lagre igjen.` : NOTHING_SAVED, ...errors.general.map((m) => `- ${m}`)];
  return { style: 'attention', text: lines.join('\n') };
}

// ---------------------------------------------------------------------------------------------
// From the card to the service

/** What a form card sent: its action data plus the inputs, keyed by input id. */
export type CardValues = Record<string, unknown>;

/** One entry as the form sent it: only the section's own inputs, so action data never leaks into a saved entry. */
function entryFromForm(section: FormSection, values: CardValues): Item {
  const entry: Item = {};
  for (const id of formFieldIds(section)) {
    let v = values[id];
    if (id === 'competenceId' && v === NO_CHOICE) v = '';
    if (v !== undefined) entry[id] = v;
  }
  return entry;
}

/**
 * What was typed into a section's form, when anything was: the form's own inputs, for redrawing the
 * card as a draft (nothing is saved). Undefined when every field is empty or at its default.
 */
export function formDraft(section: FormSection, values: CardValues): CardValues | undefined {
  const draft: CardValues = {};
  let typed = false;
  for (const def of FORMS[section].fields) {
    const v = values[def.id];
    if (v === undefined || v === null) continue;
    draft[def.id] = v;
    const text = Array.isArray(v) ? v.join(',') : str(v).trim();
    const isDefault = text === '' || (def.kind === 'toggle' && text === 'false') || (def.id === 'competenceId' && text === NO_CHOICE);
    if (!isDefault) typed = true;
  }
  return typed ? draft : undefined;
}

/**
 * The input for `saveSection` of a list section: the entries the card was showing, with the
 * form's entry put at `index` (= `entries.length` for a new one).
 */
export function listSectionInput(section: ListSection, values: CardValues, entries: Item[], index: number): { items: Item[] } {
  const items = entries.slice();
  items[index] = entryFromForm(section, values);
  return { items };
}

/** The input for `saveSection` without the entry at `index`. */
export function listSectionWithout(entries: Item[], index: number): { items: Item[] } {
  return { items: entries.filter((_, i) => i !== index) };
}

export function mobilisationInput(values: CardValues): Item {
  return entryFromForm('mobilisation', values);
}

export const ratingInputId = (competenceId: string) => `level_${competenceId}`;

/**
 * The input for `saveSection('selfAssessment')`: one rating per shown skill that has a level
 * («Ikke vurdert» is left out), and the input id of each rating, to put errors back in place.
 */
export function selfAssessmentInput(skillIds: string[], values: CardValues): { input: { ratings: Item[] }; inputIds: string[] } {
  const ratings: Item[] = [];
  const inputIds: string[] = [];
  for (const competenceId of skillIds) {
    const inputId = ratingInputId(competenceId);
    const level = values[inputId];
    if (level === undefined || level === null || level === '' || level === NO_CHOICE) continue;
    ratings.push({ competenceId, level });
    inputIds.push(inputId);
  }
  return { input: { ratings }, inputIds };
}

/**
 * Places field errors of a list section: errors in the entry being edited go next to its
 * inputs; errors in other entries (saved earlier, now failing a rule) and whole-section errors
 * go on top, naming the entry.
 */
export function listFormErrors(section: ListSection, errors: FieldError[], entries: Item[], index: number, content: CompetenceContent): FormErrors {
  const out: FormErrors = { byField: {}, general: [] };
  for (const e of errors) {
    const m = /^items\.(\d+)\.([^.]+)/.exec(e.field);
    if (m && Number(m[1]) === index) out.byField[m[2]!] ??= e.message;
    else if (m && entries[Number(m[1])]) out.general.push(`«${describeEntry(section, entries[Number(m[1])]!, content).title}»: ${e.message}`);
    else out.general.push(e.message);
  }
  return out;
}

export function mobilisationFormErrors(errors: FieldError[]): FormErrors {
  const out: FormErrors = { byField: {}, general: [] };
  for (const e of errors) {
    const key = e.field.split('.')[0] ?? '';
    if (formFieldIds('mobilisation').includes(key)) out.byField[key] ??= e.message;
    else out.general.push(e.message);
  }
  return out;
}

export function selfAssessmentFormErrors(errors: FieldError[], inputIds: string[]): FormErrors {
  const out: FormErrors = { byField: {}, general: [] };
  for (const e of errors) {
    const m = /^ratings\.(\d+)\./.exec(e.field);
    const inputId = m ? inputIds[Number(m[1])] : undefined;
    if (inputId) out.byField[inputId] ??= e.message;
    else out.general.push(e.message);
  }
  return out;
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

export function renderExport(employeeId: string, format: ExportFormat, file: ExportFile, url: string) {
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
