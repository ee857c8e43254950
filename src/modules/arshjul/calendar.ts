/**
 * The årshjul (annual cycle) as data: the YAML file HR edits (content/arshjul/*.yml), its zod
 * schema and cross-checks (who an event is for: targets.ts). A broken edit stops the
 * start with every problem named by file and field, like the knowledge base and the catalogue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { documentIdSchema, type DocumentId } from '../qa/knowledge.js';
import { type MonthDay, monthDayProblem, type WallTime, type YearlyRule } from './due-dates.js';
import { ARSHJUL_ROLES, type ArshjulRole, type Target } from './targets.js';

// Who an event is for lives in targets.ts; re-exported for the callers that name it with the calendar.
export { ARSHJUL_ROLES, describeTarget, peopleMatching, ROLE_NAMES, rolesOf } from './targets.js';

export interface ArshjulEvent extends YearlyRule {
  title: string;
  description: string;
  responsible: Target;
  audience: Target;
  /** `per-person`: each responsible person ticks off their own task. `shared`: one «Ferdig» closes it for all. */
  completion: 'per-person' | 'shared';
  qaEntryIds: string[];
  source: { document: DocumentId; section: string };
  /** lov, avtale, ks, kommune (the municipality using the årshjul) or kommune:<id>; see eventSchema. */
  scope: string;
}

export interface ArshjulCalendar {
  /** The file it came from, for messages to HR. */
  file: string;
  events: ArshjulEvent[];
  byId: Map<string, ArshjulEvent>;
}

// ---------------------------------------------------------------------------------------------
// File schema

export const DEFAULT_ARSHJUL_FILE = join('arshjul', 'default-arshjul.yml');
export const DEFAULT_TIME: WallTime = { hour: 12, minute: 0 };
export const DEFAULT_REMINDER_OFFSETS_DAYS = [14, 3] as const;
export const DEFAULT_ESCALATE_AFTER_DAYS = 1;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'må være små bokstaver a–z, tall og bindestrek');
const text = (min: number, max: number) => z.string().trim().min(min, `må ha minst ${min} tegn`).max(max, `kan ikke være lengre enn ${max} tegn`);

const monthDaySchema = z
  .string({ invalid_type_error: 'må være en dato uten år på formen --MM-DD (i anførselstegn)' })
  .regex(/^--\d{2}-\d{2}$/, 'må være en dato uten år på formen --MM-DD, f.eks. --12-01')
  .transform((v, ctx): MonthDay => {
    const md = { month: Number(v.slice(2, 4)), day: Number(v.slice(5, 7)) };
    const problem = monthDayProblem(md);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `«${v}» er ikke en gyldig dato: ${problem}` });
    return md;
  });

const timeSchema = z
  .string({ invalid_type_error: 'må være et klokkeslett på formen TT:MM i anførselstegn, f.eks. "12:00"' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'må være et klokkeslett fra 00:00 til 23:59 på formen TT:MM')
  .transform((v): WallTime => ({ hour: Number(v.slice(0, 2)), minute: Number(v.slice(3, 5)) }));

const roleSchema = z.string().superRefine((v, ctx) => {
  if (!(ARSHJUL_ROLES as readonly string[]).includes(v)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `ukjent rolle «${v}»; gyldige roller er ${ARSHJUL_ROLES.join(', ')}` });
  }
}) as unknown as z.ZodType<ArshjulRole>;

const offsetsSchema = z
  .array(z.number().int('må være hele dager').min(0, 'kan ikke være negativ').max(365, 'kan være høyst 365 dager'))
  .max(6, 'høyst seks påminnelser per hendelse')
  .refine((a) => new Set(a).size === a.length, 'samme antall dager står flere ganger');

const escalateSchema = z.union([z.number().int('må være hele dager').min(0).max(90), z.literal(false)]);

const selectorFields = {
  roles: z.array(roleSchema).optional(),
  units: z.array(z.string().min(1).max(64)).optional(),
  positionCodes: z.array(z.string().regex(/^\d{3,5}$/, 'må være en stillingskode med 3–5 sifre, f.eks. "7451"')).optional(),
};

const targetSchema = z
  .object({
    everyone: z.boolean().optional(),
    ...selectorFields,
    label: text(2, 80).optional(),
    except: z.object(selectorFields).strict().optional(),
  })
  .strict()
  .refine((t) => t.everyone || t.roles?.length || t.units?.length || t.positionCodes?.length, 'må ha minst én av everyone, roles, units eller positionCodes');

const recurrenceSchema = z
  .object({
    frequency: z.literal('yearly', { errorMap: () => ({ message: 'bare «yearly» (årlig) støttes' }) }).default('yearly'),
    date: monthDaySchema.optional(),
    from: monthDaySchema.optional(),
    to: monthDaySchema.optional(),
    time: timeSchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const window = r.from !== undefined || r.to !== undefined;
    if (r.date !== undefined && window) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'bruk enten date, eller from og to – ikke begge' });
    else if (!window && r.date === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'mangler date, eller from og to' });
    else if (window && (r.from === undefined || r.to === undefined)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [r.from === undefined ? 'from' : 'to'], message: 'et tidsrom trenger både from og to' });
    }
  });

export const eventSchema = z
  .object({
    id: slug,
    title: text(3, 100),
    description: text(10, 900),
    recurrence: recurrenceSchema,
    responsible: targetSchema.refine((t) => !t.everyone, 'everyone kan ikke være ansvarlig; bruk audience for å vise hendelsen til alle'),
    audience: targetSchema,
    completion: z.enum(['per-person', 'shared']).default('per-person'),
    reminderOffsetsDays: offsetsSchema.optional(),
    escalateAfterDays: escalateSchema.optional(),
    qaEntryIds: z.array(slug).default([]),
    source: z.object({ document: documentIdSchema, section: text(2, 200) }).strict(),
    /**
     * Whose rule (issue #13): lov, avtale (HTA/Hovedavtalen), ks (KS advice), kommune (the municipality
     * using this årshjul; the default for events HR adds) or kommune:<id> (the municipality the practice comes from).
     */
    scope: z
      .string()
      .regex(/^(lov|avtale|ks|kommune|kommune:[a-z0-9]+(?:-[a-z0-9]+)*)$/, 'må være lov, avtale, ks, kommune eller kommune:<id>')
      .default('kommune'),
  })
  .strict();

export const arshjulFileSchema = z
  .object({
    version: z.literal(1),
    defaults: z
      .object({ time: timeSchema.optional(), reminderOffsetsDays: offsetsSchema.optional(), escalateAfterDays: escalateSchema.optional() })
      .strict()
      .optional(),
    events: z.array(eventSchema).min(1, 'årshjulet må ha minst én hendelse'),
  })
  .strict();

/** One problem in an årshjul document: the field (`events.3.recurrence.date`) and what is wrong, in Norwegian. */
export interface ArshjulIssue {
  path: string;
  message: string;
}

/** Raised when the årshjul file is invalid; `problems` names the file and field of each. */
export class ArshjulContentError extends Error {
  constructor(
    readonly problems: string[],
    /** The same problems by field, for the edit card. */
    readonly issues: ArshjulIssue[] = [],
  ) {
    super(`Årshjulet har ${problems.length} feil:\n- ${problems.join('\n- ')}`);
    this.name = 'ArshjulContentError';
  }
}

/** What the loader needs from the knowledge base: which Q&A ids exist. */
export interface KnowledgeIds {
  byId: { has(id: string): boolean };
}

type RawTarget = z.infer<typeof targetSchema>;
const toTarget = (t: RawTarget): Target => ({
  everyone: t.everyone ?? false,
  roles: t.roles ?? [],
  units: t.units ?? [],
  positionCodes: t.positionCodes ?? [],
  ...(t.label ? { label: t.label } : {}),
  ...(t.except ? { except: { roles: t.except.roles ?? [], units: t.except.units ?? [], positionCodes: t.except.positionCodes ?? [] } } : {}),
});

/** zod's own messages are English; HR reads Norwegian. */
function issueText(issue: z.ZodIssue): string {
  switch (issue.code) {
    case z.ZodIssueCode.unrecognized_keys:
      return `ukjent felt ${issue.keys.map((k) => `«${k}»`).join(', ')}`;
    case z.ZodIssueCode.invalid_type:
      return issue.received === 'undefined' ? 'mangler' : `har feil type (ventet ${issue.expected}, fant ${issue.received})`;
    case z.ZodIssueCode.invalid_enum_value:
      return `må være en av ${issue.options.join(', ')}`;
    case z.ZodIssueCode.invalid_literal:
      return `må være ${JSON.stringify(issue.expected)}`;
    default:
      return issue.message;
  }
}

/**
 * Validates and compiles the file's text. Pure (no file access) so tests can feed broken
 * variants. `kb` checks that every `qaEntryIds` entry exists. Throws {@link ArshjulContentError}.
 */
export function parseArshjulCalendar(yamlText: string, kb?: KnowledgeIds, file = DEFAULT_ARSHJUL_FILE): ArshjulCalendar {
  return parseArshjulSource(yamlText, kb, file).calendar;
}

/** The file's text as a plain document (what HR's edit cards change) and compiled. Throws {@link ArshjulContentError}. */
export function parseArshjulSource(yamlText: string, kb?: KnowledgeIds, file = DEFAULT_ARSHJUL_FILE): { document: ArshjulDocument; calendar: ArshjulCalendar } {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (err) {
    throw new ArshjulContentError([`${file}: er ikke gyldig YAML (${(err as Error).message.split('\n')[0]})`]);
  }
  const calendar = compileArshjulDocument(raw, kb, file);
  return { document: structuredClone(raw) as ArshjulDocument, calendar };
}

/** An årshjul document as written: the YAML file parsed, or the copy HR saved with edit cards. */
export type ArshjulDocument = z.input<typeof arshjulFileSchema>;
/** One event as written in the document. */
export type ArshjulDocumentEvent = z.input<typeof eventSchema>;

/**
 * Validates a document with the file's schema and cross-checks (unique ids, known Q&A ids):
 * the compiled calendar, or every problem by field. The same rules for the YAML file and for
 * HR's edits with cards. `file` names the source in messages.
 */
export function validateArshjulDocument(raw: unknown, kb?: KnowledgeIds, file = DEFAULT_ARSHJUL_FILE): { ok: true; calendar: ArshjulCalendar } | { ok: false; error: ArshjulContentError } {
  try {
    return { ok: true, calendar: compileArshjulDocument(raw, kb, file) };
  } catch (err) {
    if (err instanceof ArshjulContentError) return { ok: false, error: err };
    throw err;
  }
}

/** Validates and compiles a parsed document. Throws {@link ArshjulContentError}. */
export function compileArshjulDocument(raw: unknown, kb?: KnowledgeIds, file = DEFAULT_ARSHJUL_FILE): ArshjulCalendar {
  const parsed = arshjulFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: issueText(i) }));
    throw new ArshjulContentError(
      issues.map((i) => `${file}: feltet «${i.path || '(rot)'}»: ${i.message}`),
      issues,
    );
  }
  const problems: string[] = [];
  const issues: ArshjulIssue[] = [];
  const problem = (path: string, message: string) => {
    problems.push(`${file}: feltet «${path}»: ${message}`);
    issues.push({ path, message });
  };
  const defaults = parsed.data.defaults ?? {};
  const events: ArshjulEvent[] = [];
  const byId = new Map<string, ArshjulEvent>();
  parsed.data.events.forEach((e, i) => {
    if (byId.has(e.id)) problem(`events.${i}.id`, `«${e.id}» er allerede brukt`);
    e.qaEntryIds.forEach((id, j) => {
      if (kb && !kb.byId.has(id)) problem(`events.${i}.qaEntryIds.${j}`, `ukjent Q&A-oppføring «${id}»`);
    });
    const r = e.recurrence;
    const escalate = e.escalateAfterDays ?? defaults.escalateAfterDays ?? DEFAULT_ESCALATE_AFTER_DAYS;
    const event: ArshjulEvent = {
      id: e.id,
      title: e.title,
      description: e.description,
      recurrence: r.date ? { kind: 'date', date: r.date } : { kind: 'window', from: r.from!, to: r.to! },
      time: r.time ?? defaults.time ?? DEFAULT_TIME,
      allDay: r.time === undefined,
      reminderOffsetsDays: [...(e.reminderOffsetsDays ?? defaults.reminderOffsetsDays ?? DEFAULT_REMINDER_OFFSETS_DAYS)].sort((a, b) => b - a),
      escalateAfterDays: escalate === false ? null : escalate,
      responsible: toTarget(e.responsible),
      audience: toTarget(e.audience),
      completion: e.completion,
      qaEntryIds: e.qaEntryIds,
      source: e.source,
      scope: e.scope,
    };
    if (!byId.has(e.id)) byId.set(e.id, event);
    events.push(event);
  });
  if (problems.length) throw new ArshjulContentError(problems, issues);
  return { file, events, byId };
}

/** Reads and validates `<contentDir>/<file>` (default `arshjul/default-arshjul.yml`). */
export function loadArshjulCalendar(contentDir: string, kb?: KnowledgeIds, file: string = DEFAULT_ARSHJUL_FILE): ArshjulCalendar {
  return loadArshjulSource(contentDir, kb, file).calendar;
}

/** Reads and validates the file: the plain document (the default HR's edits start from) and the calendar. */
export function loadArshjulSource(contentDir: string, kb?: KnowledgeIds, file: string = DEFAULT_ARSHJUL_FILE): { document: ArshjulDocument; calendar: ArshjulCalendar } {
  let yamlText: string;
  try {
    yamlText = readFileSync(join(contentDir, file), 'utf8');
  } catch (err) {
    throw new ArshjulContentError([`${file}: kan ikke leses (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
  return parseArshjulSource(yamlText, kb, file);
}
