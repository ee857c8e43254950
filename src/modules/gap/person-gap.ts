/**
 * One person's gap: each requirement of their profile against what they have registered.
 * PURE: no I/O, no clock (the instant comes in the {@link GapContext}).
 */
import type { Employee } from '../org/model.js';
import type { LegalBasis, Profile, Requirement, RequirementMember } from '../registration/catalogue/content.js';
import type { Priority } from '../registration/catalogue/schema.js';
import { daysBetween } from '../../shared/dates.js';
import type { CompetenceRegistration } from '../registration/sections.js';
import { type GapContext, type Holdings, holdingsOf, isMet, type RequirementStatus, STATUS_RANK } from './context.js';
import { EMPTY_SUMMARY, kindOf, PersonFindings } from './findings.js';
import { type GapFinding, type MeasureGroup, suggestMeasures } from './measures.js';

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

