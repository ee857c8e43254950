/**
 * The municipality profile (content/kommune/<id>.yml, chosen with KOMMUNE): who «we» are. It
 * decides which local rule sets count as the municipality's own (issue #13) – in answers, in the
 * gap analysis and in the årshjul – and which system names answers may use. Everything else in
 * the content is national (lov, avtale), KS advice, or another municipality's example.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseYamlWith } from '../../shared/content-file.js';

export const KOMMUNE_DIR = 'kommune';
/** Names of the municipalities the content mentions (for «Eksempel fra …»), kommune/kommuner.yml. */
export const NAMES_FILE = 'kommuner.yml';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'må være små bokstaver a–z, tall og bindestrek');
const text = (min: number, max: number) => z.string().trim().min(min, `må ha minst ${min} tegn`).max(max, `kan ikke være lengre enn ${max} tegn`);

/** The systems an answer may name; a missing one is described generically («kommunens rekrutteringssystem»). */
export const SYSTEM_KINDS = ['rekruttering', 'arkiv', 'hr', 'kompetanse'] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

export const kommuneFileSchema = z
  .object({
    id: slug,
    /** «Fjordvik kommune» */
    name: text(3, 80),
    /** «Fjordvik» */
    shortName: text(2, 40),
    /** Other municipalities whose rules this one has decided to follow as its own (ids, e.g. kristiansund). */
    adopts: z.array(slug).default([]),
    systems: z.object(Object.fromEntries(SYSTEM_KINDS.map((k) => [k, text(2, 60).optional()])) as Record<SystemKind, z.ZodOptional<z.ZodString>>).strict().default({}),
    /** Who the bot refers people to (HR_CONTACT overrides it). */
    hrContact: text(3, 160),
    /** Årshjul file under content/arshjul/ (without .yml). */
    arshjul: slug.default('default-arshjul'),
    /**
     * The municipality's own extra requirements per position profile (content/competence/profiles.yml ids),
     * in the same form as a requirement there; their scope is this municipality.
     */
    requirements: z.record(slug, z.array(z.unknown()).min(1)).default({}),
  })
  .strict();

export interface KommuneProfile {
  id: string;
  name: string;
  shortName: string;
  /** Ids whose `kommune:<id>` rules are this municipality's own: itself and what it adopts. */
  own: ReadonlySet<string>;
  adopts: string[];
  systems: Partial<Record<SystemKind, string>>;
  hrContact: string;
  arshjul: string;
  requirements: Record<string, unknown[]>;
  /** Short names of every municipality the content mentions, by id («kristiansund» → «Kristiansund»). */
  names: ReadonlyMap<string, string>;
}

export class KommuneProfileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Kommuneprofilen har ${problems.length} feil:\n- ${problems.join('\n- ')}`);
    this.name = 'KommuneProfileError';
  }
}

/** The profile ids shipped in `<contentDir>/kommune/` (file names without .yml). */
export function knownKommuner(contentDir: string): string[] {
  try {
    return readdirSync(join(contentDir, KOMMUNE_DIR))
      .filter((f) => f.endsWith('.yml') && f !== NAMES_FILE)
      .map((f) => f.slice(0, -4))
      .sort();
  } catch {
    return [];
  }
}

/** Municipality names by id from kommune/kommuner.yml (`<id>: <kort navn>`). */
export function loadKommuneNames(contentDir: string): Map<string, string> {
  const file = join(contentDir, KOMMUNE_DIR, NAMES_FILE);
  const parsed = z.record(slug, text(2, 40)).safeParse(existsSync(file) ? parseYaml(readFileSync(file, 'utf8')) : {});
  if (!parsed.success) throw new KommuneProfileError(parsed.error.issues.map((i) => `kommune/${NAMES_FILE}: feltet «${i.path.join('.')}»: ${i.message}`));
  return new Map(Object.entries(parsed.data));
}

/** Parses one profile's text (pure, for tests). */
export function parseKommuneProfile(yamlText: string, names: ReadonlyMap<string, string>, file: string): KommuneProfile {
  const parsed = parseYamlWith(kommuneFileSchema, yamlText, file);
  if (!parsed.ok) throw new KommuneProfileError(parsed.problems);
  const p = parsed.data;
  const problems: string[] = [];
  p.adopts.forEach((id, i) => {
    if (!names.has(id)) problems.push(`${file}: feltet «adopts.${i}»: ukjent kommune «${id}» (kjente: ${[...names.keys()].join(', ')})`);
  });
  if (problems.length) throw new KommuneProfileError(problems);
  const allNames = new Map(names);
  if (!allNames.has(p.id)) allNames.set(p.id, p.shortName);
  return {
    id: p.id,
    name: p.name,
    shortName: p.shortName,
    own: new Set([p.id, ...p.adopts]),
    adopts: p.adopts,
    systems: Object.fromEntries(Object.entries(p.systems).filter(([, v]) => v)) as Partial<Record<SystemKind, string>>,
    hrContact: p.hrContact,
    arshjul: p.arshjul,
    requirements: p.requirements,
    names: allNames,
  };
}

/**
 * Loads `<contentDir>/kommune/<id>.yml`. An unknown id is refused with the known ones listed, so
 * a typo in KOMMUNE stops the start instead of silently giving another municipality's rules.
 */
export function loadKommuneProfile(contentDir: string, id: string): KommuneProfile {
  const known = knownKommuner(contentDir);
  if (!known.includes(id)) {
    throw new KommuneProfileError([
      `KOMMUNE=${id}: ukjent kommune. Kjente profiler: ${known.join(', ') || '(ingen)'}. Lag content/kommune/${id}.yml (se README, «Kommunens profil»).`,
    ]);
  }
  const file = `${KOMMUNE_DIR}/${id}.yml`;
  const profile = parseKommuneProfile(readFileSync(join(contentDir, file), 'utf8'), loadKommuneNames(contentDir), file);
  if (profile.id !== id) throw new KommuneProfileError([`${file}: feltet «id» (${profile.id}) må være lik filnavnet`]);
  return profile;
}

/** Is `kommune:<id>` (or a bare id) one of this municipality's own rule sets? */
export function isOwn(profile: KommuneProfile, kommuneId: string): boolean {
  return profile.own.has(kommuneId);
}

/** «Kristiansund» for an id (the id itself when unknown). */
export function kommuneName(profile: KommuneProfile, kommuneId: string): string {
  return profile.names.get(kommuneId) ?? kommuneId;
}

/** «rekrutteringssystemet (Easycruit)» where the profile names it, otherwise «kommunens rekrutteringssystem». */
export function systemPhrase(profile: KommuneProfile | undefined, kind: SystemKind): string {
  const generic: Record<SystemKind, [string, string]> = {
    rekruttering: ['rekrutteringssystemet', 'kommunens rekrutteringssystem'],
    arkiv: ['arkivsystemet', 'kommunens arkivsystem'],
    hr: ['HR-systemet', 'kommunens HR-system'],
    kompetanse: ['kompetansesystemet', 'kommunens kompetansesystem'],
  };
  const name = profile?.systems[kind];
  const [definite, general] = generic[kind];
  return name ? `${definite} (${name})` : general;
}
