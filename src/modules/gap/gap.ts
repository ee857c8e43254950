/**
 * The competence gap (kompetansegap), after Lai's model: the requirements of each person's
 * profile (kompetansekrav) against what they have registered (kompetansebeholdning), what they
 * hold but do not use (mobiliseringspotensial), and what is missing (læringsbehov).
 *
 * PURE: no I/O, no clock (the instant comes in the {@link GapContext}). Built for a whole
 * municipality at once: profile lookups are cached, each registration is indexed once, and all
 * aggregation is one pass (O(people × requirements)).
 */
import type { Employee, Unit } from '../org/model.js';
import type { CompetenceContent, LegalBasis, Priority, Profile, Requirement, RequirementMember } from '../registration/catalogue/catalogue.js';
import { EDUCATION_LEVELS } from '../registration/catalogue/catalogue.js';
import { type GapFinding, type GapKind, type MeasureGroup, suggestMeasures } from './measures.js';
import { type CompetenceRegistration, addDays, daysBetween, monthsInclusive, osloDate } from '../registration/sections.js';

const collator = new Intl.Collator('nb');

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

const STATUS_RANK: Record<RequirementStatus, number> = { met: 0, expiring: 1, below: 2, expired: 3, missing: 4 };
const isMet = (s: RequirementStatus) => s === 'met' || s === 'expiring';

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
  const today = osloDate(now);
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

// ---------------------------------------------------------------------------------------------
// One person

export interface MemberResult {
  competenceId: string;
  name: string;
  status: RequirementStatus;
  requiredLevel?: number;
  heldLevel?: number;
  validUntil?: string;
  daysLeft?: number;
  inProgress?: boolean;
}

export interface RequirementResult {
  key: string;
  label: string;
  priority: Priority;
  /** Set for a plain requirement on one competence. */
  competenceId?: string;
  requiredLevel?: number;
  heldLevel?: number;
  status: RequirementStatus;
  validUntil?: string;
  /** Days from today to `validUntil` (negative when expired). */
  daysLeft?: number;
  legal?: LegalBasis;
  /** A legal requirement in force that is not met. */
  critical: boolean;
  /** A legal requirement not yet in force (effectiveFrom in the future) that is not met. */
  upcoming: boolean;
  /** Something that would meet the requirement is under way (education or course in progress). */
  inProgress: boolean;
  /** For requirements with alternatives: the alternative closest to being met. */
  option?: { index: number; label: string };
  /** The competences of that alternative that are not met. */
  unmet: MemberResult[];
  note?: string;
}

export interface CertificationAlert {
  name: string;
  competenceId?: string;
  validUntil: string;
  daysLeft: number;
  status: 'expired' | 'expiring';
}

export interface PersonSummary {
  requirements: number;
  met: number;
  expiring: number;
  below: number;
  expired: number;
  missing: number;
  /** Legal requirements in force that are not met. */
  critical: number;
  upcoming: number;
  /** Required requirements not met (critical included). */
  requiredUnmet: number;
  desiredUnmet: number;
}

export interface PersonGap {
  employeeId: string;
  name: string;
  unitId: string;
  position: { title: string; code: string };
  /** Undefined when no profile matches the position (HR should add one). */
  profile?: { id: string; title: string; sector?: string };
  registered: boolean;
  registrationVersion?: number;
  registrationUpdatedAt?: string;
  requirements: RequirementResult[];
  summary: PersonSummary;
  critical: boolean;
  /** Every registered certification that has expired or expires within the warning window. */
  certificationAlerts: CertificationAlert[];
  /** What the person says they have but do not get to use (000 § 4.2). */
  mobilisation: { competenceIds: string[]; note?: string };
  /** Competences held (registered directly, or a skill at level 3–4) that the profile does not ask for. */
  heldOutsideProfile: string[];
  /** The kinds of gap this person has, for measures. */
  findings: GapFinding[];
}

// Hot path (12,500 people × ~8 requirements): objects are built with one fixed shape and loops
// instead of spreads and closures; optional fields are left undefined rather than absent.

function evaluateMember(ctx: GapContext, h: Holdings, m: RequirementMember): MemberResult {
  const id = m.competenceId;
  const c = ctx.content.competenceById.get(id);
  const result: MemberResult = {
    competenceId: id,
    name: c ? c.name : id,
    status: 'missing',
    requiredLevel: m.level,
    heldLevel: undefined,
    validUntil: undefined,
    daysLeft: undefined,
    inProgress: undefined,
  };
  if (c !== undefined && c.kind === 'skill') {
    const level = h.skills.get(id);
    if (level !== undefined) {
      result.heldLevel = level;
      result.status = level < (m.level ?? 1) ? 'below' : 'met';
    }
    return result;
  }
  const held = h.formal.get(id);
  if (held === undefined) {
    if (h.inProgress.has(id)) result.inProgress = true;
    return result;
  }
  const validUntil = held.validUntil;
  if (validUntil === undefined) {
    result.status = 'met';
    return result;
  }
  result.validUntil = validUntil;
  result.daysLeft = daysBetween(ctx.today, validUntil);
  result.status = validUntil < ctx.today ? 'expired' : validUntil <= ctx.warnUntil ? 'expiring' : 'met';
  if (result.status === 'expired' && h.inProgress.has(id)) result.inProgress = true;
  return result;
}

const NO_MEMBERS: MemberResult[] = [];

function evaluateRequirement(ctx: GapContext, h: Holdings, r: Requirement): RequirementResult {
  // The alternative closest to being met: best status, then most members met, then fewest unmet.
  let bestIndex = 0;
  let bestStatus: RequirementStatus = 'missing';
  let bestMembers: MemberResult[] = NO_MEMBERS;
  let bestMet = -1;
  for (let index = 0; index < r.options.length; index++) {
    const option = r.options[index]!;
    const members: MemberResult[] = new Array(option.members.length);
    let status: RequirementStatus = 'met';
    let met = 0;
    for (let i = 0; i < option.members.length; i++) {
      const m = evaluateMember(ctx, h, option.members[i]!);
      members[i] = m;
      if (STATUS_RANK[m.status] > STATUS_RANK[status]) status = m.status;
      if (isMet(m.status)) met++;
    }
    const better =
      bestMet < 0 ||
      STATUS_RANK[status] < STATUS_RANK[bestStatus] ||
      (status === bestStatus && (met > bestMet || (met === bestMet && members.length - met < bestMembers.length - bestMet)));
    if (better) {
      bestIndex = index;
      bestStatus = status;
      bestMembers = members;
      bestMet = met;
    }
  }
  const met = isMet(bestStatus);
  const legal = r.legal;
  const inForce = legal === undefined || legal.effectiveFrom === undefined || legal.effectiveFrom <= ctx.today;
  let unmet = NO_MEMBERS;
  let inProgress = false;
  let dated: MemberResult | undefined;
  for (const m of bestMembers) {
    if (!isMet(m.status)) {
      if (unmet === NO_MEMBERS) {
        unmet = [];
        inProgress = true;
      }
      unmet.push(m);
      if (m.inProgress !== true) inProgress = false;
    }
    // The validity that matters is the earliest among the members of the chosen alternative.
    if (m.validUntil !== undefined && (dated === undefined || m.validUntil < dated.validUntil!)) dated = m;
  }
  return {
    key: r.key,
    label: r.label,
    priority: r.priority,
    competenceId: r.competenceId,
    requiredLevel: r.level,
    heldLevel: bestMembers.length === 1 ? bestMembers[0]!.heldLevel : undefined,
    status: bestStatus,
    validUntil: dated?.validUntil,
    daysLeft: dated?.daysLeft,
    legal,
    critical: legal !== undefined && inForce && !met,
    upcoming: legal !== undefined && !inForce && !met,
    inProgress,
    option: r.options.length > 1 ? { index: bestIndex, label: r.options[bestIndex]!.label } : undefined,
    unmet: unmet === NO_MEMBERS ? [] : unmet,
    note: r.note,
  };
}

/** The gap kind of one requirement result, if it is a gap. */
function kindOf(r: RequirementResult): GapKind | undefined {
  if (r.critical) return 'critical';
  if (r.upcoming) return 'upcoming-legal';
  if (r.status === 'met') return undefined;
  if (r.status === 'expiring') return 'expiring';
  if (r.priority === 'desired') return 'desired';
  if (r.status === 'expired') return 'expired';
  return r.status === 'below' ? 'below' : 'missing';
}

interface FindingAcc {
  kind: GapKind;
  count: number;
  sectors: Set<string>;
  categories: Set<string>;
  competenceIds: Set<string>;
}

/** Gap kinds of many people, with the sectors and competences they concern; feeds {@link suggestMeasures}. */
class FindingSet {
  private readonly map = new Map<GapKind, FindingAcc>();

  private of(kind: GapKind): FindingAcc {
    let f = this.map.get(kind);
    if (!f) {
      f = { kind, count: 0, sectors: new Set(), categories: new Set(), competenceIds: new Set() };
      this.map.set(kind, f);
    }
    return f;
  }

  /** Findings of one person (each kind at most once), or of a group. */
  merge(findings: Iterable<GapFinding>) {
    for (const src of findings) {
      const f = this.of(src.kind);
      f.count += src.count;
      for (const x of src.sectors) f.sectors.add(x);
      for (const x of src.categories) f.categories.add(x);
      for (const x of src.competenceIds) f.competenceIds.add(x);
    }
  }

  /** A finding about the unit rather than people (vulnerable competences): count = competences. */
  addCount(kind: GapKind, count: number, competenceIds: Iterable<string>, content: CompetenceContent) {
    const f = this.of(kind);
    f.count += count;
    for (const id of competenceIds) {
      f.competenceIds.add(id);
      const cat = content.competenceById.get(id)?.category;
      if (cat) f.categories.add(cat);
    }
  }

  list(): GapFinding[] {
    return [...this.map.values()].map(({ kind, count, sectors, categories, competenceIds }) => ({ kind, count, sectors: [...sectors], categories: [...categories], competenceIds: [...competenceIds] }));
  }
}

const EMPTY_SUMMARY = (): PersonSummary => ({
  requirements: 0,
  met: 0,
  expiring: 0,
  below: 0,
  expired: 0,
  missing: 0,
  critical: 0,
  upcoming: 0,
  requiredUnmet: 0,
  desiredUnmet: 0,
});

/** A person's findings, collected without Sets (one person has a handful). */
class PersonFindings {
  private readonly items: { kind: GapKind; ids: string[] }[] = [];

  add(kind: GapKind, ids: readonly string[]) {
    let item = this.items.find((i) => i.kind === kind);
    if (!item) {
      item = { kind, ids: [] };
      this.items.push(item);
    }
    for (const id of ids) if (!item.ids.includes(id)) item.ids.push(id);
  }

  list(content: CompetenceContent, sector: string | undefined): GapFinding[] {
    return this.items.map(({ kind, ids }) => {
      const categories: string[] = [];
      for (const id of ids) {
        const cat = content.competenceById.get(id)?.category;
        if (cat !== undefined && !categories.includes(cat)) categories.push(cat);
      }
      return { kind, count: 1, sectors: sector ? [sector] : [], categories, competenceIds: ids };
    });
  }
}

const profileCompetenceCache = new WeakMap<Profile, Set<string>>();
function competencesOf(profile: Profile): Set<string> {
  let set = profileCompetenceCache.get(profile);
  if (!set) {
    set = new Set();
    for (const r of profile.requirements) for (const o of r.options) for (const m of o.members) set.add(m.competenceId);
    profileCompetenceCache.set(profile, set);
  }
  return set;
}
const NO_COMPETENCES: ReadonlySet<string> = new Set();

/** One person's requirements against their registration (undefined = not registered). */
export function computePersonGap(ctx: GapContext, employee: Employee, registration: CompetenceRegistration | undefined): PersonGap {
  const { content } = ctx;
  const profile: Profile | undefined = content.profileFor(employee.position);
  const h = holdingsOf(ctx, registration);
  const requirements: RequirementResult[] = [];
  if (profile) for (const r of profile.requirements) requirements.push(evaluateRequirement(ctx, h, r));
  const summary = EMPTY_SUMMARY();
  const findings = new PersonFindings();
  const sector = profile?.sector;

  for (const r of requirements) {
    summary.requirements++;
    summary[r.status]++;
    if (r.critical) summary.critical++;
    if (r.upcoming) summary.upcoming++;
    if (!isMet(r.status)) {
      if (r.priority === 'required') summary.requiredUnmet++;
      else summary.desiredUnmet++;
    }
    const kind = kindOf(r);
    if (kind) {
      const ids = r.unmet.length ? r.unmet.map((m) => m.competenceId) : r.competenceId ? [r.competenceId] : [];
      findings.add(kind, ids);
    }
  }
  if (!registration) findings.add('unregistered', []);

  const certificationAlerts: CertificationAlert[] = [];
  if (registration) {
    for (const c of registration.certifications) {
      if (c.validUntil === undefined || c.validUntil > ctx.warnUntil) continue;
      certificationAlerts.push({
        name: c.name,
        competenceId: c.competenceId,
        validUntil: c.validUntil,
        daysLeft: daysBetween(ctx.today, c.validUntil),
        status: c.validUntil < ctx.today ? 'expired' : 'expiring',
      });
    }
    if (certificationAlerts.length > 1) certificationAlerts.sort((a, b) => (a.validUntil < b.validUntil ? -1 : a.validUntil > b.validUntil ? 1 : 0));
  }

  const inProfile = profile ? competencesOf(profile) : NO_COMPETENCES;
  const heldOutsideProfile: string[] = [];
  // The position's own core education (lærerutdanning for a teacher: it gives the pedagogisk utdanning the profile asks for) is not «utover».
  const givesProfileCompetence = (id: string) => (content.competenceById.get(id)?.impliesAll ?? []).some((x) => inProfile.has(x));
  for (const [id, held] of h.formal) {
    if (held.direct && !inProfile.has(id) && !givesProfileCompetence(id) && (held.validUntil === undefined || held.validUntil >= ctx.today)) heldOutsideProfile.push(id);
  }
  for (const [id, level] of h.skills) if (level >= 3 && !inProfile.has(id)) heldOutsideProfile.push(id);

  const declared = registration?.mobilisation;
  const mobilisation = { competenceIds: declared ? [...declared.competenceIds] : [], note: declared?.note || undefined };
  if (mobilisation.competenceIds.length || mobilisation.note) findings.add('mobilisation', mobilisation.competenceIds);

  return {
    employeeId: employee.employeeId,
    name: employee.name,
    unitId: employee.unitId,
    position: { title: employee.position.title, code: employee.position.code },
    profile: profile ? { id: profile.id, title: profile.title, sector: profile.sector } : undefined,
    registered: registration !== undefined,
    registrationVersion: registration?.version,
    registrationUpdatedAt: registration?.updatedAt,
    requirements,
    summary,
    critical: summary.critical > 0,
    certificationAlerts,
    mobilisation,
    heldOutsideProfile,
    findings: findings.list(content, sector),
  };
}

/** Measures for one person's findings. */
export function personMeasures(gap: PersonGap): MeasureGroup[] {
  return suggestMeasures(gap.findings);
}

// ---------------------------------------------------------------------------------------------
// Aggregation: coverage matrix (reads as a heatmap) and mobilisation potential

/** good ≥ 80 %, partial ≥ 50 %, weak below. */
export type CoverageBand = 'good' | 'partial' | 'weak';
export const bandOf = (share: number): CoverageBand => (share >= 0.8 ? 'good' : share >= 0.5 ? 'partial' : 'weak');

export interface CoverageCell {
  /** People whose profile has the requirement. */
  applicable: number;
  /** …of whom meet it (expiring included). */
  met: number;
  expiring: number;
  /** met / applicable, 0–1. */
  share: number;
  band: CoverageBand;
}

export interface CoverageRow {
  key: string;
  label: string;
  competenceId?: string;
  category?: string;
  /** Legal in at least one profile. */
  legal: boolean;
  /** Required in at least one profile (else only desired). */
  priority: Priority;
  total: CoverageCell;
  /** One cell per column (profile id); absent where the profile lacks the requirement. */
  byProfile: Record<string, CoverageCell>;
}

export interface CoverageColumn {
  profileId: string;
  title: string;
  people: number;
}

export interface CoverageTable {
  columns: CoverageColumn[];
  rows: CoverageRow[];
}

export interface MobilisationRow {
  competenceId: string;
  name: string;
  category: string;
  /** People who say they hold it but do not get to use it. */
  declared: number;
  /** People who hold it although their profile does not ask for it. */
  heldOutsideProfile: number;
  /** Who, for a unit (left out at municipality level). */
  employeeIds?: string[];
}

export interface GapSummary {
  people: number;
  registered: number;
  withoutProfile: number;
  /** People with at least one critical gap. */
  peopleWithCritical: number;
  critical: number;
  upcoming: number;
  missing: number;
  below: number;
  expired: number;
  expiring: number;
  /** People who declared competence they do not get to use. */
  mobilisationPeople: number;
}

interface CellAcc {
  applicable: number;
  met: number;
  expiring: number;
}

interface RowAcc {
  key: string;
  label: string;
  competenceId?: string;
  legal: boolean;
  required: boolean;
  total: CellAcc;
  byProfile: Map<string, CellAcc>;
}

const cellOf = (c: CellAcc): CoverageCell => {
  const share = c.applicable ? c.met / c.applicable : 0;
  return { applicable: c.applicable, met: c.met, expiring: c.expiring, share: Math.round(share * 1000) / 1000, band: bandOf(share) };
};

/** Accumulates person gaps into coverage, mobilisation and summary; one instance per unit (and one for the whole). */
class GapAccumulator {
  readonly summary: GapSummary = {
    people: 0,
    registered: 0,
    withoutProfile: 0,
    peopleWithCritical: 0,
    critical: 0,
    upcoming: 0,
    missing: 0,
    below: 0,
    expired: 0,
    expiring: 0,
    mobilisationPeople: 0,
  };
  private readonly rows = new Map<string, RowAcc>();
  private readonly columns = new Map<string, CoverageColumn>();
  private readonly mobilisation = new Map<string, { declared: number; outside: number; ids: string[] }>();
  readonly findings: FindingSet;

  constructor(
    private readonly content: CompetenceContent,
    private readonly keepIds: boolean,
  ) {
    this.findings = new FindingSet();
  }

  add(p: PersonGap) {
    const s = this.summary;
    s.people++;
    if (p.registered) s.registered++;
    if (!p.profile) s.withoutProfile++;
    if (p.critical) s.peopleWithCritical++;
    s.critical += p.summary.critical;
    s.upcoming += p.summary.upcoming;
    s.missing += p.summary.missing;
    s.below += p.summary.below;
    s.expired += p.summary.expired;
    s.expiring += p.summary.expiring;
    if (p.mobilisation.competenceIds.length || p.mobilisation.note) s.mobilisationPeople++;

    if (p.profile) {
      const col = this.columns.get(p.profile.id);
      if (col) col.people++;
      else this.columns.set(p.profile.id, { profileId: p.profile.id, title: p.profile.title, people: 1 });
      for (const r of p.requirements) {
        // One row per competence (issue #13): rektor's «opplæringsloven § 17-2» and the teacher's «pedagogisk
        // utdanning» are the same competence, so they share a row; a requirement with alternatives keeps its own key.
        const rowKey = r.competenceId ?? r.key;
        let row = this.rows.get(rowKey);
        if (!row) {
          row = { key: rowKey, label: r.competenceId ? (this.content.competenceById.get(r.competenceId)?.name ?? r.label) : r.label, ...(r.competenceId ? { competenceId: r.competenceId } : {}), legal: false, required: false, total: { applicable: 0, met: 0, expiring: 0 }, byProfile: new Map() };
          this.rows.set(rowKey, row);
        }
        row.legal ||= !!r.legal;
        row.required ||= r.priority === 'required';
        let cell = row.byProfile.get(p.profile.id);
        if (!cell) {
          cell = { applicable: 0, met: 0, expiring: 0 };
          row.byProfile.set(p.profile.id, cell);
        }
        const met = isMet(r.status);
        row.total.applicable++;
        cell.applicable++;
        if (met) {
          row.total.met++;
          cell.met++;
        }
        if (r.status === 'expiring') {
          row.total.expiring++;
          cell.expiring++;
        }
      }
    }

    const touch = (id: string) => {
      let m = this.mobilisation.get(id);
      if (!m) {
        m = { declared: 0, outside: 0, ids: [] };
        this.mobilisation.set(id, m);
      }
      return m;
    };
    for (const id of p.mobilisation.competenceIds) {
      const m = touch(id);
      m.declared++;
      if (this.keepIds) m.ids.push(p.employeeId);
    }
    for (const id of p.heldOutsideProfile) {
      const m = touch(id);
      m.outside++;
      if (this.keepIds && !m.ids.includes(p.employeeId)) m.ids.push(p.employeeId);
    }
    this.findings.merge(p.findings);
  }

  /** Adds another accumulator's totals (people are in exactly one unit, so counts simply add up). */
  absorb(other: GapAccumulator) {
    for (const k of Object.keys(this.summary) as (keyof GapSummary)[]) this.summary[k] += other.summary[k];
    for (const [id, col] of other.columns) {
      const mine = this.columns.get(id);
      if (mine) mine.people += col.people;
      else this.columns.set(id, { ...col });
    }
    const addCell = (to: CellAcc, from: CellAcc) => {
      to.applicable += from.applicable;
      to.met += from.met;
      to.expiring += from.expiring;
    };
    for (const [key, row] of other.rows) {
      let mine = this.rows.get(key);
      if (!mine) {
        mine = { key, label: row.label, competenceId: row.competenceId, legal: false, required: false, total: { applicable: 0, met: 0, expiring: 0 }, byProfile: new Map() };
        this.rows.set(key, mine);
      }
      mine.legal ||= row.legal;
      mine.required ||= row.required;
      addCell(mine.total, row.total);
      for (const [pid, cell] of row.byProfile) {
        const to = mine.byProfile.get(pid);
        if (to) addCell(to, cell);
        else mine.byProfile.set(pid, { ...cell });
      }
    }
    for (const [id, m] of other.mobilisation) {
      const mine = this.mobilisation.get(id);
      if (mine) {
        mine.declared += m.declared;
        mine.outside += m.outside;
      } else this.mobilisation.set(id, { declared: m.declared, outside: m.outside, ids: [] });
    }
    this.findings.merge(other.findings.list());
  }

  coverage(): CoverageTable {
    const columns = [...this.columns.values()].sort((a, b) => b.people - a.people || collator.compare(a.title, b.title));
    const rows: CoverageRow[] = [...this.rows.values()].map((r) => {
      const byProfile: Record<string, CoverageCell> = {};
      for (const [pid, c] of r.byProfile) byProfile[pid] = cellOf(c);
      const category = r.competenceId ? this.content.competenceById.get(r.competenceId)?.category : undefined;
      return {
        key: r.key,
        label: r.label,
        ...(r.competenceId ? { competenceId: r.competenceId } : {}),
        ...(category ? { category } : {}),
        legal: r.legal,
        priority: r.required ? 'required' : 'desired',
        total: cellOf(r.total),
        byProfile,
      };
    });
    // Legal first, then required, then the weakest coverage first.
    rows.sort(
      (a, b) =>
        Number(b.legal) - Number(a.legal) ||
        Number(b.priority === 'required') - Number(a.priority === 'required') ||
        a.total.share - b.total.share ||
        collator.compare(a.label, b.label),
    );
    return { columns, rows };
  }

  mobilisationRows(): MobilisationRow[] {
    const out: MobilisationRow[] = [];
    for (const [id, m] of this.mobilisation) {
      const c = this.content.competenceById.get(id);
      out.push({
        competenceId: id,
        name: c?.name ?? id,
        category: c?.category ?? '',
        declared: m.declared,
        heldOutsideProfile: m.outside,
        ...(this.keepIds ? { employeeIds: m.ids } : {}),
      });
    }
    return out.sort((a, b) => b.declared - a.declared || b.heldOutsideProfile - a.heldOutsideProfile || collator.compare(a.name, b.name));
  }

  /** Required competences that only one person has, where at least three need it: a vulnerability. */
  vulnerable(coverage: CoverageTable): CoverageRow[] {
    return coverage.rows.filter((r) => r.priority === 'required' && r.total.applicable >= 3 && r.total.met === 1);
  }
}

// ---------------------------------------------------------------------------------------------
// A unit, the whole municipality

export interface UnitGap {
  unitId: string;
  unitName: string;
  /** UTC ISO-8601 of the computation. */
  computedAt: string;
  /** The Norwegian calendar date validity was measured against. */
  today: string;
  /** When the gap was limited to one position in the unit. */
  filter?: { profileId?: string; positionCode?: string };
  /** Critical first, then most unmet required, then by name. */
  people: PersonGap[];
  summary: GapSummary;
  coverage: CoverageTable;
  mobilisation: MobilisationRow[];
  /** Required competences only one person has (at least three need them). */
  vulnerable: { key: string; label: string }[];
  measures: MeasureGroup[];
}

export interface UnitGapOptions {
  /** Only people with this profile. */
  profileId?: string;
  /** Only people with this stillingskode. */
  positionCode?: string;
}

export type RegistrationLookup = ReadonlyMap<string, CompetenceRegistration>;


/** The gap for the given people of a unit (the caller decides whose: the unit, or the unit and those below). */
export function computeUnitGap(
  ctx: GapContext,
  unit: Pick<Unit, 'id' | 'name'>,
  employees: readonly Employee[],
  registrations: RegistrationLookup,
  options: UnitGapOptions = {},
): UnitGap {
  const acc = new GapAccumulator(ctx.content, true);
  const people: PersonGap[] = [];
  for (const e of employees) {
    if (options.positionCode !== undefined && e.position.code !== options.positionCode) continue;
    const gap = computePersonGap(ctx, e, registrations.get(e.employeeId));
    if (options.profileId !== undefined && gap.profile?.id !== options.profileId) continue;
    people.push(gap);
    acc.add(gap);
  }
  people.sort(
    (a, b) => Number(b.critical) - Number(a.critical) || b.summary.requiredUnmet - a.summary.requiredUnmet || collator.compare(a.name, b.name),
  );
  const coverage = acc.coverage();
  const vulnerable = acc.vulnerable(coverage);
  if (vulnerable.length) {
    acc.findings.addCount('vulnerable', vulnerable.length, vulnerable.flatMap((r) => (r.competenceId ? [r.competenceId] : [])), ctx.content);
  }
  const filter = options.profileId !== undefined || options.positionCode !== undefined ? { ...options } : undefined;
  return {
    unitId: unit.id,
    unitName: unit.name,
    computedAt: ctx.now.toISOString(),
    today: ctx.today,
    ...(filter ? { filter } : {}),
    people,
    summary: acc.summary,
    coverage,
    mobilisation: acc.mobilisationRows(),
    vulnerable: vulnerable.map((r) => ({ key: r.key, label: r.label })),
    measures: suggestMeasures(acc.findings.list()),
  };
}

export interface UnitGapSummary {
  unitId: string;
  unitName: string;
  parentUnitId?: string;
  summary: GapSummary;
  /** The three requirements with the lowest coverage in the unit. */
  weakest: { key: string; label: string; share: number; legal: boolean }[];
}

export interface MunicipalityGap {
  computedAt: string;
  today: string;
  summary: GapSummary & { units: number };
  /** One line per unit that has employees. */
  units: UnitGapSummary[];
  coverage: CoverageTable;
  mobilisation: MobilisationRow[];
  measures: MeasureGroup[];
}

/**
 * The whole municipality in one pass: every person once, accumulated per unit (own employees,
 * not sub-units) and for the whole. People are not kept; ask for a unit to see them.
 */
export function computeMunicipalityGap(
  ctx: GapContext,
  units: readonly Unit[],
  employees: readonly Employee[],
  registrations: RegistrationLookup,
): MunicipalityGap {
  const whole = new GapAccumulator(ctx.content, false);
  const perUnit = new Map<string, GapAccumulator>();
  for (const e of employees) {
    const gap = computePersonGap(ctx, e, registrations.get(e.employeeId));
    let acc = perUnit.get(e.unitId);
    if (!acc) {
      acc = new GapAccumulator(ctx.content, false);
      perUnit.set(e.unitId, acc);
    }
    acc.add(gap);
  }
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitSummaries: UnitGapSummary[] = [];
  for (const [unitId, acc] of perUnit) {
    whole.absorb(acc);
    const u = unitById.get(unitId);
    const rows = acc.coverage().rows.filter((r) => r.priority === 'required');
    const weakest = [...rows]
      .sort((a, b) => a.total.share - b.total.share || Number(b.legal) - Number(a.legal))
      .slice(0, 3)
      .map((r) => ({ key: r.key, label: r.label, share: r.total.share, legal: r.legal }));
    unitSummaries.push({
      unitId,
      unitName: u?.name ?? unitId,
      ...(u?.parentUnitId ? { parentUnitId: u.parentUnitId } : {}),
      summary: acc.summary,
      weakest,
    });
  }
  unitSummaries.sort((a, b) => b.summary.peopleWithCritical - a.summary.peopleWithCritical || collator.compare(a.unitName, b.unitName));
  const coverage = whole.coverage();
  return {
    computedAt: ctx.now.toISOString(),
    today: ctx.today,
    summary: { ...whole.summary, units: unitSummaries.length },
    units: unitSummaries,
    coverage,
    mobilisation: whole.mobilisationRows(),
    measures: suggestMeasures(whole.findings.list()),
  };
}
