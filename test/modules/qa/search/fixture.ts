/** The small fixture knowledge base and synonym table the search tests run against. */
import { join } from 'node:path';
import { loadKnowledgeBase } from '../../../../src/modules/qa/knowledge.js';
import { loadSynonymFile } from '../../../../src/modules/qa/search/synonyms.js';

const fixtures = join(import.meta.dirname, '../../../fixtures');

export function loadFixture() {
  const kb = loadKnowledgeBase(join(fixtures, 'knowledge'), join(fixtures, 'knowledge/documents.yml'));
  const synonyms = loadSynonymFile(join(fixtures, 'synonyms.yml'));
  return { kb, synonyms };
}
