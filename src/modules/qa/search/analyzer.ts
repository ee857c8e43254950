/**
 * Turns text into index terms (content side) and a question into weighted "concepts"
 * (query side). Both sides share the same pipeline — fold, tokenise, map nynorsk/dialect
 * words, stem — so a form written either way meets itself. The query side adds what a
 * question needs and the content does not: synonym/abbreviation groups, spelling variants,
 * compound splitting and typo correction, each only towards words the index knows.
 */
import { splitCompound, type PartLexicon } from './compounds.js';
import {
  MAX_QUERY_CHARS,
  MAX_QUERY_TOKENS,
  STOP_WORDS,
  WEAK_WORDS,
  isAbbreviation,
  isStopWord,
  tokenize,
  type Token,
} from './normalize.js';
import { spellingVariants, TypoDictionary } from './spelling.js';
import { stem } from './stem.js';
import type { SynonymTable } from './synonyms.js';

/** One way of matching a concept: all `terms` (stems) should occur; `weight` ≤ 1 discounts guesses. */
export interface Alternative {
  terms: string[];
  weight: number;
}

/** How a query word was understood; used for weights, tests and debugging. */
export type ConceptKind = 'exact' | 'synonym' | 'variant' | 'compound' | 'typo' | 'number' | 'unknown';

/** A unit of meaning in the question: one word, or a phrase matched by a synonym group. */
export interface Concept {
  /** The question's own words for it (folded). */
  label: string;
  kind: ConceptKind;
  /** Empty when the word is unknown to the knowledge base. */
  alts: Alternative[];
  /** Multiplier on the concept's weight: below 1 for words that mostly frame a question. */
  factor: number;
  /**
   * A proper name or abbreviation the content writes capitalised (Bærum, Kristiansund, HTA):
   * it names what the question is about, so entries without it rank lower.
   */
  facet?: boolean;
}

/** Weight of a framing word ({@link WEAK_WORDS}) relative to a content word. */
export const WEAK_FACTOR = 0.35;
/** Longest word given spelling, compound and typo treatment. */
export const MAX_WORD_LENGTH = 40;
/** Most words per question that get the full (costly) treatment for words the index lacks. */
export const MAX_UNKNOWN_WORDS = 12;
/** Weight of a framing word the content does not even contain. */
export const WEAK_UNKNOWN_FACTOR = 0.1;
const WEAK_STEMS: ReadonlySet<string> = new Set(WEAK_WORDS.map((w) => stem(w)));

/** 1, or the framing-word factor when `word` is a framing word (known or not to the index). */
function weakFactor(word: string, known: boolean): number {
  if (!WEAK_STEMS.has(stem(word))) return 1;
  return known ? WEAK_FACTOR : WEAK_UNKNOWN_FACTOR;
}

/**
 * «Hvilke spørsmål …», «konkrete spørsmål»: a framing word that is what the question asks for is
 * a topic word (the leader wants questions to ask), not framing as in «Jeg har et spørsmål om …».
 */
const ASKED_FOR = new Set(['hvilke', 'hvilken', 'hvilket', 'konkrete', 'gode', 'relevante', 'aktuelle', 'typiske', 'eksempler', 'eksempel', 'forslag', 'kva', 'which', 'what', 'good']);
const ASKED_OBJECTS = new Set(['spørsmål', 'spørsmåla', 'spørsmålene', 'questions']);
function asObject(c: Concept | undefined, tokens: readonly Token[], at: number): Concept | undefined {
  if (!c || c.factor >= 1 || !ASKED_OBJECTS.has(tokens[at]?.text ?? '')) return c;
  for (let k = at - 1; k >= Math.max(0, at - 3); k--) {
    const w = tokens[k]?.text ?? '';
    if (ASKED_FOR.has(w)) return { ...c, factor: 1 };
  }
  return c;
}

/** What the analyzer needs to know about the index vocabulary. */
export interface Vocabulary {
  /** True when the stem occurs in some entry. */
  hasTerm(term: string): boolean;
  /** True when some entry contains all these stems. */
  cooccur(terms: string[]): boolean;
}

interface CompiledPhrase {
  group: number;
  /** Stems of all tokens, stop words included, for matching in the question. */
  seq: string[];
  /** Stems used for scoring (stop words removed unless nothing else is left). */
  terms: string[];
  /** Raw spelling that must match exactly (short upper-case abbreviations that are also common words). */
  exactRaw?: string;
}

/** Mapped tokens: nynorsk/dialect words replaced by their bokmål form(s). */
export function mapWords(tokens: Token[], words: Map<string, string>): Token[] {
  if (words.size === 0) return tokens;
  const out: Token[] = [];
  for (const t of tokens) {
    const to = t.numeric ? undefined : words.get(t.text);
    if (to === undefined) {
      out.push(t);
      continue;
    }
    for (const m of tokenize(to)) out.push({ text: m.text, raw: t.raw, numeric: m.numeric });
  }
  return out;
}

/** Index terms of a stretch of content text, with the weight each occurrence adds. */
export interface TermOccurrence {
  term: string;
  weight: number;
}

export class Analyzer {
  private readonly phrasesByFirst = new Map<string, CompiledPhrase[]>();
  private readonly groupAlts: Alternative[][] = [];
  private readonly singleStemGroup = new Map<string, number>();
  private vocab: Vocabulary = { hasTerm: () => false, cooccur: () => false };
  private surface = new Map<string, number>();
  private standaloneStems = new Set<string>();
  private properNouns: ReadonlySet<string> = new Set();
  private typos = new TypoDictionary(new Map());
  private stemTypos = new TypoDictionary(new Map());
  /** Stop words only: a misspelt filler word is dropped even when its stem looks like content. */
  private readonly stopTypos = new TypoDictionary(new Map([...STOP_WORDS].filter((w) => w.length >= 6).map((w) => [w, 1])));
  private readonly splitCache = new Map<string, string[] | null>();
  private readonly partCache = new Map<string, string | null>();
  private readonly wordCache = new Map<string, Concept | null>();
  /** Spelling variants of compound parts: on for questions, off while indexing (speed). */
  private partVariants = false;
  private readonly lexicon: PartLexicon;

  constructor(readonly synonyms: SynonymTable) {
    synonyms.groups.forEach((group, gi) => {
      const alts: Alternative[] = [];
      for (const phrase of group) {
        const tokens = mapWords(tokenize(phrase), synonyms.words);
        if (tokens.length === 0) continue;
        const seq = tokens.map((t) => stem(t.text));
        const content = tokens.filter((t) => !isStopWord(t.text)).map((t) => stem(t.text));
        const terms = content.length ? content : seq;
        const first = tokens[0] as Token;
        const exactRaw =
          tokens.length === 1 && isStopWord(first.text) && /^\p{Lu}+$/u.test(first.raw) ? first.raw : undefined;
        const compiled: CompiledPhrase = { group: gi, seq, terms, ...(exactRaw ? { exactRaw } : {}) };
        const key = seq[0] as string;
        let list = this.phrasesByFirst.get(key);
        if (!list) this.phrasesByFirst.set(key, (list = []));
        list.push(compiled);
        if (!alts.some((a) => a.terms.join(' ') === terms.join(' '))) alts.push({ terms, weight: 1 });
        if (seq.length === 1 && !exactRaw && !isStopWord(first.text)) this.singleStemGroup.set(seq[0] as string, gi);
      }
      this.groupAlts.push(alts);
    });
    for (const list of this.phrasesByFirst.values()) list.sort((a, b) => b.seq.length - a.seq.length);
    this.lexicon = {
      resolveHead: (part) => this.resolvePart(part, false),
      resolveTail: (part) => this.resolvePart(part, true),
    };
  }

  /**
   * Gives the analyzer the vocabulary of the content: surface words with frequencies (for
   * compound parts and typo correction) and the index itself (for "is this stem known").
   */
  setVocabulary(surface: Map<string, number>, vocab: Vocabulary, properNouns: ReadonlySet<string> = new Set()): void {
    this.surface = surface;
    this.vocab = vocab;
    this.properNouns = properNouns;
    this.standaloneStems = new Set([...surface.keys()].map((w) => stem(w)));
    const typoWords = new Map(surface);
    for (const w of this.synonyms.words.keys()) typoWords.set(w, (typoWords.get(w) ?? 0) + 1);
    // Stop words too, so a misspelt filler word ("egentli") is recognised and dropped.
    for (const w of STOP_WORDS) typoWords.set(w, (typoWords.get(w) ?? 0) + 1000);
    for (const w of WEAK_WORDS) typoWords.set(w, (typoWords.get(w) ?? 0) + 1);
    this.typos = new TypoDictionary(typoWords);
    this.stemTypos = new TypoDictionary(new Map([...this.standaloneStems].map((st) => [st, 1])));
    this.splitCache.clear();
    this.partCache.clear();
    this.wordCache.clear();
  }

  /** A known word: in the content as written, or as a stem (skole- ~ skolen, barnehage- ~ barnehagen). */
  private knownWord(p: string, tail: boolean): boolean {
    if (isStopWord(p)) return false;
    if (this.surface.has(p) || this.standaloneStems.has(p)) return true;
    if (p.length < 4) return false;
    if (!tail) return p.endsWith('e') && this.standaloneStems.has(p.slice(0, -1));
    return this.standaloneStems.has(stem(p));
  }

  private resolvePart(part: string, tail: boolean): string | undefined {
    if (this.knownWord(part, tail)) return part;
    const mapped = this.synonyms.words.get(part);
    if (mapped && !mapped.includes(' ') && this.knownWord(mapped, tail)) return mapped;
    if (part.length < 5 || !this.partVariants) return undefined;
    const key = `${tail ? 't' : 'h'}:${part}`;
    const hit = this.partCache.get(key);
    if (hit !== undefined) return hit ?? undefined;
    let out: string | undefined;
    for (const v of spellingVariants(part, tail ? 16 : 6)) {
      if (this.knownWord(v, tail)) {
        out = v;
        break;
      }
    }
    if (this.partCache.size < 100_000) this.partCache.set(key, out ?? null);
    return out;
  }

  /**
   * Splits a word into known parts (resolved spellings), or undefined. Cached. `variants`
   * also accepts nynorsk/dialect spellings of the parts (vernepleiar-kompetanse).
   */
  split(word: string, variants = false): string[] | undefined {
    const ck = `${variants ? 'v' : ''}:${word}`;
    const hit = this.splitCache.get(ck);
    if (hit !== undefined) return hit ?? undefined;
    let parts: string[] | undefined;
    if (word.length >= 6) {
      // Plain spellings first; the (much costlier) nynorsk variants of parts only if that fails.
      parts = variants ? this.split(word, false) : splitCompound(word, this.lexicon);
      if (!parts && variants) {
        this.partVariants = true;
        parts = splitCompound(word, this.lexicon);
        this.partVariants = false;
      }
    }
    if (this.splitCache.size < 50_000) this.splitCache.set(ck, parts ?? null);
    return parts;
  }

  /** Content tokens of a text: folded, nynorsk/dialect words mapped, stop words removed. */
  contentTokens(text: string): Token[] {
    return mapWords(tokenize(text), this.synonyms.words).filter((t) => !isStopWord(t.text) || isAbbreviation(t));
  }

  /**
   * Terms for content tokens: the stem of each word (weight 1) and, for compounds, the stems of
   * their parts (weight `partWeight`) so "styrer i barnehage" also finds "barnehagestyrer".
   * Call after {@link setVocabulary} for compound parts; before, only whole words are produced.
   */
  contentTerms(tokens: Token[], partWeight = 0.5): TermOccurrence[] {
    const out: TermOccurrence[] = [];
    for (const t of tokens) {
      const s = t.numeric ? t.text : stem(t.text);
      out.push({ term: s, weight: 1 });
      if (t.numeric || t.text.length < 7) continue;
      const parts = this.split(t.text);
      if (!parts) continue;
      for (const p of parts) {
        const ps = stem(p);
        if (ps !== s) out.push({ term: ps, weight: partWeight });
      }
    }
    return out;
  }

  /** The folded words of a text with nynorsk/dialect forms mapped to bokmål (stop words kept). */
  mapped(text: string): string[] {
    return mapWords(tokenize(text.slice(0, MAX_QUERY_CHARS), MAX_QUERY_TOKENS), this.synonyms.words)
      .filter((t) => !t.numeric)
      .map((t) => t.text);
  }

  /** Understands a question as a list of concepts (deduplicated, in order). */
  analyze(question: string): Concept[] {
    const tokens = mapWords(tokenize(question.slice(0, MAX_QUERY_CHARS), MAX_QUERY_TOKENS), this.synonyms.words);
    const stems = tokens.map((t) => (t.numeric ? t.text : stem(t.text)));
    // Upper-case stop words are abbreviations (HA, MU), unless the whole question is shouted.
    const letters = question.replace(/[^\p{L}]/gu, '');
    const abbreviations = letters.replace(/[^\p{Lu}]/gu, '').length < 0.5 * letters.length;
    const concepts: Concept[] = [];
    const seen = new Set<string>();
    const push = (c: Concept | undefined): void => {
      if (!c) return;
      // The word itself names something (Bærum, HTA); a synonym that is an abbreviation («tillitsvalgt»
      // ~ TV) does not make a common word a name.
      const own = c.alts.some((a) => a.weight >= 1) ? c.alts.filter((a) => a.weight >= 1) : c.alts;
      if (own.some((a) => a.weight >= 0.9 && a.terms.length === 1 && this.properNouns.has(a.terms[0] as string))) {
        c.facet = true;
      }
      const key = c.alts.length ? c.alts.map((a) => a.terms.join('+')).sort().join('|') : `?${c.label}`;
      if (seen.has(key)) return;
      seen.add(key);
      concepts.push(c);
    };
    // Unknown words cost the most (variants, compounds, typos): bound them per question so
    // junk input stays fast; a real question has only a few.
    const budget = { unknown: MAX_UNKNOWN_WORDS };
    let i = 0;
    while (i < tokens.length) {
      const phrase = this.matchPhrase(tokens, stems, i);
      if (phrase) {
        const label = tokens
          .slice(i, i + phrase.seq.length)
          .map((t) => t.text)
          .join(' ');
        push({ label, kind: 'synonym', alts: this.altsForGroup(phrase.group, phrase.terms), factor: 1 });
        i += phrase.seq.length;
        continue;
      }
      const t = tokens[i] as Token;
      i++;
      if (t.numeric) {
        push({
          label: t.text,
          kind: 'number',
          alts: this.vocab.hasTerm(t.text) ? [{ terms: [t.text], weight: 1 }] : [],
          factor: 1,
        });
        continue;
      }
      if (isStopWord(t.text) && !(abbreviations && isAbbreviation(t))) continue;
      push(asObject(this.resolveCached(t.text, budget), tokens, i - 1));
    }
    return concepts;
  }

  private matchPhrase(tokens: Token[], stems: string[], i: number): CompiledPhrase | undefined {
    const list = this.phrasesByFirst.get(stems[i] as string);
    if (!list) return undefined;
    for (const p of list) {
      if (i + p.seq.length > stems.length) continue;
      let ok = true;
      for (let k = 0; k < p.seq.length && ok; k++) ok = stems[i + k] === p.seq[k];
      if (ok && p.exactRaw && tokens[i]?.raw !== p.exactRaw) ok = false;
      if (ok) return p;
    }
    return undefined;
  }

  private altsForGroup(group: number, matched: string[]): Alternative[] {
    const key = matched.join(' ');
    return (this.groupAlts[group] ?? [])
      .filter((a) => a.terms.every((t) => this.vocab.hasTerm(t)) || a.terms.join(' ') === key)
      .map((a) => ({ terms: a.terms, weight: a.terms.join(' ') === key ? 1 : 0.9 }));
  }

  /** Single-word synonym groups reached after spelling resolution (e.g. a typo of an abbreviation). */
  private withGroup(term: string, alts: Alternative[]): { alts: Alternative[]; synonym: boolean } {
    const g = this.singleStemGroup.get(term);
    if (g === undefined) return { alts, synonym: false };
    const factor = alts[0]?.weight ?? 1;
    const merged = this.altsForGroup(g, [term]).map((a) => ({ terms: a.terms, weight: a.weight * factor }));
    for (const a of alts.slice(1)) merged.push(a);
    return { alts: merged, synonym: true };
  }

  /** {@link resolveWord} with a per-analyzer cache (results are copied: callers may set `factor`). */
  private resolveCached(word: string, budget: { unknown: number }): Concept | undefined {
    // No Norwegian word is this long; treat it as junk without the costly lookups.
    if (word.length > MAX_WORD_LENGTH) return { label: word.slice(0, MAX_WORD_LENGTH), kind: 'unknown', alts: [], factor: 1 };
    let hit = this.wordCache.get(word);
    if (hit === undefined) {
      if (!this.vocab.hasTerm(stem(word)) && budget.unknown-- <= 0) return { label: word, kind: 'unknown', alts: [], factor: 1 };
      hit = this.resolveWord(word, 0) ?? null;
      if (this.wordCache.size < 50_000) this.wordCache.set(word, hit);
    }
    return hit ? { ...hit, alts: hit.alts } : undefined;
  }

  private resolveWord(word: string, depth: number): Concept | undefined {
    const s = stem(word);
    // A misspelt filler word whose stem happens to be a content word (egnetlig → "egnet").
    if (depth === 0 && word.length >= 6 && !this.surface.has(word) && this.stopTypos.correct(word) !== undefined) return undefined;
    if (this.vocab.hasTerm(s)) {
      const alts: Alternative[] = [{ terms: [s], weight: 1 }];
      const parts = word.length >= 8 ? this.split(word, true) : undefined;
      if (parts) alts.push({ terms: parts.map(stem), weight: 0.8 });
      // A nynorsk form the content has only in a few nynorsk example questions («årlege»,
      // «tilsetjing»): its bokmål spelling, which the entries themselves use, counts too.
      if (depth === 0 && word.length >= 5) {
        for (const v of spellingVariants(word, 12)) {
          const vs = stem(v);
          if (vs !== s && !isStopWord(v) && this.vocab.hasTerm(vs)) {
            alts.push({ terms: [vs], weight: 0.95 });
            break;
          }
        }
      }
      const g = this.withGroup(s, alts);
      return { label: word, kind: g.synonym ? 'synonym' : 'exact', alts: g.alts, factor: weakFactor(word, true) };
    }
    if (this.singleStemGroup.has(s)) {
      const g = this.withGroup(s, [{ terms: [s], weight: 1 }]);
      if (g.alts.length) return { label: word, kind: 'synonym', alts: g.alts, factor: 1 };
    }
    const variants = spellingVariants(word);
    for (const v of variants) {
      if (isStopWord(v)) return undefined;
      const vs = stem(v);
      if (this.vocab.hasTerm(vs)) {
        const g = this.withGroup(vs, [{ terms: [vs], weight: 0.95 }]);
        return { label: word, kind: 'variant', alts: g.alts, factor: weakFactor(v, true) };
      }
    }
    // A compound of known parts. Trusted at once when two parts that occur together in some
    // entry; a longer or never-seen combination is more often a typo, so that is tried first.
    const parts = this.split(word, true);
    const compound: Concept | undefined =
      parts && parts.every((p) => this.vocab.hasTerm(stem(p)))
        ? { label: word, kind: 'compound', alts: [{ terms: parts.map(stem), weight: 0.85 }], factor: 1 }
        : undefined;
    if (compound && parts?.length === 2 && this.vocab.cooccur(compound.alts[0]?.terms ?? [])) return compound;
    if (depth === 0) {
      // A typo, possibly in a nynorsk/dialect spelling: try the word, its bokmål variants, then
      // its stem against the stems of the index (vijonen → visjon, an inflection the content lacks).
      let fixed = this.typos.correct(word);
      for (let k = 0; fixed === undefined && k < Math.min(variants.length, 6); k++) fixed = this.typos.correct(variants[k] as string);
      if (fixed === undefined && s.length >= 5) {
        const fixedStem = this.stemTypos.correct(s);
        if (fixedStem !== undefined) {
          return { label: word, kind: 'typo', alts: [{ terms: [fixedStem], weight: 0.8 }], factor: weakFactor(fixedStem, true) };
        }
      }
      if (fixed !== undefined) {
        if (isStopWord(fixed)) return undefined;
        const mapped = this.synonyms.words.get(fixed);
        if (mapped !== undefined && mapped.split(' ').every(isStopWord)) return undefined;
        const target = mapped && !mapped.includes(' ') ? mapped : fixed;
        const c = this.resolveWord(target, 1);
        if (c && c.alts.length) {
          return {
            label: word,
            kind: 'typo',
            alts: c.alts.map((a) => ({ terms: a.terms, weight: a.weight * 0.8 })),
            factor: weakFactor(target, true),
          };
        }
        // Understood, but the knowledge base does not have it: still a framing word if weak.
        if (!compound) return { label: word, kind: 'unknown', alts: [], factor: weakFactor(target, false) };
      }
    }
    return compound ?? { label: word, kind: 'unknown', alts: [], factor: weakFactor(word, false) };
  }
}
