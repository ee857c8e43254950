/** The search index's shapes: an entry's match (`Hit`), a weighted query concept, a result and the index. */
import type { KnowledgeEntry } from '../knowledge.js';
import type { Analyzer, Concept } from './analyzer.js';

/** One entry's match to a question. */
export interface Hit {
  entry: KnowledgeEntry;
  index: number;
  /** BM25F score summed over concepts. */
  score: number;
  /** What hits are ordered by: the score, nudged up by coverage (a broad match beats a narrow one). */
  rank: number;
  /** Share (0..1) of the question's IDF-weighted content that this entry matches. */
  coverage: number;
  /** Number of concepts matched with at least half credit. */
  matched: number;
  /** IDF-weighted mass matched (the numerator of coverage). */
  matchedMass: number;
  /** Names (places, agreements) the question mentions that this entry lacks. */
  facetMisses: number;
  /** Share (0..1) of the asking sentence's weighted content matched (the story left out); only for a message with a story. */
  askedCoverage?: number;
}

/** A concept of the question with its weight in the coverage sum. */
export interface WeightedConcept extends Concept {
  importance: number;
  /** Number of entries the concept matches. */
  df: number;
  /** True for a word of the story around the question, not of the question itself. */
  context?: boolean;
}

export interface SearchResult {
  concepts: WeightedConcept[];
  /** Sum of concept importances (the denominator of coverage). */
  totalMass: number;
  /** Entries with any match, best first. */
  hits: Hit[];
}

export interface SearchIndex {
  readonly entries: readonly KnowledgeEntry[];
  readonly analyzer: Analyzer;
  /** Stem → (entry index → BM25F pseudo-frequency). */
  readonly postings: ReadonlyMap<string, ReadonlyMap<number, number>>;
  /** Stem → entries whose title has it: what an entry is about, not just mentions. */
  readonly titlePostings: ReadonlyMap<string, ReadonlySet<number>>;
  /** Pairs of adjacent content words («pedagogisk kompetanse», «nærmeste leder») as "stem stem". */
  readonly bigrams: ReadonlySet<string>;
  idf(df: number): number;
}
