/**
 * Two preferences applied to the ranking after the search (issue #10, «sure answers from a
 * neighbouring entry»):
 *
 * - **Role.** A question that names a leader role («enhetsleder», «rektor», «styrer»,
 *   «kommunalsjef» …) is about that role: an entry whose title is about another role only
 *   (Bærum's «Kommunalsjefenes … ansvar» for «mitt ansvar som enhetsleder») ranks lower.
 * - **Scope.** A question that names no municipality is about the user's own rules: an entry
 *   that is another municipality's own rule or practice (`scope: kommune:<id>`, not the user's)
 *   ranks a little below a national entry (law, HTA, KS) or the user's own municipality's.
 *
 * Both only multiply `rank` (the ordering); coverage and score, which the decision rule reads,
 * are unchanged, so a question only the other municipality's entry answers is still answered.
 */
import type { KommuneProfile } from '../../kommune/profile.js';
import type { Analyzer } from './analyzer.js';
import type { SearchResult, Hit } from './index.js';
import { foldText } from './normalize.js';

/**
 * Leader and party roles, each with the words that name it (bokmål, nynorsk, older titles).
 * A role's `covers` lists narrower roles a question about it also accepts («mellomleder» →
 * avdelingsleder and fagleder). General words («leder», «sjef») are no role here.
 */
export const ROLES: readonly { id: string; words: readonly string[]; covers?: readonly string[] }[] = [
  { id: 'kommunedirektor', words: ['kommunedirektør', 'rådmann', 'administrasjonssjef', 'kommunedirektørar', 'rådmenn'] },
  { id: 'kommunalsjef', words: ['kommunalsjef', 'kommunalsjefar', 'kommunaldirektør'] },
  { id: 'enhetsleder', words: ['enhetsleder', 'enhetssjef', 'virksomhetsleder', 'einingsleiar', 'verksemdsleiar'] },
  { id: 'avdelingsleder', words: ['avdelingsleder', 'avdelingsleiar'] },
  { id: 'fagleder', words: ['fagleder', 'fagleiar'] },
  { id: 'mellomleder', words: ['mellomleder', 'mellomleiar'], covers: ['avdelingsleder', 'fagleder'] },
  { id: 'toppleder', words: ['toppleder', 'toppleiar'], covers: ['kommunedirektor', 'kommunalsjef'] },
  { id: 'rektor', words: ['rektor', 'skoleleder', 'skuleleiar'] },
  { id: 'styrer', words: ['styrer', 'styrar', 'barnehagestyrer', 'barnehagestyrar', 'barnehageleder', 'barnehageleiar'] },
  { id: 'barnevernsleder', words: ['barnevernsleder', 'barnevernsleiar'] },
  { id: 'tillitsvalgt', words: ['tillitsvalgt', 'tillitsvald', 'hovedtillitsvalgt', 'hovudtillitsvald'] },
  { id: 'verneombud', words: ['verneombud', 'verneombod', 'hovedverneombud'] },
];

/** Rank multiplier for an entry whose title is about another role than the one asked about. */
export const OTHER_ROLE_FACTOR = 0.8;
/**
 * Rank lift for an entry whose title names the asked role: rank × (1 + this × the role's share of
 * the question), so «kommunalsjefens ansvar» finds the entry about kommunalsjefer, while in «kan
 * rektor bruke medarbeidersamtalen …» (the role a small part of the question) it lifts little.
 */
export const ASKED_ROLE_LIFT = 0.5;
/** Rank multiplier for another municipality's own entry when the question names no municipality. */
export const OTHER_KOMMUNE_FACTOR = 0.85;
/** Rank multiplier for a municipality's own entry when the question names another municipality. */
export const NOT_NAMED_KOMMUNE_FACTOR = 0.8;

/** Hits ranked below this share of the best are left as they are (see apply()). */
const HEAD_SHARE = 0.4;

export interface Preferences {
  /** Prefers the entries about the asked role and the user's scope; returns a re-sorted result. */
  apply(result: SearchResult, question: string): SearchResult;
  /** Roles (ids) a stem names, for tests. */
  rolesOfTerm(term: string): readonly string[];
}

/**
 * Built once per index: which roles each entry's title names, and each entry's scope seen from
 * `profile` (without a profile every municipality's entry is «another municipality's»).
 */
export function createPreferences(
  analyzer: Analyzer,
  entries: readonly { title: string; scope?: string }[],
  profile: KommuneProfile | undefined,
): Preferences {
  const termRoles = new Map<string, string[]>();
  for (const r of ROLES) {
    for (const w of r.words) {
      // Whole words only: a compound's parts («direktør» in «kommunaldirektør») name no role.
      for (const o of analyzer.contentTerms(analyzer.contentTokens(w))) {
        if (o.weight < 1) continue;
        const list = termRoles.get(o.term) ?? [];
        if (!list.includes(r.id)) list.push(r.id);
        termRoles.set(o.term, list);
      }
    }
  }
  const covers = new Map(ROLES.map((r) => [r.id, new Set([r.id, ...(r.covers ?? [])])]));
  const titleRoles = entries.map((e) => {
    const out = new Set<string>();
    for (const o of analyzer.contentTerms(analyzer.contentTokens(e.title))) {
      if (o.weight >= 1) for (const id of termRoles.get(o.term) ?? []) out.add(id);
    }
    return out;
  });
  const kommuneOfEntry = entries.map((e) => (e.scope?.startsWith('kommune:') ? e.scope.slice('kommune:'.length) : undefined));
  const otherKommune = kommuneOfEntry.map((k) => k !== undefined && !(profile?.own.has(k) ?? false));
  // Names of the municipalities the content knows (folded), to see which ones a question names.
  const places = [...(profile?.names ?? new Map<string, string>()).entries()].flatMap(([id, name]) => [
    [foldText(name), id] as const,
    [id, id] as const,
  ]).filter(([p]) => p.length >= 4);
  const namedPlaces = (question: string): Set<string> => {
    const words = foldText(question).split(/[^\p{L}]+/u);
    const out = new Set<string>();
    for (const w of words) for (const [p, id] of places) if (w.startsWith(p)) out.add(id);
    return out;
  };

  return {
    rolesOfTerm: (term) => termRoles.get(term) ?? [],
    apply(result, question) {
      if (result.hits.length < 2) return result;
      const asked = new Set<string>();
      let roleMass = 0;
      for (const c of result.concepts) {
        let isRole = false;
        for (const a of c.alts) {
          if (a.weight < 0.9 || a.terms.length !== 1) continue;
          for (const id of termRoles.get(a.terms[0] as string) ?? []) {
            isRole = true;
            for (const x of covers.get(id) ?? []) asked.add(x);
          }
        }
        if (isRole) roleMass += c.importance;
      }
      const roleShare = result.totalMass > 0 ? roleMass / result.totalMass : 0;
      const named = namedPlaces(question);
      const scoped = named.size === 0;
      if (asked.size === 0 && !scoped && result.hits.every((h) => kommuneOfEntry[h.index] === undefined)) return result;
      let changed = false;
      // Only the head can change places with the best (the factors lie between 0.68 and 1.5);
      // the tail keeps its order, which nothing reads.
      const floor = HEAD_SHARE * (result.hits[0]?.rank ?? 0);
      let end = result.hits.findIndex((h) => h.rank < floor);
      if (end < 0) end = result.hits.length;
      const hits: Hit[] = result.hits.slice(0, end).map((h) => {
        let f = 1;
        const roles = titleRoles[h.index];
        if (asked.size > 0 && roles && roles.size > 0) f *= [...roles].some((r) => asked.has(r)) ? 1 + ASKED_ROLE_LIFT * roleShare : OTHER_ROLE_FACTOR;
        if (scoped && otherKommune[h.index]) f *= OTHER_KOMMUNE_FACTOR;
        // A question about Kristiansund: Bærum's entry on the same topic is not the answer.
        const k = kommuneOfEntry[h.index];
        if (!scoped && k !== undefined && !named.has(k)) f *= NOT_NAMED_KOMMUNE_FACTOR;
        if (f === 1) return h;
        changed = true;
        return { ...h, rank: h.rank * f };
      });
      if (!changed) return result;
      hits.sort((a, b) => b.rank - a.rank || b.coverage - a.coverage || a.entry.id.localeCompare(b.entry.id));
      for (let i = end; i < result.hits.length; i++) hits.push(result.hits[i] as Hit);
      return { ...result, hits };
    },
  };
}
