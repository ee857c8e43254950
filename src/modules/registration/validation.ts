/**
 * One zod input schema per registration section, bound to the catalogue and today's date, with a
 * Norwegian message per field; {@link validateSection} checks a whole section before anything
 * changes. The server is the only place that checks required fields (the form card does not).
 */
import type { RegistrationCertification, RegistrationDigitalSkill, RegistrationLanguage, RegistrationMobilisation, RegistrationRating } from './model.js';
import type { CompetenceContent } from './catalogue/content.js';
import { type CompetenceKind, EDUCATION_LEVEL_NAMES, EDUCATION_LEVELS } from './catalogue/schema.js';
import { isIsoDate, osloToday } from '../../shared/dates.js';
import type { FieldError } from '../../shared/results.js';
import { MAX_ITEMS, MAX_NOTE, type RegistrationSection, SECTIONS, type SectionValidation, type SectionValues } from './sections.js';
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Field schemas with Norwegian messages

/** Cards send "" for an empty input; treat it, and null, as "not given". */
const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
/** Cards send numbers as text. */
const numeric = (v: unknown) => {
  const b = blank(v);
  return typeof b === 'string' && /^-?\d+(?:[.,]\d+)?$/.test(b.trim()) ? Number(b.trim().replace(',', '.')) : b;
};

const requiredText = (label: string, min: number, max: number) =>
  z.preprocess(
    blank,
    z
      .string({ required_error: `${label} mangler.`, invalid_type_error: `${label} må være tekst.` })
      .trim()
      .min(min, `${label} må ha minst ${min} tegn.`)
      .max(max, `${label} kan ikke være lengre enn ${max} tegn.`),
  );

const optionalText = (label: string, max: number) =>
  z.preprocess(
    blank,
    z
      .string({ invalid_type_error: `${label} må være tekst.` })
      .trim()
      .max(max, `${label} kan ikke være lengre enn ${max} tegn.`)
      .optional(),
  );

const integer = (label: string, min: number, max: number, what = 'et helt tall') => {
  const message = `${label} må være ${what} fra ${min} til ${max}.`;
  return z
    .number({ required_error: `${label} mangler.`, invalid_type_error: message })
    .int(message)
    .min(min, message)
    .max(max, message);
};
const requiredInt = (label: string, min: number, max: number, what?: string) => z.preprocess(numeric, integer(label, min, max, what));
const optionalInt = (label: string, min: number, max: number, what?: string) => z.preprocess(numeric, integer(label, min, max, what).optional());
const levelField = (label: string) => requiredInt(label, 1, 4, 'et nivå');

const dateString = (label: string) =>
  z
    .string({ invalid_type_error: `${label} må være en dato på formen ÅÅÅÅ-MM-DD.` })
    .trim()
    .refine(isIsoDate, `${label} må være en gyldig dato på formen ÅÅÅÅ-MM-DD.`);
const optionalDate = (label: string) => z.preprocess(blank, dateString(label).optional());

const monthString = (label: string) =>
  z
    .string({ required_error: `${label} mangler.`, invalid_type_error: `${label} må være en måned på formen ÅÅÅÅ-MM.` })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label} må være en måned på formen ÅÅÅÅ-MM, for eksempel 2019-08.`);

const flag = z.preprocess((v) => {
  const b = blank(v);
  if (b === 'true') return true;
  if (b === 'false') return false;
  return b ?? false;
}, z.boolean({ invalid_type_error: 'Må være ja eller nei.' }));

/** A list of ids; a multi-select card input sends them comma-separated. */
const idList = (label: string) =>
  z.preprocess(
    (v) => {
      const b = blank(v);
      if (b === undefined) return [];
      if (typeof b === 'string') return b.split(',').map((s) => s.trim()).filter(Boolean);
      return b;
    },
    z
      .array(z.string({ invalid_type_error: `${label} må være en liste med kompetanse-id-er.` }).trim().min(1), {
        invalid_type_error: `${label} må være en liste med kompetanse-id-er.`,
      })
      .max(50, `${label} kan ha høyst 50 kompetanser.`)
      .transform((ids) => [...new Set(ids)]),
  );

const listOf = <T extends z.ZodTypeAny>(item: T, what: string) =>
  z.preprocess(
    (v) => blank(v) ?? [],
    z.array(item, { invalid_type_error: `${what} må være en liste.` }).max(MAX_ITEMS, `Du kan registrere høyst ${MAX_ITEMS} ${what.toLowerCase()}.`),
  );

/**
 * Fallback for issues the field schemas do not word themselves. A contextual map runs last, so
 * it keeps any message a field schema already set (anything but zod's English default).
 */
const norwegianErrorMap: z.ZodErrorMap = (issue, ctx) => {
  if (ctx.defaultError !== z.defaultErrorMap(issue, { data: ctx.data, defaultError: '' }).message) return { message: ctx.defaultError };
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: issue.received === 'undefined' ? 'Mangler.' : 'Har feil type.' };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `Må være en av: ${issue.options.join(', ')}.` };
    default:
      return { message: 'Ugyldig verdi.' };
  }
};

// ---------------------------------------------------------------------------------------------
// Section schemas

export interface ValidationContext {
  content: CompetenceContent;
  /** The instant of the save; dates are compared with the Norwegian calendar date. */
  now: Date;
}

type Issue = (path: (string | number)[], message: string) => void;

function checkCompetenceIds(content: CompetenceContent, ids: string[], kind: CompetenceKind | undefined, path: (string | number)[], issue: Issue) {
  ids.forEach((id, i) => {
    const c = content.competenceById.get(id);
    if (!c) issue([...path, i], `Ukjent kompetanse «${id}». Velg fra listen.`);
    else if (kind === 'formal' && c.kind !== 'formal') issue([...path, i], `«${c.name}» er en ferdighet; den vurderer du under egenvurdering.`);
    else if (kind === 'skill' && c.kind !== 'skill') issue([...path, i], `«${c.name}» registreres som utdanning, kurs eller sertifikat, ikke som egenvurdering.`);
  });
}

const EDUCATION_LEVEL_LIST = EDUCATION_LEVELS.map((l) => `${l} (${EDUCATION_LEVEL_NAMES[l]})`).join(', ');

/** The zod schemas of every section, bound to the catalogue and today's date. */
export function sectionSchemas(ctx: ValidationContext) {
  const { content } = ctx;
  const today = osloToday(ctx.now);
  const thisYear = Number(today.slice(0, 4));
  const thisMonth = today.slice(0, 7);

  const education = z
    .object({
      level: z.preprocess(
        blank,
        z.enum(EDUCATION_LEVELS, {
          errorMap: (i) => ({ message: i.code === 'invalid_type' && i.received === 'undefined' ? 'Utdanningsnivå mangler.' : `Utdanningsnivå må være ett av: ${EDUCATION_LEVEL_LIST}.` }),
        }),
      ),
      field: requiredText('Fag eller studium', 2, 120),
      institution: optionalText('Lærested', 120),
      completedYear: optionalInt('Fullført år', 1950, thisYear + 10, 'et årstall'),
      credits: optionalInt('Studiepoeng', 1, 600),
      inProgress: flag,
      competenceIds: idList('Kompetanser'),
    })
    .strict('Ukjent felt.')
    .superRefine((e, c) => {
      const issue: Issue = (path, message) => c.addIssue({ code: z.ZodIssueCode.custom, path, message });
      if (!e.inProgress && e.completedYear !== undefined && e.completedYear > thisYear) {
        issue(['completedYear'], `Fullført år kan ikke være etter ${thisYear}. Er utdanningen under arbeid, kryss av for «pågår».`);
      }
      checkCompetenceIds(content, e.competenceIds, 'formal', ['competenceIds'], issue);
    });

  const experience = z
    .object({
      role: requiredText('Stilling eller rolle', 2, 120),
      workplace: optionalText('Arbeidssted', 120),
      from: z.preprocess(blank, monthString('Fra (måned)')),
      to: z.preprocess(blank, monthString('Til (måned)').optional()),
      competenceIds: idList('Kompetanser'),
    })
    .strict('Ukjent felt.')
    .superRefine((e, c) => {
      const issue: Issue = (path, message) => c.addIssue({ code: z.ZodIssueCode.custom, path, message });
      if (e.from > thisMonth) issue(['from'], 'Fra (måned) kan ikke være fram i tid.');
      if (e.to !== undefined && e.to < e.from) issue(['to'], 'Til (måned) kan ikke være før fra-måneden.');
      if (e.to !== undefined && e.to > thisMonth) issue(['to'], 'Til (måned) kan ikke være fram i tid. La feltet stå tomt hvis du fortsatt er i stillingen.');
      checkCompetenceIds(content, e.competenceIds, 'formal', ['competenceIds'], issue);
    });

  const course = z
    .object({
      name: requiredText('Kursnavn', 2, 160),
      provider: optionalText('Arrangør', 120),
      completedOn: optionalDate('Gjennomført dato'),
      hours: optionalInt('Antall timer', 1, 2000),
      inProgress: flag,
      competenceIds: idList('Kompetanser'),
    })
    .strict('Ukjent felt.')
    .superRefine((e, c) => {
      const issue: Issue = (path, message) => c.addIssue({ code: z.ZodIssueCode.custom, path, message });
      if (!e.inProgress && e.completedOn !== undefined && e.completedOn > today) {
        issue(['completedOn'], 'Gjennomført dato kan ikke være fram i tid. Er kurset under arbeid, kryss av for «pågår».');
      }
      checkCompetenceIds(content, e.competenceIds, 'formal', ['competenceIds'], issue);
    });

  const certification = z
    .object({
      competenceId: z.preprocess(blank, z.string({ invalid_type_error: 'Type må være en kompetanse-id.' }).trim().optional()),
      name: optionalText('Navn', 160),
      issuedOn: optionalDate('Utstedt dato'),
      validUntil: optionalDate('Gyldig til'),
    })
    .strict('Ukjent felt.')
    .superRefine((e, c) => {
      const issue: Issue = (path, message) => c.addIssue({ code: z.ZodIssueCode.custom, path, message });
      const competence = e.competenceId ? content.competenceById.get(e.competenceId) : undefined;
      if (e.competenceId) checkCompetenceIds(content, [e.competenceId], 'formal', [], (_p, m) => issue(['competenceId'], m));
      if (!e.competenceId && !e.name) issue(['name'], 'Navn mangler. Skriv navnet, eller velg typen fra listen.');
      if (e.name !== undefined && e.name.length < 2) issue(['name'], 'Navn må ha minst 2 tegn.');
      if (e.issuedOn !== undefined && e.issuedOn > today) issue(['issuedOn'], 'Utstedt dato kan ikke være fram i tid.');
      if (e.issuedOn !== undefined && e.validUntil !== undefined && e.validUntil < e.issuedOn) {
        issue(['validUntil'], 'Gyldig til kan ikke være før utstedt dato.');
      }
      if (competence?.hasValidity && e.validUntil === undefined) {
        issue(['validUntil'], `Gyldig til mangler. «${competence.name}» må fornyes, så vi trenger utløpsdatoen.`);
      }
    });

  const language = z
    .object({ language: requiredText('Språk', 2, 60), level: levelField('Nivå') })
    .strict('Ukjent felt.');
  const digitalSkill = z
    .object({ tool: requiredText('Verktøy eller system', 2, 80), level: levelField('Nivå') })
    .strict('Ukjent felt.');
  const rating = z
    .object({ competenceId: requiredText('Kompetanse', 1, 80), level: levelField('Nivå') })
    .strict('Ukjent felt.');

  const noDuplicates =
    <T>(key: (item: T) => string, field: string, what: string) =>
    (items: T[], c: z.RefinementCtx) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        const k = key(item).toLowerCase();
        if (seen.has(k)) c.addIssue({ code: z.ZodIssueCode.custom, path: ['items', i, field], message: `${what} «${key(item)}» er registrert flere ganger.` });
        seen.add(k);
      });
    };

  return {
    education: z.object({ items: listOf(education, 'Utdanninger') }).strict('Ukjent felt.'),
    experience: z.object({ items: listOf(experience, 'Arbeidsforhold') }).strict('Ukjent felt.'),
    courses: z.object({ items: listOf(course, 'Kurs') }).strict('Ukjent felt.'),
    certifications: z.object({ items: listOf(certification, 'Autorisasjoner og sertifikater') }).strict('Ukjent felt.'),
    languages: z
      .object({ items: listOf(language, 'Språk') })
      .strict('Ukjent felt.')
      .superRefine((v, c) => noDuplicates<RegistrationLanguage>((l) => l.language, 'language', 'Språket')(v.items, c)),
    digitalSkills: z
      .object({ items: listOf(digitalSkill, 'Digitale ferdigheter') })
      .strict('Ukjent felt.')
      .superRefine((v, c) => noDuplicates<RegistrationDigitalSkill>((d) => d.tool, 'tool', 'Verktøyet')(v.items, c)),
    selfAssessment: z
      .object({
        // An unanswered question («ikke vurdert») arrives with an empty level: it is simply left out.
        ratings: z.preprocess(
          (v) => (Array.isArray(v) ? v.filter((r) => !(r && typeof r === 'object' && blank((r as { level?: unknown }).level) === undefined)) : blank(v) ?? []),
          z.array(rating, { invalid_type_error: 'Egenvurderingen må være en liste.' }).max(200, 'Egenvurderingen kan ha høyst 200 kompetanser.'),
        ),
      })
      .strict('Ukjent felt.')
      .superRefine((v, c) => {
        const seen = new Set<string>();
        v.ratings.forEach((r, i) => {
          const issue: Issue = (_path, message) => c.addIssue({ code: z.ZodIssueCode.custom, path: ['ratings', i, 'competenceId'], message });
          if (seen.has(r.competenceId)) issue([], `«${content.competenceById.get(r.competenceId)?.name ?? r.competenceId}» er vurdert flere ganger.`);
          seen.add(r.competenceId);
          checkCompetenceIds(content, [r.competenceId], 'skill', [], issue);
        });
      }),
    mobilisation: z
      .object({ competenceIds: idList('Kompetanser'), note: optionalText('Beskrivelse', MAX_NOTE) })
      .strict('Ukjent felt.')
      .superRefine((v, c) =>
        checkCompetenceIds(content, v.competenceIds, undefined, ['competenceIds'], (path, message) => c.addIssue({ code: z.ZodIssueCode.custom, path, message })),
      ),
  };
}

// The schemas depend only on the catalogue and the date: build them once per day, not per save.
const schemaCache = new WeakMap<CompetenceContent, { today: string; schemas: ReturnType<typeof sectionSchemas> }>();
function cachedSchemas(ctx: ValidationContext): ReturnType<typeof sectionSchemas> {
  const today = osloToday(ctx.now);
  const hit = schemaCache.get(ctx.content);
  if (hit && hit.today === today) return hit.schemas;
  const schemas = sectionSchemas(ctx);
  schemaCache.set(ctx.content, { today, schemas });
  return schemas;
}

function toFieldErrors(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      for (const key of issue.keys) out.push({ field: [...issue.path, key].join('.'), message: `Ukjent felt «${key}».` });
    } else {
      out.push({ field: issue.path.join('.'), message: issue.message });
    }
  }
  // One message per field is enough for a card.
  const seen = new Set<string>();
  return out.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
}

/**
 * Validates one section as a card submitted it. Returns the clean value or every problem, each
 * with its field and a Norwegian sentence. Never throws on bad input.
 */
export function validateSection<S extends RegistrationSection>(section: S, input: unknown, ctx: ValidationContext): SectionValidation<S> {
  if (!(SECTIONS as readonly string[]).includes(section)) {
    return { ok: false, errors: [{ field: 'section', message: `Ukjent del av registreringen «${String(section)}».` }] };
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', message: 'Skjemaet kom uten innhold. Prøv igjen.' }] };
  }
  const schema = cachedSchemas(ctx)[section];
  const parsed = schema.safeParse(input, { errorMap: norwegianErrorMap });
  if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error) };
  const data = parsed.data as Record<string, unknown>;
  return { ok: true, value: normalise(section, data, ctx.content) as SectionValues[S] };
}

/** Drops undefined optionals (stored JSON stays small and equal across adapters) and fills defaults. */
function normalise(section: RegistrationSection, data: Record<string, unknown>, content: CompetenceContent): unknown {
  const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  switch (section) {
    case 'selfAssessment':
      return (data.ratings as RegistrationRating[]).map(compact);
    case 'mobilisation':
      return compact(data as unknown as RegistrationMobilisation);
    case 'certifications':
      return (data.items as RegistrationCertification[]).map((c) =>
        compact({ ...c, name: c.name ?? (c.competenceId ? content.competenceById.get(c.competenceId)?.name : undefined) ?? '' }),
      );
    default:
      return (data.items as object[]).map(compact);
  }
}
