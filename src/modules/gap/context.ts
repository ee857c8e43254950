/**
 * The competence gap (kompetansegap), after Lai's model: the requirements of each person's
 * profile (kompetansekrav) against what they have registered (kompetansebeholdning), what they
 * hold but do not use (mobiliseringspotensial), and what is missing (læringsbehov).
 *
 * PURE: no I/O, no clock (the instant comes in the {@link GapContext}). Built for a whole
 * municipality at once: profile lookups are cached, each registration is indexed once, and all
 * aggregation is one pass (O(people × requirements)).
 */
import type { CompetenceContent } from '../registration/catalogue/content.js';
import { EDUCATION_LEVELS } from '../registration/catalogue/schema.js';
import { addDays, osloToday } from '../../shared/dates.js';
import { type CompetenceRegistration, monthsInclusive } from '../registration/sections.js';


export const collator = new Intl.Collator('nb');

/** Certifications that run out within this many days are flagged. */
export const EXPIRY_WARNING_DAYS = 90;

/**
 * - `met`: held (valid for more than 90 days, or without expiry) at the required level
 * - `expiring`: held, but the validity ends within 90 days (still counts as met)
 * - `below`: a skill assessed lower than required
 * - `expired`: registered, but the validity has ended
 * - `missing`: nothing registered
 */
export type RequirementStatus = 'met' | 'expiring' | 'below' | 'expired' | 'missing';

export const STATUS_RANK: Record<RequirementStatus, number> = { met: 0, expiring: 1, below: 2, expired: 3, missing: 4 };
export const isMet = (s: RequirementStatus) => s === 'met' || s === 'expiring';

export interface GapContext {
  readonly content: CompetenceContent;
  readonly now: Date;
  /** Norwegian calendar date of `now`, `YYYY-MM-DD`. */
  readonly today: string;
  /** Validity ending on or before this date is «expiring». */
  readonly warnUntil: string;
  readonly expiryWarningDays: number;
  /** Precomputed: competences met by an education level, with the level's rank. */
  readonly levelCompetences: readonly { id: string; rank: number }[];
  /** Precomputed: language name (lower case) → skill competences it gives. */
  readonly languageCompetences: ReadonlyMap<string, readonly string[]>;
}

/** Builds the context once per computation (per request or per bench run). */
export function createGapContext(content: CompetenceContent, now: Date, options: { expiryWarningDays?: number } = {}): GapContext {
  const expiryWarningDays = options.expiryWarningDays ?? EXPIRY_WARNING_DAYS;
  const today = osloToday(now);
  const rank = new Map<string, number>(EDUCATION_LEVELS.map((l, i) => [l, i]));
  const levelCompetences = content.competences
    .filter((c) => c.educationLevel !== undefined)
    .map((c) => ({ id: c.id, rank: rank.get(c.educationLevel!)! }));
  const languageCompetences = new Map<string, string[]>();
  for (const c of content.competences) {
    for (const lang of c.languages) {
      const list = languageCompetences.get(lang) ?? [];
      list.push(c.id);
      languageCompetences.set(lang, list);
    }
  }
  return { content, now, today, warnUntil: addDays(today, expiryWarningDays), expiryWarningDays, levelCompetences, languageCompetences };
}

// ---------------------------------------------------------------------------------------------
// What a person holds

interface HeldFormal {
  /** Latest validity among the items giving it; undefined = does not expire. */
  validUntil?: string;
  /** Registered as such (not only derived from an education level or implied by another). */
  direct: boolean;
}

/** A registration indexed for lookups: built once per person. */
export interface Holdings {
  formal: Map<string, HeldFormal>;
  skills: Map<string, number>;
  /** Formal competences with an education or course under way. */
  inProgress: Set<string>;
}

const EDUCATION_RANK = new Map<string, number>(EDUCATION_LEVELS.map((l, i) => [l, i]));

export function holdingsOf(ctx: GapContext, reg: CompetenceRegistration | undefined): Holdings {
  const formal = new Map<string, HeldFormal>();
  const skills = new Map<string, number>();
  const inProgress = new Set<string>();
  if (!reg) return { formal, skills, inProgress };

  const add = (id: string, validUntil: string | undefined, direct: boolean) => {
    const current = formal.get(id);
    if (!current) {
      formal.set(id, { validUntil, direct });
      return;
    }
    // The best validity wins: no expiry beats any date, a later date beats an earlier one.
    if (current.validUntil !== undefined && (validUntil === undefined || validUntil > current.validUntil)) current.validUntil = validUntil;
    current.direct ||= direct;
  };

  const underWay = (id: string) => {
    inProgress.add(id);
    for (const implied of ctx.content.competenceById.get(id)?.impliesAll ?? []) inProgress.add(implied);
  };
  let maxRank = -1;
  let maxRankUnderWay = -1;
  for (const e of reg.education) {
    const r = EDUCATION_RANK.get(e.level) ?? -1;
    if (e.inProgress) {
      for (const id of e.competenceIds) underWay(id);
      if (r > maxRankUnderWay) maxRankUnderWay = r;
      continue;
    }
    for (const id of e.competenceIds) add(id, undefined, true);
    if (r > maxRank) maxRank = r;
  }
  for (const lc of ctx.levelCompetences) {
    if (maxRank >= lc.rank) add(lc.id, undefined, false);
    else if (maxRankUnderWay >= lc.rank) inProgress.add(lc.id);
  }
  for (const c of reg.courses) {
    if (c.inProgress) {
      for (const id of c.competenceIds) underWay(id);
      continue;
    }
    for (const id of c.competenceIds) add(id, undefined, true);
  }
  for (const c of reg.certifications) if (c.competenceId) add(c.competenceId, c.validUntil, true);

  if (reg.experience.length) {
    const thisMonth = ctx.today.slice(0, 7);
    const months = new Map<string, number>();
    for (const x of reg.experience) {
      const n = Math.max(0, monthsInclusive(x.from, x.to ?? thisMonth));
      for (const id of x.competenceIds) months.set(id, (months.get(id) ?? 0) + n);
    }
    // Overlapping periods both count; the employee registers the periods that matter.
    for (const [id, n] of months) {
      const minYears = ctx.content.competenceById.get(id)?.minYears;
      if (minYears === undefined || n >= minYears * 12) add(id, undefined, true);
    }
  }

  // Implications last, so they inherit the final validity of what gives them.
  for (const [id, held] of [...formal]) {
    const c = ctx.content.competenceById.get(id);
    if (c) for (const implied of c.impliesAll) add(implied, held.validUntil, false);
  }

  for (const r of reg.selfAssessment) if ((skills.get(r.competenceId) ?? 0) < r.level) skills.set(r.competenceId, r.level);
  if (ctx.languageCompetences.size) {
    for (const l of reg.languages) {
      const ids = ctx.languageCompetences.get(l.language.normalize('NFC').trim().toLowerCase());
      if (ids) for (const id of ids) if ((skills.get(id) ?? 0) < l.level) skills.set(id, l.level);
    }
  }
  return { formal, skills, inProgress };
}
