/**
 * The registration form model: which sections are lists, the fields of each section's form, and
 * the other direction – turning what a form card sent back into the section input the service
 * validates (or into a draft to show again), and the service's field errors back into messages
 * next to the inputs. No Teams types and no card templates here (those are in ./cards.ts).
 */
import type { CompetenceContent } from './catalogue/content.js';
import { EDUCATION_LEVEL_NAMES, EDUCATION_LEVELS } from './catalogue/schema.js';
import { describeEntry, type Item, str } from './format.js';
import type { FieldError } from '../../shared/results.js';
import { MAX_NOTE, type RegistrationSection } from './sections.js';

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
// The forms

/** The kinds of input a form field can be. */
export const FIELD_KINDS = ['text', 'textarea', 'month', 'date', 'number', 'toggle', 'choice', 'multichoice'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface FieldDef {
  id: string;
  kind: FieldKind;
  label: string;
  required?: boolean;
  placeholder?: string;
  hint?: string;
  maxLength?: number;
  choices?: (content: CompetenceContent) => { title: string; value: string }[];
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

export const levelChoices = (content: CompetenceContent) => content.levels.map((l) => ({ title: `${l.level} – ${l.name}`, value: String(l.level) }));

export const FORMS: Record<FormSection, { noun: string; intro: string; fields: FieldDef[] }> = {
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


/** Errors from the service, split into those shown next to an input and the rest (shown on top). */
export interface FormErrors {
  byField: Record<string, string>;
  general: string[];
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

