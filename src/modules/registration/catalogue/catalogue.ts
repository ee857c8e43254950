/**
 * The competence catalogue (content/competence/catalogue.yml) and the requirement profiles per
 * position (content/competence/profiles.yml): zod schemas, cross-checks and the compiled,
 * indexed form the rest of the module uses. HR edits the YAML; a broken edit stops the start
 * with an error naming the file and the field, like the knowledge base does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { KommuneProfile } from '../../kommune/profile.js';

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

// ---------------------------------------------------------------------------------------------
// Compiled model

export interface LevelDefinition {
  level: number;
  name: string;
  description: string;
}

export interface Category {
  id: string;
  name: string;
  description?: string;
}

export interface Competence {
  id: string;
  name: string;
  category: string;
  kind: CompetenceKind;
  description: string;
  qaEntryId?: string;
  hasValidity: boolean;
  educationLevel?: EducationLevel;
  minYears?: number;
  /** Direct implications as written in the file. */
  implies: string[];
  /** Every competence this one gives, transitively (excluding itself). */
  impliesAll: string[];
  languages: string[];
}

export interface LegalBasis {
  source: LegalSource;
  /** source kommunalt: the municipality whose decision it is. */
  kommune?: string;
  reference: string;
  qaEntryId: string;
  effectiveFrom?: string;
  note?: string;
}

export interface RequirementMember {
  competenceId: string;
  /** For skills: the level required. Formal competences have no level. */
  level?: number;
}

export interface RequirementOption {
  label: string;
  members: RequirementMember[];
}

/**
 * One requirement of a profile. Always stored as options (a plain requirement is one option
 * with one member), so the gap code has one path; `competenceId`/`level` are set for a plain one.
 */
export interface Requirement {
  key: string;
  label: string;
  priority: Priority;
  options: RequirementOption[];
  competenceId?: string;
  level?: number;
  legal?: LegalBasis;
  /**
   * Whose rule it is (issue #13): `lov` for an act or regulation, `kommune:<id>` for a municipality's
   * decision, `profil` for the position profile the municipality uses (not a legal requirement).
   */
  scope: 'lov' | `kommune:${string}` | 'profil';
  note?: string;
}

export interface Profile {
  id: string;
  title: string;
  description?: string;
  sector?: Sector;
  codes: string[];
  titles: string[];
  qaEntryId?: string;
  requirements: Requirement[];
  /** Position in the file; ties are resolved in file order. */
  order: number;
}

export interface CompetenceContent {
  levels: LevelDefinition[];
  categories: Category[];
  competences: Competence[];
  profiles: Profile[];
  competenceById: ReadonlyMap<string, Competence>;
  categoryById: ReadonlyMap<string, Category>;
  profileById: ReadonlyMap<string, Profile>;
  /**
   * The profile for a position. The longest title phrase found in the title wins; among equal
   * title matches (or none), a profile listing the code wins; ties go to file order.
   * Cached per (code, title), so calling it for 12,500 employees costs a map lookup each.
   */
  profileFor(position: { code: string; title: string }): Profile | undefined;
}

/** Raised when the competence files are invalid; `problems` names every file and field at fault. */
export class CompetenceContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Kompetansekatalogen har ${problems.length} feil:\n- ${problems.join('\n- ')}`);
    this.name = 'CompetenceContentError';
  }
}

/** What the loader needs from the knowledge base: which Q&A ids exist. */
export interface KnowledgeIds {
  byId: { has(id: string): boolean };
}

export const CATALOGUE_FILE = 'catalogue.yml';
export const PROFILES_FILE = 'profiles.yml';

const normaliseTitle = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

function zodProblems(file: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${file}: feltet «${i.path.join('.') || '(rot)'}»: ${i.message}`);
}

function parseYamlText(file: string, textValue: string, problems: string[]): unknown {
  try {
    return parseYaml(textValue);
  } catch (err) {
    problems.push(`${file}: er ikke gyldig YAML (${(err as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

/**
 * Validates and compiles the two files from their text. Pure (no file access) so tests can feed
 * broken variants. Throws {@link CompetenceContentError} listing every problem.
 */
export function parseCompetenceContent(
  texts: { catalogue: string; profiles: string },
  kb?: KnowledgeIds,
  names: { catalogue: string; profiles: string } = { catalogue: CATALOGUE_FILE, profiles: PROFILES_FILE },
  kommune?: KommuneProfile,
): CompetenceContent {
  const problems: string[] = [];
  const catRaw = parseYamlText(names.catalogue, texts.catalogue, problems);
  const profRaw = parseYamlText(names.profiles, texts.profiles, problems);
  if (problems.length) throw new CompetenceContentError(problems);
  if (kommune) problems.push(...addOwnRequirements(profRaw, kommune));
  if (problems.length) throw new CompetenceContentError(problems);

  const cat = catalogueFileSchema.safeParse(catRaw);
  if (!cat.success) problems.push(...zodProblems(names.catalogue, cat.error));
  const prof = profilesFileSchema.safeParse(profRaw);
  if (!prof.success) problems.push(...zodProblems(names.profiles, prof.error));
  if (!cat.success || !prof.success) throw new CompetenceContentError(problems);

  const cf = names.catalogue;
  const pf = names.profiles;
  const checkQa = (file: string, field: string, id: string | undefined) => {
    if (id && kb && !kb.byId.has(id)) problems.push(`${file}: feltet «${field}»: ukjent Q&A-oppføring «${id}»`);
  };

  // Levels: exactly 1, 2, 3, 4.
  const levels = [...cat.data.levels].sort((a, b) => a.level - b.level);
  levels.forEach((l, i) => {
    if (l.level !== i + 1) problems.push(`${cf}: feltet «levels»: nivåene må være 1, 2, 3 og 4 (nivå ${l.level} er brukt flere ganger)`);
  });

  // Categories.
  const categoryById = new Map<string, Category>();
  cat.data.categories.forEach((c, i) => {
    const first = categoryById.get(c.id);
    if (first) problems.push(`${cf}: feltet «categories.${i}.id» (${c.id}) er allerede brukt`);
    else categoryById.set(c.id, { id: c.id, name: c.name, ...(c.description ? { description: c.description } : {}) });
  });

  // Competences.
  const competenceById = new Map<string, Competence>();
  const firstIndex = new Map<string, number>();
  cat.data.competences.forEach((c, i) => {
    const at = `competences.${i}`;
    if (firstIndex.has(c.id)) {
      problems.push(`${cf}: feltet «${at}.id» (${c.id}) er allerede brukt i competences.${firstIndex.get(c.id)}`);
      return;
    }
    firstIndex.set(c.id, i);
    if (!categoryById.has(c.category)) problems.push(`${cf}: feltet «${at}.category»: ukjent kategori «${c.category}»`);
    checkQa(cf, `${at}.qaEntryId`, c.qaEntryId);
    competenceById.set(c.id, {
      id: c.id,
      name: c.name,
      category: c.category,
      kind: c.kind,
      description: c.description,
      ...(c.qaEntryId ? { qaEntryId: c.qaEntryId } : {}),
      hasValidity: c.hasValidity ?? false,
      ...(c.educationLevel ? { educationLevel: c.educationLevel } : {}),
      ...(c.minYears !== undefined ? { minYears: c.minYears } : {}),
      implies: c.implies ?? [],
      impliesAll: [],
      languages: (c.languages ?? []).map(normaliseTitle),
    });
  });
  for (const c of competenceById.values()) {
    c.implies.forEach((id, j) => {
      const target = competenceById.get(id);
      const field = `competences.${firstIndex.get(c.id)}.implies.${j}`;
      if (!target) problems.push(`${cf}: feltet «${field}»: ukjent kompetanse «${id}»`);
      else if (target.kind !== 'formal') problems.push(`${cf}: feltet «${field}»: «${id}» er en ferdighet; implies kan bare peke på formelle kompetanser`);
    });
  }
  // Transitive closure of implies, refusing circles (they would make «holding» undefined).
  for (const c of competenceById.values()) {
    const seen = new Set<string>();
    const stack = [...c.implies];
    while (stack.length) {
      const id = stack.pop()!;
      if (id === c.id) {
        problems.push(`${cf}: feltet «competences.${firstIndex.get(c.id)}.implies»: «${c.id}» gir seg selv via en sirkel`);
        break;
      }
      if (seen.has(id) || !competenceById.has(id)) continue;
      seen.add(id);
      stack.push(...competenceById.get(id)!.implies);
    }
    c.impliesAll = [...seen];
  }

  // Profiles.
  const profileById = new Map<string, Profile>();
  const profiles: Profile[] = [];
  prof.data.profiles.forEach((p, i) => {
    const at = `profiles.${i}`;
    if (profileById.has(p.id)) {
      problems.push(`${pf}: feltet «${at}.id» (${p.id}) er allerede brukt`);
      return;
    }
    checkQa(pf, `${at}.qaEntryId`, p.qaEntryId);
    const keys = new Set<string>();
    const requirements: Requirement[] = [];
    p.requirements.forEach((r, j) => {
      const rat = `${at}.requirements.${j}`;
      const checkMember = (m: RequirementMember, field: string): boolean => {
        const c = competenceById.get(m.competenceId);
        if (!c) {
          problems.push(`${pf}: feltet «${field}.competenceId»: ukjent kompetanse «${m.competenceId}»`);
          return false;
        }
        if (c.kind === 'skill' && m.level === undefined) {
          problems.push(`${pf}: feltet «${field}.level»: «${c.id}» er en ferdighet og trenger et nivå 1–4`);
        }
        if (c.kind === 'formal' && m.level !== undefined) {
          problems.push(`${pf}: feltet «${field}.level»: «${c.id}» er formell (har den eller ikke) og skal ikke ha nivå`);
        }
        return true;
      };
      let options: RequirementOption[];
      if (r.competenceId) {
        const member = { competenceId: r.competenceId, ...(r.level !== undefined ? { level: r.level } : {}) };
        checkMember(member, rat);
        options = [{ label: competenceById.get(r.competenceId)?.name ?? r.competenceId, members: [member] }];
      } else {
        options = (r.alternatives ?? []).map((alt, k) => {
          alt.allOf.forEach((m, n) => checkMember(m, `${rat}.alternatives.${k}.allOf.${n}`));
          return { label: alt.label, members: alt.allOf.map((m) => ({ competenceId: m.competenceId, ...(m.level !== undefined ? { level: m.level } : {}) })) };
        });
      }
      const key = r.id ?? r.competenceId ?? `krav-${j + 1}`;
      if (keys.has(key)) problems.push(`${pf}: feltet «${rat}.id»: kravet «${key}» finnes allerede i profilen «${p.id}»`);
      keys.add(key);
      if (r.legal) checkQa(pf, `${rat}.legal.qaEntryId`, r.legal.qaEntryId);
      const scope: Requirement['scope'] = !r.legal ? 'profil' : r.legal.source === 'kommunalt' ? `kommune:${r.legal.kommune}` : 'lov';
      // Another municipality's rule never counts here (issue #13): with a profile, only its own and adopted rules stay.
      if (kommune && r.legal?.source === 'kommunalt' && !kommune.own.has(r.legal.kommune ?? '')) return;
      requirements.push({
        scope,
        key,
        label: r.label ?? options[0]?.label ?? key,
        priority: r.priority,
        options,
        ...(r.competenceId ? { competenceId: r.competenceId } : {}),
        ...(r.level !== undefined ? { level: r.level } : {}),
        ...(r.legal ? { legal: { ...r.legal } } : {}),
        ...(r.note ? { note: r.note } : {}),
      });
    });
    const profile: Profile = {
      id: p.id,
      title: p.title,
      ...(p.description ? { description: p.description } : {}),
      ...(p.sector ? { sector: p.sector } : {}),
      codes: p.codes,
      titles: p.titles.map(normaliseTitle),
      ...(p.qaEntryId ? { qaEntryId: p.qaEntryId } : {}),
      requirements,
      order: profiles.length,
    };
    profileById.set(p.id, profile);
    profiles.push(profile);
  });

  if (problems.length) throw new CompetenceContentError(problems);

  const cache = new Map<string, Profile | undefined>();
  const profileFor = (position: { code: string; title: string }): Profile | undefined => {
    const key = `${position.code}\u0000${position.title}`;
    if (cache.has(key)) return cache.get(key);
    const title = normaliseTitle(position.title);
    const code = position.code.trim();
    let best: Profile | undefined;
    let bestScore: [number, number] = [0, 0];
    for (const p of profiles) {
      let titleLen = 0;
      for (const t of p.titles) if (t.length > titleLen && title.includes(t)) titleLen = t.length;
      const codeMatch = p.codes.includes(code) ? 1 : 0;
      if (titleLen === 0 && codeMatch === 0) continue;
      const score: [number, number] = [titleLen, codeMatch];
      if (!best || score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
        best = p;
        bestScore = score;
      }
    }
    cache.set(key, best);
    return best;
  };

  return {
    levels: levels.map((l) => ({ level: l.level, name: l.name, description: l.description })),
    categories: [...categoryById.values()],
    competences: [...competenceById.values()],
    profiles,
    competenceById,
    categoryById,
    profileById,
    profileFor,
  };
}

/**
 * Appends the municipality's own requirements (content/kommune/<id>.yml, `requirements: { <profil-id>: [...] }`)
 * to the parsed profiles file; an own requirement with a legal basis is the municipality's decision.
 */
function addOwnRequirements(profRaw: unknown, kommune: KommuneProfile): string[] {
  const file = `kommune/${kommune.id}.yml`;
  const entries = Object.entries(kommune.requirements);
  if (!entries.length) return [];
  const profiles = (profRaw as { profiles?: { id?: unknown; requirements?: unknown[] }[] } | undefined)?.profiles;
  if (!Array.isArray(profiles)) return [];
  const problems: string[] = [];
  for (const [profileId, reqs] of entries) {
    const target = profiles.find((p) => p && p.id === profileId);
    if (!target || !Array.isArray(target.requirements)) {
      problems.push(`${file}: feltet «requirements.${profileId}»: ukjent stillingsprofil «${profileId}» (se competence/profiles.yml)`);
      continue;
    }
    for (const [i, raw] of reqs.entries()) {
      const pre = raw as { legal?: { source?: string; kommune?: string } } | undefined;
      // An own requirement's decision is this municipality's unless it says otherwise (refused below).
      if (pre?.legal?.source === 'kommunalt' && !pre.legal.kommune) pre.legal.kommune = kommune.id;
      const checked = requirementSchema.safeParse(raw);
      if (!checked.success) {
        problems.push(...checked.error.issues.map((issue) => `${file}: feltet «requirements.${profileId}.${i}${issue.path.length ? `.${issue.path.join('.')}` : ''}»: ${issue.message}`));
        continue;
      }
      const r = raw as { legal?: { source?: string; kommune?: string } };
      if (r?.legal?.source === 'kommunalt') {
        if (r.legal.kommune !== kommune.id) {
          problems.push(`${file}: feltet «requirements.${profileId}.${i}.legal.kommune»: et eget krav gjelder ${kommune.id}; vil dere følge en annen kommunes krav, før den opp under adopts`);
          continue;
        }
      }
      target.requirements.push(raw);
    }
  }
  return problems;
}

/**
 * Loads `<contentDir>/competence/catalogue.yml` and `profiles.yml`. Pass the knowledge base to
 * check that every qaEntryId exists. Throws {@link CompetenceContentError} on any problem.
 */
export function loadCompetenceContent(contentDir: string, kb?: KnowledgeIds, kommune?: KommuneProfile): CompetenceContent {
  const dir = join(contentDir, 'competence');
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch (err) {
      throw new CompetenceContentError([`competence/${name}: kan ikke leses (${(err as Error).message.split('\n')[0]})`]);
    }
  };
  return parseCompetenceContent({ catalogue: read(CATALOGUE_FILE), profiles: read(PROFILES_FILE) }, kb, {
    catalogue: `competence/${CATALOGUE_FILE}`,
    profiles: `competence/${PROFILES_FILE}`,
  }, kommune);
}
