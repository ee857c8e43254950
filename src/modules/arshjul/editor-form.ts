/**
 * The årshjul edit card's form: its zod schema (every value as the card's inputs send it), the
 * form of a document event, the document event a form describes, and the validation problems by
 * card field. Pure; the editor (calendar-editor.ts) saves.
 */
import { z } from 'zod';
import { invalidDayReason } from '../../texts/index.js';
import type { ArshjulDocumentEvent, ArshjulIssue } from './calendar.js';

/** The card form of one event: every value as the card's inputs send it (strings). */
export const eventFormSchema = z.object({
  /** The event edited; empty for a new one. */
  eventId: z.string().max(100).default(''),
  version: z.string().min(1).max(100),
  title: z.string().max(2000).default(''),
  description: z.string().max(20_000).default(''),
  dateKind: z.string().max(20).default(''),
  date: z.string().max(50).default(''),
  from: z.string().max(50).default(''),
  to: z.string().max(50).default(''),
  time: z.string().max(50).default(''),
  /** Comma-separated, as Input.ChoiceSet multi-select sends them. */
  responsibleRoles: z.string().max(500).default(''),
  audience: z.string().max(500).default(''),
  completion: z.string().max(20).default(''),
  qaEntryIds: z.string().max(5000).default(''),
  reminderOffsets: z.string().max(200).default(''),
  sourceDocument: z.string().max(10).default(''),
  sourceSection: z.string().max(2000).default(''),
});
export type EventForm = z.infer<typeof eventFormSchema>;
export type EventFormField = Exclude<keyof EventForm, 'eventId' | 'version'>;

/** Per form field, what is wrong (Norwegian); `form` for what belongs to no single field. */
export type FieldErrors = Partial<Record<EventFormField | 'form', string>>;

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** «--12-01» → «01.12», the way people write a day without a year. */
export const monthDayText = (v: string | undefined) => (v && /^--\d{2}-\d{2}$/.test(v) ? `${v.slice(5, 7)}.${v.slice(2, 4)}` : (v ?? ''));

/** «1.12», «01.12», «1/12» → «--12-01»; undefined when it is not a day and a month. */
export function monthDayValue(text: string): string | undefined {
  const m = /^\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\s*\.?\s*$/.exec(text);
  if (!m) return undefined;
  return `--${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/** «9.30», «09:30», «0930» → «09:30»; undefined when unreadable. */
function timeValue(text: string): string | undefined {
  const m = /^\s*(\d{1,2})\s*[:.]?\s*(\d{2})\s*$/.exec(text);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : undefined;
}

/** The card form of a document event (or of a new one). */
export function formOf(event: ArshjulDocumentEvent | undefined, version: string): EventForm {
  const r = (event?.recurrence ?? {}) as { date?: string; from?: string; to?: string; time?: string };
  const responsible = (event?.responsible ?? {}) as { roles?: string[] };
  const audience = (event?.audience ?? {}) as { everyone?: boolean; roles?: string[] };
  return {
    eventId: event?.id ?? '',
    version,
    title: event?.title ?? '',
    description: event?.description ?? '',
    dateKind: r.from !== undefined || r.to !== undefined ? 'window' : 'date',
    date: monthDayText(r.date),
    from: monthDayText(r.from),
    to: monthDayText(r.to),
    time: r.time ?? '',
    responsibleRoles: (responsible.roles ?? []).join(','),
    audience: [...(audience.everyone ? ['everyone'] : []), ...(audience.roles ?? [])].join(','),
    completion: event?.completion ?? 'per-person',
    qaEntryIds: (event?.qaEntryIds ?? []).join(','),
    reminderOffsets: (event?.reminderOffsetsDays ?? []).join(', '),
    sourceDocument: event?.source?.document ?? '',
    sourceSection: event?.source?.section ?? '',
  };
}

/** «Budsjett og plan» → «budsjett-og-plan», unique among `taken`. */
export function eventIdFrom(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/å/g, 'a')
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50)
      .replace(/-+$/, '') || 'hendelse';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The document event the form describes, on top of `existing` (so what the card cannot show –
 * units, position codes, exceptions, labels, escalation – is kept). Format problems the schema
 * would word for the file (a date as «--MM-DD») are reported here in the card's terms.
 */
export function eventFromForm(form: EventForm, existing: ArshjulDocumentEvent | undefined, id: string): { event: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const oldRecurrence = (existing?.recurrence ?? {}) as Record<string, unknown>;
  const recurrence: Record<string, unknown> = { frequency: oldRecurrence.frequency ?? 'yearly' };
  const day = (field: 'date' | 'from' | 'to') => {
    const text = form[field].trim();
    if (!text) return undefined;
    const v = monthDayValue(text);
    if (!v) {
      errors[field] = `Skriv dagen som dag.måned, f.eks. 01.12 (fant «${text}»).`;
      return undefined;
    }
    // Said in the user's terms («31. februar finnes ikke»), never in the file's «--02-31».
    const month = Number(v.slice(2, 4));
    const dayOfMonth = Number(v.slice(5, 7));
    const problem = month === 2 && dayOfMonth === 29 ? '29. februar finnes bare i skuddår. Bruk 28.02 eller 01.03.' : invalidDayReason(dayOfMonth, month);
    if (problem) {
      errors[field] = problem;
      return undefined;
    }
    return v;
  };
  if (form.dateKind === 'window') {
    const from = day('from');
    const to = day('to');
    if (!form.from.trim()) errors.from = 'Et tidsrom trenger en første dag.';
    if (!form.to.trim()) errors.to = 'Et tidsrom trenger en siste dag (fristen).';
    if (from) recurrence.from = from;
    if (to) recurrence.to = to;
  } else if (form.dateKind === 'date') {
    const date = day('date');
    if (!form.date.trim()) errors.date = 'Skriv datoen for fristen, f.eks. 01.12.';
    if (date) recurrence.date = date;
  } else {
    errors.dateKind = 'Velg én dato eller et tidsrom.';
  }
  if (form.time.trim()) {
    const t = timeValue(form.time);
    if (t) recurrence.time = t;
    else errors.time = `Skriv klokkeslettet som TT:MM, f.eks. 09:00, eller la feltet stå tomt (fant «${form.time.trim()}»).`;
  }

  const offsetsText = list(form.reminderOffsets.replace(/;/g, ','));
  const offsets = offsetsText.map(Number);
  if (offsetsText.some((o) => !/^-?\d+$/.test(o))) errors.reminderOffsets = 'Skriv hele dager før fristen, skilt med komma, f.eks. 14, 3.';

  const oldResponsible = { ...((existing?.responsible ?? {}) as Record<string, unknown>) };
  const roles = list(form.responsibleRoles);
  delete oldResponsible.roles;
  const responsible = { ...oldResponsible, ...(roles.length ? { roles } : {}) };

  const oldAudience = { ...((existing?.audience ?? {}) as Record<string, unknown>) };
  delete oldAudience.roles;
  delete oldAudience.everyone;
  const audienceValues = list(form.audience);
  const audienceRoles = audienceValues.filter((v) => v !== 'everyone');
  const audience = { ...oldAudience, ...(audienceValues.includes('everyone') ? { everyone: true } : {}), ...(audienceRoles.length ? { roles: audienceRoles } : {}) };

  const event: Record<string, unknown> = {
    ...(existing as Record<string, unknown> | undefined),
    id,
    title: form.title,
    description: form.description,
    recurrence,
    responsible,
    audience,
    completion: form.completion || 'per-person',
    qaEntryIds: list(form.qaEntryIds),
    source: { document: form.sourceDocument, section: form.sourceSection },
  };
  if (offsetsText.length && !errors.reminderOffsets) event.reminderOffsetsDays = offsets;
  else delete event.reminderOffsetsDays;
  return { event, errors };
}

/** Which card field a problem at `events.<index>.…` belongs to. */
function fieldOf(rest: string[]): EventFormField | 'form' {
  const [first, second] = rest;
  switch (first) {
    case 'id':
    case 'title':
      return 'title';
    case 'description':
      return 'description';
    case 'recurrence':
      return second === 'date' || second === 'from' || second === 'to' || second === 'time' ? second : 'dateKind';
    case 'responsible':
      return 'responsibleRoles';
    case 'audience':
      return 'audience';
    case 'completion':
      return 'completion';
    case 'qaEntryIds':
      return 'qaEntryIds';
    case 'reminderOffsetsDays':
      return 'reminderOffsets';
    case 'source':
      return second === 'document' ? 'sourceDocument' : 'sourceSection';
    default:
      return 'form';
  }
}

/** The schema's problems with the edited event, by card field (the first per field). */
export function fieldErrors(issues: readonly ArshjulIssue[], index: number): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const parts = issue.path.split('.');
    const rest = parts[0] === 'events' && parts[1] === String(index) ? parts.slice(2) : undefined;
    const field = rest ? fieldOf(rest) : 'form';
    // The file's wording names YAML keys; on the card, say what to pick.
    const cardWording =
      rest?.length === 1 && rest[0] === 'responsible' ? 'Velg minst én rolle som er ansvarlig.' : rest?.length === 1 && rest[0] === 'audience' ? 'Velg hvem som skal se hendelsen.' : undefined;
    out[field] ??= cardWording ?? issue.message.charAt(0).toUpperCase() + issue.message.slice(1) + (issue.message.endsWith('.') ? '' : '.');
  }
  return out;
}
