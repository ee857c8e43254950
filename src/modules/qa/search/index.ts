/**
 * `search()` over the index (built in ./build.ts): BM25F over the fields title, tags, summary, body,
 * source and examples, scored per query concept; plus, for the decline decision, how much of the
 * question's IDF-weighted content each entry covers.
 */
import type { KnowledgeEntry } from '../knowledge.js';
import type { Concept } from './analyzer.js';
import { K1 } from './build.js';
import type { Hit, SearchIndex, SearchResult, WeightedConcept } from './types.js';

export { Analyzer } from './analyzer.js';
export type { Alternative, Concept, ConceptKind } from './analyzer.js';
export { loadSynonymFile, parseSynonyms, emptySynonyms, SynonymLoadError, type SynonymTable } from './synonyms.js';
export { buildIndex } from './build.js';
export type { Hit, SearchIndex, SearchResult, WeightedConcept } from './types.js';

/** Score multiplier for an entry lacking a name the question mentions (per name). */
const FACET_PENALTY = 0.7;
/** How much coverage lifts the ranking: rank = score × (1 + this × coverage). */
const RANK_COVERAGE_WEIGHT = 0.5;
/**
 * How much an entry's title stating the question's words lifts the ranking: between two entries
 * that both mention a topic, the one about it wins (rank also × (1 + this × title share)).
 */
const TITLE_RANK_WEIGHT = 0.4;
/** Coverage multiplier for an entry lacking a name the question mentions (per name). */
const FACET_COVERAGE_PENALTY = 0.8;

/**
 * Weight of a question word no entry contains, as a share of the IDF such a word would have.
 * Full weight: a topic the content never mentions (overtid, sykepenger) is the best sign that
 * the knowledge base does not answer the question.
 */
const UNKNOWN_IMPORTANCE = 1.0;
/** Numbers matter less than words for coverage (a year or an amount is often incidental). */
const NUMBER_IMPORTANCE_CAP = 1.5;

/** Entries that contain every term of an alternative. */
function altDocs(index: SearchIndex, terms: string[]): Set<number> {
  let docs: Set<number> | undefined;
  for (const t of terms) {
    const p = index.postings.get(t);
    if (!p) return new Set();
    if (!docs) docs = new Set(p.keys());
    else for (const d of docs) if (!p.has(d)) docs.delete(d);
  }
  return docs ?? new Set();
}

/** Scratch marks for counting entries without allocating a Set per concept (one query at a time). */
let marks = new Uint32Array(0);
let epoch = 0;

/** Number of entries that contain every term of at least one of `alts`. */
function unionSize(index: SearchIndex, alts: readonly { terms: string[] }[]): number {
  const n = index.entries.length;
  if (marks.length < n) marks = new Uint32Array(n);
  if (++epoch === 0xffffffff) {
    marks.fill(0);
    epoch = 1;
  }
  let count = 0;
  for (const a of alts) {
    const lists: ReadonlyMap<number, number>[] = [];
    let ok = true;
    for (const t of a.terms) {
      const p = index.postings.get(t);
      if (!p) {
        ok = false;
        break;
      }
      lists.push(p);
    }
    if (!ok || lists.length === 0) continue;
    lists.sort((x, y) => x.size - y.size);
    const [first, ...rest] = lists as [ReadonlyMap<number, number>, ...ReadonlyMap<number, number>[]];
    for (const doc of first.keys()) {
      if (marks[doc] === epoch) continue;
      if (rest.every((l) => l.has(doc))) {
        marks[doc] = epoch;
        count++;
      }
    }
  }
  return count;
}

/** Weighs the concepts of a question: importance = IDF of the entries the concept matches. */
export function weighConcepts(index: SearchIndex, concepts: Concept[]): WeightedConcept[] {
  return concepts.map((c) => {
    // How rare the concept is, judged by its sure alternatives (the word itself, synonyms);
    // a compound-part guess only counts when nothing surer exists.
    const sure = c.alts.filter((a) => a.weight >= 0.9);
    const df = unionSize(index, sure.length ? sure : c.alts);
    let importance: number;
    if (c.kind === 'number') importance = df ? Math.min(index.idf(df), NUMBER_IMPORTANCE_CAP) : NUMBER_IMPORTANCE_CAP * 0.7;
    // No entry has the whole concept (unknown word, or compound parts never together): unknown.
    else if (df === 0) importance = index.idf(0) * UNKNOWN_IMPORTANCE;
    else importance = index.idf(df);
    return { ...c, importance: importance * c.factor, df };
  });
}

/**
 * A term's postings as arrays, in the map's order, with each entry's BM25 contribution
 * (idf × saturated frequency, the same expression searchConcepts summed per query) computed once.
 * Derived from the index, which never changes after buildIndex; nothing here depends on a question.
 */
interface PostingList {
  docs: Int32Array;
  contributions: Float64Array;
}
const postingLists = new WeakMap<ReadonlyMap<number, number>, PostingList>();
function postingList(index: SearchIndex, p: ReadonlyMap<number, number>): PostingList {
  let list = postingLists.get(p);
  if (!list) {
    const idf = index.idf(p.size);
    list = { docs: new Int32Array(p.size), contributions: new Float64Array(p.size) };
    let i = 0;
    for (const [doc, x] of p) {
      list.docs[i] = doc;
      list.contributions[i] = (idf * x * (K1 + 1)) / (x + K1);
      i++;
    }
    postingLists.set(p, list);
  }
  return list;
}

/** Each entry's place in the localeCompare order of the entry ids (the ranking's last tie-break). */
const idOrders = new WeakMap<readonly KnowledgeEntry[], Int32Array>();
function entryIdOrder(entries: readonly KnowledgeEntry[]): Int32Array {
  let order = idOrders.get(entries);
  if (!order) {
    const byId = entries.map((e, i) => i).sort((a, b) => (entries[a] as KnowledgeEntry).id.localeCompare((entries[b] as KnowledgeEntry).id));
    order = new Int32Array(entries.length);
    // Equal ids (never in a valid knowledge base) share a place, as localeCompare would tie them.
    byId.forEach((doc, place) => {
      const prev = byId[place - 1];
      (order as Int32Array)[doc] = prev !== undefined && (entries[prev] as KnowledgeEntry).id.localeCompare((entries[doc] as KnowledgeEntry).id) === 0 ? ((order as Int32Array)[prev] as number) : place;
    });
    idOrders.set(entries, order);
  }
  return order;
}

/**
 * Per-entry scratch arrays of searchConcepts, made once per index size and zeroed per call instead
 * of twelve new typed arrays per search (each an off-heap buffer the garbage collector must track
 * and free: on a busy bot that churn, not the arithmetic, was most of their cost).
 * searchConcepts is synchronous, so one set serves every call.
 */
interface Scratch {
  n: number;
  score: Float64Array;
  mass: Float64Array;
  askedMass: Float64Array;
  matched: Uint16Array;
  seen: Uint8Array;
  cScore: Float64Array;
  cCredit: Float64Array;
  cSeen: Uint8Array;
  aSum: Float64Array;
  aCount: Uint8Array;
  titleMass: Float64Array;
  facetMiss: Uint8Array;
  rank: Float64Array;
  cov: Float64Array;
  /** Entry numbers (each at most once per alternative / per concept), counted by the caller. */
  local: Int32Array;
  aDocs: Int32Array;
}
let scratch: Scratch | undefined;
function scratchFor(n: number): Scratch {
  if (scratch?.n !== n) {
    scratch = {
      n,
      score: new Float64Array(n),
      mass: new Float64Array(n),
      askedMass: new Float64Array(n),
      matched: new Uint16Array(n),
      seen: new Uint8Array(n),
      cScore: new Float64Array(n),
      cCredit: new Float64Array(n),
      cSeen: new Uint8Array(n),
      aSum: new Float64Array(n),
      aCount: new Uint8Array(n),
      titleMass: new Float64Array(n),
      facetMiss: new Uint8Array(n),
      rank: new Float64Array(n),
      cov: new Float64Array(n),
      local: new Int32Array(n),
      aDocs: new Int32Array(n),
    };
  } else {
    // cScore, cCredit, cSeen, aSum and aCount are left zeroed by the loop that uses them.
    scratch.score.fill(0);
    scratch.mass.fill(0);
    scratch.askedMass.fill(0);
    scratch.matched.fill(0);
    scratch.seen.fill(0);
    scratch.titleMass.fill(0);
    scratch.facetMiss.fill(0);
  }
  return scratch;
}

/**
 * Sorts entry numbers by rank (high first), then coverage (high first), then id order: the order
 * `(a, b) => rank[b] - rank[a] || cov[b] - cov[a] || idOrder[a] - idOrder[b]` gives with a stable
 * sort. A merge sort here, because Array.prototype.sort calls a comparator for every comparison
 * and was most of a search's time (a few hundred hits each).
 */
export function sortTouched(docs: number[], rank: Float64Array, cov: Float64Array, idOrder: Int32Array): void {
  const before = (a: number, b: number): boolean => {
    const r = (rank[b] as number) - (rank[a] as number);
    if (r) return r < 0;
    const c = (cov[b] as number) - (cov[a] as number);
    if (c) return c < 0;
    return (idOrder[a] as number) < (idOrder[b] as number);
  };
  // A NaN makes the comparator inconsistent; keep whatever the built-in sort does with it.
  for (const d of docs) {
    if (Number.isNaN(rank[d]) || Number.isNaN(cov[d])) {
      docs.sort((a, b) => (rank[b] as number) - (rank[a] as number) || (cov[b] as number) - (cov[a] as number) || (idOrder[a] as number) - (idOrder[b] as number));
      return;
    }
  }
  const n = docs.length;
  let src = docs.slice();
  let dst = new Array<number>(n);
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      // Stable: on a tie the left (earlier) one goes first.
      while (i < mid && j < hi) dst[k++] = before(src[j] as number, src[i] as number) ? (src[j++] as number) : (src[i++] as number);
      while (i < mid) dst[k++] = src[i++] as number;
      while (j < hi) dst[k++] = src[j++] as number;
    }
    [src, dst] = [dst, src];
  }
  for (let i = 0; i < n; i++) docs[i] = src[i] as number;
}

/** Scores every entry that matches any concept. */
export function searchConcepts(index: SearchIndex, concepts: WeightedConcept[]): SearchResult {
  const n = index.entries.length;
  // The loops below read the concepts in one object shape: they arrive in several (with or without
  // `facet` or `context`, softened or weighted copies), and each new shape threw the optimised
  // code of this function away (dozens of times per run), leaving it slow and allocating.
  const weighed = concepts.map((c) => ({
    importance: c.importance,
    factor: c.factor,
    facet: c.facet === true,
    context: c.context === true,
    number: c.kind === 'number',
    alts: c.alts.map((a) => ({ terms: a.terms, weight: a.weight })),
  }));
  const { score, mass, askedMass, matched, seen, cScore, cCredit, cSeen, aSum, aCount, titleMass, facetMiss, rank, cov: covOf, local, aDocs } = scratchFor(n);
  let askedTotal = 0;
  const touched: number[] = [];
  // Per concept (best alternative per entry) and per alternative (sum and count over its terms):
  // entry numbers in reused buffers with a count (an array emptied with `length = 0` drops its
  // storage and grew again for every alternative: a third of a search's garbage).
  let nLocal = 0;
  let nA = 0;
  let totalMass = 0;
  for (const c of weighed) {
    totalMass += c.importance;
    if (!c.context) askedTotal += c.importance;
    if (c.alts.length === 0) continue;
    for (const alt of c.alts) {
      const k = alt.terms.length;
      for (const t of alt.terms) {
        const p = index.postings.get(t);
        if (!p) continue;
        const { docs, contributions } = postingList(index, p);
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i] as number;
          if (aCount[doc] === 0) aDocs[nA++] = doc;
          aSum[doc] = (aSum[doc] as number) + (contributions[i] as number);
          aCount[doc] = (aCount[doc] as number) + 1;
        }
      }
      for (let j = 0; j < nA; j++) {
        const doc = aDocs[j] as number;
        const frac = (aCount[doc] as number) / k;
        const sc = (alt.weight * (aSum[doc] as number)) / k;
        const cr = alt.weight * frac * frac;
        if (!cSeen[doc]) {
          cSeen[doc] = 1;
          local[nLocal++] = doc;
          cScore[doc] = sc;
          cCredit[doc] = cr;
        } else {
          if (sc > (cScore[doc] as number)) cScore[doc] = sc;
          if (cr > (cCredit[doc] as number)) cCredit[doc] = cr;
        }
        aSum[doc] = 0;
        aCount[doc] = 0;
      }
      nA = 0;
    }
    for (let j = 0; j < nLocal; j++) {
      const doc = local[j] as number;
      score[doc] = (score[doc] as number) + c.factor * (cScore[doc] as number);
      mass[doc] = (mass[doc] as number) + c.importance * (cCredit[doc] as number);
      if (!c.context) askedMass[doc] = (askedMass[doc] as number) + c.importance * (cCredit[doc] as number);
      if ((cCredit[doc] as number) >= 0.5) matched[doc] = (matched[doc] as number) + 1;
      if (!seen[doc]) {
        seen[doc] = 1;
        touched.push(doc);
      }
      cSeen[doc] = 0;
    }
    nLocal = 0;
  }
  // Title mass: the share of the question an entry's title states (the entry is about it).
  for (const c of weighed) {
    if (c.facet || c.number) continue;
    const docs = new Set<number>();
    for (const a of c.alts) {
      if (a.weight < 0.9) continue;
      // The entries whose title has every term of the alternative.
      const first = a.terms.length ? index.titlePostings.get(a.terms[0] as string) : undefined;
      if (!first) continue;
      const rest: ReadonlySet<number>[] = [];
      for (let i = 1; i < a.terms.length; i++) {
        const p = index.titlePostings.get(a.terms[i] as string);
        if (!p) break;
        rest.push(p);
      }
      if (rest.length < a.terms.length - 1) continue;
      for (const d of first) if (rest.every((p) => p.has(d))) docs.add(d);
    }
    for (const d of docs) titleMass[d] = (titleMass[d] as number) + c.importance;
  }
  for (const c of weighed) {
    if (!c.facet) continue;
    const has = new Set<number>();
    for (const a of c.alts) for (const d of altDocs(index, a.terms)) has.add(d);
    for (const doc of touched) {
      if (has.has(doc)) continue;
      score[doc] = (score[doc] as number) * FACET_PENALTY;
      facetMiss[doc] = (facetMiss[doc] as number) + 1;
    }
  }
  for (const doc of touched) {
    // An entry about another place or agreement than the one named covers less than its words say.
    const cov = totalMass > 0 ? ((mass[doc] as number) / totalMass) * FACET_COVERAGE_PENALTY ** (facetMiss[doc] as number) : 0;
    covOf[doc] = cov;
    rank[doc] = (score[doc] as number) * (1 + RANK_COVERAGE_WEIGHT * cov + TITLE_RANK_WEIGHT * (totalMass > 0 ? (titleMass[doc] as number) / totalMass : 0));
  }
  // Ties go by entry id (localeCompare order, ranked once per index: ICU compares are slow).
  // The entry numbers are sorted (typed-array reads), then the hits made in that order.
  const idOrder = entryIdOrder(index.entries);
  sortTouched(touched, rank, covOf, idOrder);
  const hits: Hit[] = [];
  const withAsked = askedTotal > 0 && askedTotal < totalMass;
  for (const doc of touched) {
    const hit: Hit = {
      entry: index.entries[doc] as KnowledgeEntry,
      index: doc,
      score: score[doc] as number,
      rank: rank[doc] as number,
      coverage: covOf[doc] as number,
      matched: matched[doc] as number,
      matchedMass: mass[doc] as number,
      facetMisses: facetMiss[doc] as number,
    };
    // Set on the hit, not spread from a temporary object made per hit.
    if (withAsked) hit.askedCoverage = ((askedMass[doc] as number) / askedTotal) * FACET_COVERAGE_PENALTY ** (facetMiss[doc] as number);
    hits.push(hit);
  }
  return { concepts, totalMass, hits };
}

/** Analyses a question and ranks the entries for it. */
export function search(index: SearchIndex, question: string): SearchResult {
  const concepts = weighConcepts(index, index.analyzer.analyze(question));
  return searchConcepts(index, concepts);
}

/** Weight of an English word the glossary could not translate and no entry contains. */
export const UNTRANSLATED_WEIGHT = 0.25;

/**
 * Most weight one word of the story can have: a rare word in a story («fått beskjed», «rekker
 * ikke», «pårørende») is more often an incidental detail than the topic, so it must not outweigh
 * the rest. 3.5 ≈ the IDF of a word in 8 of ~300 entries (measured on the public and tuning sets:
 * +2 long situational questions; 2–3 and no cap each one fewer).
 */
export const STORY_MAX_IMPORTANCE = 3.5;

/**
 * Numbers written as words in the story («ti år», «tre vikarer», «fire uker»): as incidental as digits,
 * so they weigh no more than a number does.
 */
const NUMBER_WORDS = new Set('to tre fire fem seks sju syv åtte ni ti elleve tolv femten tjue tretti førti femti hundre'.split(' '));

/** Weight of the story around the question (a long message's non-asking sentences). */
export const CONTEXT_WEIGHT = 0.35;

const conceptKey = (c: Concept): string => (c.alts.length ? c.alts.map((a) => a.terms.join('+')).sort().join('|') : `?${c.label}`);

/**
 * Analyses a question whose asking part (`focus`) is known: the story around it (`context`)
 * still counts, but for less, so the entry that answers the question beats the one that
 * matches the story. With no content words in the focus («hva gjør jeg?»), the story is the topic.
 */
export function searchFocused(index: SearchIndex, focus: string, context: string, weak: ReadonlySet<string> = new Set()): SearchResult {
  // Words of an English question the glossary did not know, and the index does not either,
  // are mostly general English (claim, reasonable): they count for little, not as a missing topic.
  const soften = (cs: WeightedConcept[]): WeightedConcept[] =>
    weak.size === 0
      ? cs
      : cs.map((c) => (c.df === 0 && weak.has(c.label) ? { ...c, factor: c.factor * UNTRANSLATED_WEIGHT, importance: c.importance * UNTRANSLATED_WEIGHT } : c));
  const fc = soften(weighConcepts(index, index.analyzer.analyze(focus)));
  if (!context.trim()) return searchConcepts(index, fc);
  const keys = new Set(fc.map(conceptKey));
  const content = fc.filter((c) => c.kind !== 'number' && c.df > 0 && c.factor >= 0.5).length;
  const w = content >= 2 ? CONTEXT_WEIGHT : content === 1 ? 0.6 : 1;
  const cc = soften(weighConcepts(index, index.analyzer.analyze(context)))
    .filter((c) => !keys.has(conceptKey(c)))
    .map((c) => ({
      ...c,
      factor: c.factor * w,
      importance: Math.min(c.importance, NUMBER_WORDS.has(c.label) ? NUMBER_IMPORTANCE_CAP : STORY_MAX_IMPORTANCE) * w,
      context: true,
      // A name in the story that no entry is about (a colleague's name) is a detail, not a facet the
      // answer must have; a municipality or agreement that titles an entry still is.
      ...(c.facet && !c.alts.some((a) => a.terms.length === 1 && index.titlePostings.has(a.terms[0] as string)) ? { facet: false } : {}),
    }));
  return searchConcepts(index, [...fc, ...cc]);
}
