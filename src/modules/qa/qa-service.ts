import { join } from 'node:path';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/dates.js';
import type { Store } from '../../storage/ports/store.js';
import type { KommuneProfile } from '../kommune/profile.js';
import { createAnswerer, loadGlossary, loadSynonyms } from './answer.js';
import { existsSync } from 'node:fs';
import { emptyGlossary } from './search/glossary.js';
import { type KnowledgeBase, loadKnowledgeBase } from './knowledge.js';
import { type PresentedAnswer, presentEntry, presentResult } from './present.js';

export interface QaService {
  readonly kb: KnowledgeBase;
  /** Answers a free-text question. Pure and synchronous: no I/O on the answer path. */
  ask(question: string): PresentedAnswer;
  /** Shows one entry by id (a «Mente du …?» click); undefined for an unknown id. */
  show(entryId: string, question?: string): PresentedAnswer | undefined;
  /** Stores «Var dette nyttig?»; one record per answer card and user, a second click replaces it. */
  recordFeedback(input: { answerId: string; entryId: string; helpful: boolean; userId: string }): Promise<'saved' | 'unknown-entry'>;
}

/**
 * Loads and validates the knowledge base and synonyms from the content folder (throws on invalid content).
 * `kommune`: the municipality answers are presented for (scope labels and order, system names; qa/scope.ts).
 */
export function loadQaContent(contentDir: string, knowledgeDir = join(contentDir, 'knowledge'), kommune?: KommuneProfile) {
  const kb: KnowledgeBase = { ...loadKnowledgeBase(knowledgeDir, join(contentDir, 'documents.yml')), ...(kommune ? { kommune } : {}) };
  const synonyms = loadSynonyms(join(contentDir, 'synonyms.yml'));
  const glossaryFile = join(contentDir, 'glossary-en.yml');
  const glossary = existsSync(glossaryFile) ? loadGlossary(glossaryFile) : emptyGlossary();
  return { kb, answerer: createAnswerer(kb, synonyms, glossary) };
}

export function createQaService(deps: {
  content: ReturnType<typeof loadQaContent>;
  store: Store;
  clock: Clock;
  hrContact: string;
  logger: Logger;
}): QaService {
  const { kb, answerer } = deps.content;
  const log = deps.logger.child('qa');
  return {
    kb,
    ask(question) {
      const result = answerer.answer(question);
      // Ids and numbers only: the question itself is never logged.
      log.info(
        { answered: result.answered, level: result.level, language: result.language, outOfScope: result.outOfScope !== undefined, entryId: result.entry?.id, alternatives: result.alternatives.length, confidence: Number(result.confidence.toFixed(3)) },
        'qa.answer',
      );
      return presentResult(kb, result, deps.hrContact);
    },
    show(entryId, question = '') {
      const entry = kb.byId.get(entryId);
      return entry ? presentEntry(kb, entry, question) : undefined;
    },
    async recordFeedback({ answerId, entryId, helpful, userId }) {
      if (!kb.byId.has(entryId)) return 'unknown-entry';
      await deps.store.feedback.upsert({
        id: `${answerId}:${userId}`,
        entryId,
        helpful,
        userId,
        createdAt: deps.clock.now().toISOString(),
      });
      log.info({ entryId, helpful }, 'qa.feedback');
      return 'saved';
    },
  };
}
