/**
 * Spelling tolerance: regular nynorsk/dialect → bokmål spelling variants, and typo correction
 * by edit distance against the vocabulary of the knowledge base. Both only propose words the
 * knowledge base (or the stop-word list) actually contains, so they never invent a match.
 */

/**
 * Substring rewrites from nynorsk and common dialect spellings to bokmål. Applied to whole
 * words and to compound parts; a variant is used only if the vocabulary knows it.
 * Order matters little: every single rewrite and every pair of rewrites is tried.
 */
const REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  [/leiar/g, 'leder'], // leiar, einingsleiar → leder
  [/ei/g, 'e'], // heiltid, fleire, meir
  [/å/g, 'a'], // oppgåve, fråvær
  [/sju/g, 'sy'], // sjuk, sjukepleiar
  [/iar/g, 'ier'], // vernepleiar, medarbeidar (via dar → der below)
  [/ar(?=[^aeiouyæøå]|$)/g, 'er'], // lærar, søkjar, medarbeidarsamtale
  [/arar$/g, 'ere'],
  [/arane$/g, 'erne'],
  [/ane$/g, 'ene'],
  [/ande$/g, 'ende'],
  [/ast$/g, 'es'], // rapporterast → rapporteres
  [/leg(e?)$/g, 'lig$1'], // halvårleg → halvårlig
  [/inga$/g, 'ingen'], // vurderinga → vurderingen
  [/a$/g, 'en'], // oppgåva, planen (fem. definite)
  [/løn(?!n)/g, 'lønn'], // løn, lønspolitikk
  [/saman/g, 'sammen'], // samanheng, samanlikna
  [/valting/g, 'valtning'], // forvaltingslova, forvalting
  [/kj/g, 'k'], // ikkje, søkjar
  [/gj(?=[eø])/g, 'g'],
  [/ae/g, 'æ'], // keyboards without æøå
  [/oe/g, 'ø'],
  [/aa/g, 'å'],
];

/**
 * Spelling variants of a folded word (not including the word itself): each single rewrite,
 * then each pair of rewrites. Bounded: at most `limit` variants.
 */
export function spellingVariants(word: string, limit = 40): string[] {
  const key = `${limit}:${word}`;
  const hit = variantCache.get(key);
  if (hit) return hit;
  const result = computeVariants(word, limit);
  if (variantCache.size < 50_000) variantCache.set(key, result);
  return result;
}

const variantCache = new Map<string, string[]>();

function computeVariants(word: string, limit: number): string[] {
  const out = new Set<string>();
  const first: string[] = [];
  for (const [re, to] of REWRITES) {
    re.lastIndex = 0;
    if (!re.test(word)) continue;
    re.lastIndex = 0;
    const v = word.replace(re, to);
    if (v !== word && v.length >= 2 && !out.has(v)) {
      out.add(v);
      first.push(v);
    }
  }
  for (const v of first) {
    if (out.size >= limit) break;
    for (const [re, to] of REWRITES) {
      re.lastIndex = 0;
      if (!re.test(v)) continue;
      re.lastIndex = 0;
      const w = v.replace(re, to);
      if (w !== word && w.length >= 2) out.add(w);
      if (out.size >= limit) break;
    }
  }
  return [...out];
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), bounded:
 * returns `max + 1` as soon as the distance is known to exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (a === b) return 0;
  let prevPrev = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        d = Math.min(d, (prevPrev[j - 2] as number) + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] as number;
}

/** Largest edit distance accepted as a typo for a word of this length. */
export function typoBudget(length: number): number {
  if (length < 5) return 0;
  if (length < 10) return 1;
  return 2;
}

/**
 * Typo lookup against a fixed word list. Candidates must share the first letter and be within
 * {@link typoBudget}; among equal distances the more frequent word wins.
 */
export class TypoDictionary {
  /** First letter + length → words, so a lookup only visits plausible candidates. */
  private readonly buckets = new Map<string, { word: string; freq: number }[]>();
  private readonly cache = new Map<string, string | null>();

  constructor(words: Map<string, number>) {
    for (const [word, freq] of words) {
      if (word.length < 4) continue;
      const key = `${word[0]}${word.length}`;
      let list = this.buckets.get(key);
      if (!list) this.buckets.set(key, (list = []));
      list.push({ word, freq });
    }
  }

  /** The closest known word, or undefined when none is close enough. */
  correct(word: string): string | undefined {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.search(word);
    if (this.cache.size < 20_000) this.cache.set(word, result ?? null);
    return result;
  }

  private search(word: string): string | undefined {
    const max = typoBudget(word.length);
    if (max === 0) return undefined;
    let best: { word: string; freq: number } | undefined;
    let bestD = max + 1;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const cand of this.buckets.get(`${word[0]}${len}`) ?? []) {
      // A two-edit correction is only trusted for long candidates as well.
        const allowed = Math.min(max, typoBudget(cand.word.length));
        const d = editDistance(word, cand.word, allowed);
        if (d > allowed) continue;
        if (d < bestD || (d === bestD && best && cand.freq > best.freq)) {
          best = cand;
          bestD = d;
        }
      }
    }
    return bestD <= max ? best?.word : undefined;
  }
}
