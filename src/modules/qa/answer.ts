/**
 * The question-answering use case: pick the knowledge entry that answers a leader's question,
 * or decline. Used by the bot, the CLI (`npm run ask`) and the eval, so all three behave alike.
 *
 * Decision rule, in short: rank entries by BM25F; answer with the best one only when it
 * covers enough of the question's IDF-weighted content (so one shared generic word is never
 * enough) and at least two concepts when the question has several, and never with an entry
 * about another place or agreement than the one the question names; offer close runners-up as
 * «Mente du …?» alternatives; otherwise decline, offering plausible entries if there are any.
 */
import type { KnowledgeBase, KnowledgeEntry } from './knowledge.js';
import { buildIndex, search, type Hit, type SearchIndex, type SearchResult } from './search/index.js';
import { loadSynonymFile, type SynonymTable } from './search/synonyms.js';

export type { SynonymTable } from './search/synonyms.js';

export interface AnswerResult {
  question: string;
  answered: boolean;
  /** The chosen entry when answered. */
  entry?: KnowledgeEntry;
  /** «Mente du …?» candidates (0–3): close runners-up, or plausible entries when declined. */
  alternatives: { id: string; title: string }[];
  /** 0..1, for logging and tests. */
  confidence: number;
}

/** Thresholds of the decision rule (exported for tests and tuning, not for callers to change). */
export const DECISION = {
  /** Least share of the question's weighted content the chosen entry must cover. */
  minCoverage: 0.47,
  /** With three or more concepts in the question, at least this many must match. */
  minMatchedWhenLong: 2,
  /** Least BM25F score (guards against near-empty matches in a tiny knowledge base). */
  minScore: 2,
  /** A runner-up is an alternative when its score is at least this share of the best. */
  altScoreRatio: 0.8,
  /** …and it covers at least this share of the question. */
  altMinCoverage: 0.4,
  /** When declining, entries covering at least this much are offered as alternatives. */
  suggestMinCoverage: 0.35,
  maxAlternatives: 3,
} as const;

/** Reads and validates content/synonyms.yml (throws naming file and problem). */
export function loadSynonyms(file: string): SynonymTable {
  return loadSynonymFile(file);
}

function declined(question: string, alternatives: Hit[] = [], confidence = 0): AnswerResult {
  return {
    question,
    answered: false,
    alternatives: alternatives.map((h) => ({ id: h.entry.id, title: h.entry.title })),
    confidence,
  };
}

/** Applies the decision rule to a ranked search result. */
export function decide(question: string, result: SearchResult): AnswerResult {
  const { hits, concepts } = result;
  const top = hits[0];
  // Numbers alone ("12", "2018") say nothing about the topic.
  const meaningful = concepts.some((c) => c.kind !== 'number' && c.df > 0);
  if (!top || !meaningful) return declined(question);
  const needMatched = concepts.length >= 3 ? DECISION.minMatchedWhenLong : 1;
  const good = (h: Hit): boolean =>
    h.coverage >= DECISION.minCoverage && h.matched >= needMatched && h.score >= DECISION.minScore && h.facetMisses === 0;

  if (good(top)) {
    const alternatives = hits
      .slice(1)
      .filter((h) => h.rank >= DECISION.altScoreRatio * top.rank && h.coverage >= DECISION.altMinCoverage)
      .slice(0, DECISION.maxAlternatives);
    const second = hits[1];
    const closeness = second ? Math.min(1, second.rank / top.rank) : 0;
    const confidence = Math.max(0, Math.min(1, top.coverage * (1 - 0.4 * closeness)));
    return {
      question,
      answered: true,
      entry: top.entry,
      alternatives: alternatives.map((h) => ({ id: h.entry.id, title: h.entry.title })),
      confidence,
    };
  }
  const plausible = hits
    .filter((h) => h.coverage >= DECISION.suggestMinCoverage && h.matched >= Math.min(needMatched, 2))
    .slice(0, DECISION.maxAlternatives);
  return declined(question, plausible, Math.min(0.49, top.coverage * 0.5));
}

/**
 * Builds the search index once (well under a second for a few hundred entries) and returns
 * the answer function. `answer` never throws: a question it cannot use is declined.
 */
export function createAnswerer(kb: KnowledgeBase, synonyms: SynonymTable): { answer(question: string): AnswerResult } {
  const index: SearchIndex = buildIndex(kb.entries, synonyms, kb.documents);
  return {
    answer(question: string): AnswerResult {
      const q = typeof question === 'string' ? question : '';
      try {
        return decide(q, search(index, q));
      } catch {
        return declined(q);
      }
    },
  };
}
