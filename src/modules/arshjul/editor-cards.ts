/**
 * HR's årshjul editor cards: the list of events (paged) with «Endre», «Slett», «Ny hendelse» and
 * «Tilbakestill til standard årshjul»; the form of one event with the problems per field; the
 * confirmation before deleting or resetting. Pure: editor state in, Adaptive Card JSON out
 * (templates in cards/arshjul-edit-*.json).
 */
import { z } from 'zod';
import { defineCard as defineTemplate } from '../../cards/define-card.js';
import { markdownSafeDefinition } from '../../texts/index.js';
import type { OrgDirectory } from '../org/model.js';
import { ARSHJUL_ROLES, type ArshjulDocumentEvent, DEFAULT_REMINDER_OFFSETS_DAYS, describeTarget, ROLE_NAMES } from './calendar.js';
import { type EditorState, EDITOR_TEXT, type EventForm, type FieldErrors, formOf, monthDayText } from './calendar-editor.js';

/** This module's cards: no date at the start of a line becomes a numbered list in Teams (#12). */
const defineCard: typeof defineTemplate = (name, schema) => markdownSafeDefinition(defineTemplate(name, schema));

const choice = z.object({ title: z.string(), value: z.string() });
const color = z.enum(['Default', 'Good', 'Attention', 'Warning', 'Accent']);

const listCard = defineCard(
  'arshjul-edit-list',
  z.object({
    heading: z.string(),
    intro: z.string(),
    warning: z.string(),
    notice: z.string(),
    noticeColor: color,
    items: z.array(z.object({ eventId: z.string(), title: z.string(), when: z.string(), responsibleLine: z.string() })),
    pageText: z.string(),
    page: z.number().int().min(0),
    hasPrev: z.boolean(),
    hasNext: z.boolean(),
    canReset: z.boolean(),
    version: z.string(),
  }),
);

const FIELDS = [
  'form',
  'title',
  'description',
  'dateKind',
  'date',
  'from',
  'to',
  'time',
  'responsibleRoles',
  'audience',
  'completion',
  'qaEntryIds',
  'reminderOffsets',
  'sourceDocument',
  'sourceSection',
] as const;

const eventCard = defineCard(
  'arshjul-edit-event',
  z.object({
    heading: z.string(),
    intro: z.string(),
    form: z.object({
      eventId: z.string(),
      version: z.string(),
      title: z.string(),
      description: z.string(),
      dateKind: z.string(),
      date: z.string(),
      from: z.string(),
      to: z.string(),
      time: z.string(),
      responsibleRoles: z.string(),
      audience: z.string(),
      completion: z.string(),
      qaEntryIds: z.string(),
      reminderOffsets: z.string(),
      sourceDocument: z.string(),
      sourceSection: z.string(),
    }),
    errors: z.object(Object.fromEntries(FIELDS.map((f) => [f, z.string()])) as Record<(typeof FIELDS)[number], z.ZodString>),
    roleChoices: z.array(choice),
    audienceChoices: z.array(choice),
    qaChoices: z.array(choice),
    documentChoices: z.array(choice),
    responsibleExtra: z.string(),
    audienceExtra: z.string(),
    defaultOffsets: z.string(),
    page: z.number().int().min(0),
  }),
);

const confirmCard = defineCard(
  'arshjul-edit-confirm',
  z.object({
    kind: z.enum(['delete', 'reset']),
    heading: z.string(),
    text: z.string(),
    note: z.string(),
    confirmTitle: z.string(),
    eventId: z.string(),
    version: z.string(),
    page: z.number().int().min(0),
  }),
);

/** Events per page of the list (keeps the card well under Teams' size limit). */
export const EDITOR_PAGE_SIZE = 8;

/** What the editor cards need besides the editor's state. */
export interface EditorContext {
  directory: OrgDirectory;
  /** The Q&A entries HR may link to (id, title). */
  qaEntries: { id: string; title: string }[];
  /** The source documents (id, short name, year). */
  documents: { id: string; short: string; year: number }[];
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Markdown in TextBlocks: text from HR must not turn into links or emphasis. */
const plain = (s: string) => s.replace(/([\\*_[\]()#>`~|])/g, '\\$1');

function whenOf(event: ArshjulDocumentEvent): string {
  const r = (event.recurrence ?? {}) as { date?: string; from?: string; to?: string; time?: string };
  const at = r.time ? ` kl. ${r.time}` : '';
  return r.date ? `Hvert år ${monthDayText(r.date)}${at}` : `Hvert år ${monthDayText(r.from)}–${monthDayText(r.to)}${at}`;
}

const documentEvents = (state: EditorState) => (Array.isArray(state.document.events) ? (state.document.events as ArshjulDocumentEvent[]) : []);

/** The list of events, `page` (0-based) of it; `notice` says what just happened. */
export function renderEditorList(state: EditorState, ctx: EditorContext, opts: { page?: number; notice?: string; noticeColor?: z.infer<typeof color> } = {}) {
  const events = documentEvents(state);
  const pages = Math.max(1, Math.ceil(events.length / EDITOR_PAGE_SIZE));
  const page = Math.min(Math.max(0, Math.trunc(opts.page ?? 0)), pages - 1);
  const shown = events.slice(page * EDITOR_PAGE_SIZE, (page + 1) * EDITOR_PAGE_SIZE);
  const compiled = state.calendar.byId;
  return listCard.render({
    heading: 'Rediger årshjulet',
    intro:
      state.origin === 'stored'
        ? `Årshjulet har ${events.length} hendelser og er endret av HR. Endringer gjelder med en gang, også for påminnelsene.`
        : `Årshjulet har ${events.length} hendelser og er standardårshjulet fra datafilen. Endringer lagres i boten (ikke i filen) og gjelder med en gang, også for påminnelsene.`,
    warning: state.storedRejected ? EDITOR_TEXT.storedRejected : '',
    notice: opts.notice ?? '',
    noticeColor: opts.noticeColor ?? 'Good',
    items: shown.map((e) => {
      const event = compiled.get(e.id);
      return {
        eventId: e.id,
        title: plain(e.title),
        when: whenOf(e),
        responsibleLine: event ? `Ansvarlig: ${describeTarget(event.responsible, ctx.directory)}` : '',
      };
    }),
    pageText: pages > 1 ? `Side ${page + 1} av ${pages}` : '',
    page,
    hasPrev: page > 0,
    hasNext: page < pages - 1,
    canReset: state.origin === 'stored' || state.storedRejected,
    version: state.version,
  });
}

/** «Også: Nordby skole, stillingskode 7451» – what the card cannot change, so HR knows it is there. */
function extraText(target: unknown, ctx: EditorContext): string {
  const t = (target ?? {}) as { units?: string[]; positionCodes?: string[]; label?: string; except?: unknown };
  const parts = [...(t.units ?? []).map((u) => ctx.directory.unit(u)?.name ?? u), ...(t.positionCodes ?? []).map((c) => `stillingskode ${c}`)];
  const bits = [
    parts.length ? `også ${parts.join(', ')}` : '',
    t.label ? `vises som «${t.label}»` : '',
    t.except ? 'med unntak' : '',
  ].filter(Boolean);
  return bits.length ? `${capitalise(bits.join('; '))} – det kan bare endres i datafilen.` : '';
}

/** The form of one event (`event` undefined: a new one), with the values and problems of a failed save. */
export function renderEventForm(
  state: EditorState,
  ctx: EditorContext,
  opts: { event?: ArshjulDocumentEvent; form?: EventForm; errors?: FieldErrors; page?: number },
) {
  const form = opts.form ?? formOf(opts.event, state.version);
  const errors = Object.fromEntries(FIELDS.map((f) => [f, opts.errors?.[f] ?? ''])) as Record<(typeof FIELDS)[number], string>;
  if (opts.errors && Object.keys(opts.errors).length && !errors.form) errors.form = 'Årshjulet er ikke lagret. Rett feilene under og trykk «Lagre» igjen.';
  const roleChoices = ARSHJUL_ROLES.map((r) => ({ title: capitalise(ROLE_NAMES[r]), value: r }));
  // The Q&A choices: the årshjul's own topic and whatever the event links to already.
  const linked = new Set(form.qaEntryIds.split(',').filter(Boolean));
  const qaChoices = ctx.qaEntries
    .filter((e) => linked.has(e.id) || e.id.startsWith('arshjul-'))
    .map((e) => ({ title: e.title, value: e.id }));
  for (const id of linked) if (!qaChoices.some((c) => c.value === id)) qaChoices.push({ title: id, value: id });
  const defaults = (state.document.defaults ?? {}) as { reminderOffsetsDays?: number[] };
  return eventCard.render({
    heading: opts.event ? `Endre: ${plain(opts.event.title)}` : 'Ny hendelse i årshjulet',
    intro: 'Hendelsen kommer igjen hvert år. Alt sjekkes med de samme reglene som datafilen før noe lagres.',
    form,
    errors,
    roleChoices,
    audienceChoices: [{ title: 'Alle ansatte', value: 'everyone' }, ...roleChoices],
    qaChoices,
    documentChoices: ctx.documents.map((d) => ({ title: `${d.short} (${d.year})`, value: d.id })),
    responsibleExtra: extraText(opts.event?.responsible, ctx),
    audienceExtra: extraText(opts.event?.audience, ctx),
    defaultOffsets: (defaults.reminderOffsetsDays ?? [...DEFAULT_REMINDER_OFFSETS_DAYS]).join(', '),
    page: opts.page ?? 0,
  });
}

/** «Slett …?» before an event goes. */
export function renderDeleteConfirm(state: EditorState, event: ArshjulDocumentEvent, page = 0) {
  return confirmCard.render({
    kind: 'delete',
    heading: `Slette «${plain(event.title)}»?`,
    text: `Hendelsen forsvinner fra årshjulet for alle, og det sendes ingen flere påminnelser om den. (${whenOf(event)})`,
    note: 'Påminnelser som allerede er sendt, blir stående i chatten.',
    confirmTitle: 'Ja, slett hendelsen',
    eventId: event.id,
    version: state.version,
    page,
  });
}

/** «Tilbakestill til standard årshjul?» */
export function renderResetConfirm(state: EditorState, page = 0) {
  return confirmCard.render({
    kind: 'reset',
    heading: 'Tilbakestille til standard årshjul?',
    text: 'Alle endringer HR har gjort med kort, forsvinner, og standardårshjulet fra datafilen gjelder igjen – også for påminnelsene.',
    note: 'Påminnelser som allerede er sendt, sendes ikke på nytt.',
    confirmTitle: 'Ja, tilbakestill',
    eventId: '',
    version: state.version,
    page,
  });
}
