/**
 * Loads the competence catalogue (content/competence/catalogue.yml) and the requirement profiles per
 * position (content/competence/profiles.yml): validates them with ./schema.ts, cross-checks them and
 * compiles the indexed form in ./content.ts. HR edits the YAML; a broken edit stops the start with an
 * error naming the file and the field, like the knowledge base does.
 */
import type { KommuneProfile } from '../../kommune/profile.js';
import type { Category, Competence, CompetenceContent, Profile, Requirement, RequirementMember, RequirementOption } from './content.js';
import { catalogueFileSchema, profilesFileSchema, requirementSchema } from './schema.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { fieldProblems, yamlProblem } from '../../../shared/content-file.js';

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

function parseYamlText(file: string, textValue: string, problems: string[]): unknown {
  try {
    return parseYaml(textValue);
  } catch (err) {
    problems.push(yamlProblem(file, err));
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
  if (!cat.success) problems.push(...fieldProblems(names.catalogue, cat.error));
  const prof = profilesFileSchema.safeParse(profRaw);
  if (!prof.success) problems.push(...fieldProblems(names.profiles, prof.error));
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
