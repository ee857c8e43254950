/**
 * The vocabulary of the competence catalogue (education levels, kinds, priorities, legal sources,
 * sectors) and the zod schemas of content/competence/catalogue.yml and profiles.yml, with
 * Norwegian messages for HR.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Education levels, lowest first. A competence with `educationLevel` is met by any education at or above it. */
export const EDUCATION_LEVELS = ['videregaende', 'fagbrev', 'fagskole', 'bachelor', 'master', 'doktorgrad'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const EDUCATION_LEVEL_NAMES: Record<EducationLevel, string> = {
  videregaende: 'Videregående opplæring',
  fagbrev: 'Fag- eller svennebrev',
  fagskole: 'Fagskole',
  bachelor: 'Bachelor (universitet eller høgskole)',
  master: 'Master',
  doktorgrad: 'Doktorgrad (ph.d.)',
};

/** `formal`: met by a registered item (education, authorisation, certificate, course, experience). `skill`: met by a self-assessed level. */
export const COMPETENCE_KINDS = ['formal', 'skill'] as const;
export type CompetenceKind = (typeof COMPETENCE_KINDS)[number];

export const PRIORITIES = ['required', 'desired'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Where a legal requirement comes from: an act, a regulation, or the municipality's own decision. */
export const LEGAL_SOURCES = ['lov', 'forskrift', 'kommunalt'] as const;
export type LegalSource = (typeof LEGAL_SOURCES)[number];

export const SECTORS = ['ledelse', 'oppvekst', 'helse', 'barnevern', 'brann', 'administrasjon'] as const;
export type Sector = (typeof SECTORS)[number];

// ---------------------------------------------------------------------------------------------
// File schemas

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'må være små bokstaver a–z, tall og bindestrek');
const text = (min: number, max: number) => z.string().trim().min(min, `må ha minst ${min} tegn`).max(max, `kan ikke være lengre enn ${max} tegn`);
const levelNumber = z.number().int('må være et heltall fra 1 til 4').min(1, 'må være fra 1 til 4').max(4, 'må være fra 1 til 4');
const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'må være en dato på formen ÅÅÅÅ-MM-DD'));

export const levelSchema = z.object({ level: levelNumber, name: text(2, 40), description: text(10, 300) }).strict();

export const categorySchema = z.object({ id: slug, name: text(2, 80), description: text(5, 300).optional() }).strict();

export const competenceSchema = z
  .object({
    id: slug,
    name: text(2, 120),
    category: slug,
    kind: z.enum(COMPETENCE_KINDS),
    description: text(10, 600),
    /** Q&A entry that explains the competence or the requirement behind it. */
    qaEntryId: slug.optional(),
    /** formal: usually expires, so a card asks for «gyldig til». */
    hasValidity: z.boolean().optional(),
    /** formal: met by any registered education at or above this level. */
    educationLevel: z.enum(EDUCATION_LEVELS).optional(),
    /** formal: met by this many years of registered experience tagged with the competence. */
    minYears: z.number().positive('må være større enn 0').max(50).optional(),
    /** formal: holding this competence also gives these (e.g. lærerutdanning → pedagogisk kompetanse). */
    implies: z.array(slug).optional(),
    /** skill: registered languages with one of these names (lower case) give their level. */
    languages: z.array(text(2, 40)).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const only = (field: keyof typeof c, kind: CompetenceKind) => {
      if (c[field] !== undefined && c.kind !== kind) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: `gjelder bare kompetanser av typen «${kind}»` });
      }
    };
    only('hasValidity', 'formal');
    only('educationLevel', 'formal');
    only('minYears', 'formal');
    only('implies', 'formal');
    only('languages', 'skill');
  });

export const catalogueFileSchema = z
  .object({
    levels: z.array(levelSchema).length(4, 'må beskrive nøyaktig fire nivåer (1–4)'),
    categories: z.array(categorySchema).min(1),
    competences: z.array(competenceSchema).min(1),
  })
  .strict();

export const legalSchema = z
  .object({
    source: z.enum(LEGAL_SOURCES),
    /** source kommunalt: whose decision it is (content/kommune id, e.g. kristiansund). It counts only where that municipality's rules are adopted. */
    kommune: slug.optional(),
    /** Human reference, e.g. «Opplæringsloven § 17-2». */
    reference: text(3, 200),
    qaEntryId: slug,
    /** The requirement applies from this date; before it a gap is shown as coming, not critical. */
    effectiveFrom: isoDate.optional(),
    note: text(3, 400).optional(),
  })
  .strict();

const memberSchema = z.object({ competenceId: slug, level: levelNumber.optional() }).strict();

export const requirementSchema = z
  .object({
    /** Defaults to competenceId; must be given with alternatives. Unique within a profile. */
    id: slug.optional(),
    competenceId: slug.optional(),
    level: levelNumber.optional(),
    priority: z.enum(PRIORITIES),
    /** Shown instead of the competence name; required with alternatives. */
    label: text(2, 160).optional(),
    /** Met when every competence of one alternative is met («ett av følgende vilkår»). */
    alternatives: z
      .array(z.object({ label: text(2, 200), allOf: z.array(memberSchema).min(1) }).strict())
      .min(2, 'må ha minst to alternativer')
      .optional(),
    legal: legalSchema.optional(),
    note: text(3, 400).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if ((r.competenceId === undefined) === (r.alternatives === undefined)) {
      issue('competenceId', 'oppgi enten competenceId eller alternatives (ikke begge)');
    }
    if (r.alternatives) {
      if (!r.id) issue('id', 'må oppgis når kravet har alternativer');
      if (!r.label) issue('label', 'må oppgis når kravet har alternativer');
      if (r.level !== undefined) issue('level', 'oppgi nivå per kompetanse under alternatives');
    }
    if (r.legal && r.priority !== 'required') issue('priority', 'et lovkrav eller kommunalt krav må ha priority: required');
    if (r.legal?.source === 'kommunalt' && !r.legal.kommune) issue('legal', 'et kommunalt krav må si hvilken kommune som har vedtatt det (legal.kommune, f.eks. kristiansund)');
    if (r.legal && r.legal.source !== 'kommunalt' && r.legal.kommune) issue('legal', 'legal.kommune gjelder bare kommunale krav (source: kommunalt)');
  });

export const profileSchema = z
  .object({
    id: slug,
    title: text(2, 120),
    description: text(5, 600).optional(),
    sector: z.enum(SECTORS).optional(),
    /** Stillingskoder this profile applies to (matched against Employee.position.code). */
    codes: z.array(z.string().trim().min(1).max(20)).default([]),
    /** Title words or phrases (lower case); the longest match on Employee.position.title wins. */
    titles: z.array(text(2, 80)).default([]),
    qaEntryId: slug.optional(),
    requirements: z.array(requirementSchema).min(1),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.codes.length === 0 && p.titles.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['codes'], message: 'oppgi minst én stillingskode eller én tittel' });
    }
  });

export const profilesFileSchema = z.object({ profiles: z.array(profileSchema).min(1) }).strict();

