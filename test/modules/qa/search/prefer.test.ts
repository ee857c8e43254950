import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKommuneProfile } from '../../../../src/modules/kommune/profile.js';
import type { KnowledgeEntry } from '../../../../src/modules/qa/knowledge.js';
import { loadQaContent } from '../../../../src/modules/qa/qa-service.js';
import { Analyzer } from '../../../../src/modules/qa/search/analyzer.js';
import type { Hit, SearchResult, WeightedConcept } from '../../../../src/modules/qa/search/index.js';
import { createPreferences } from '../../../../src/modules/qa/search/prefer.js';
import { emptySynonyms } from '../../../../src/modules/qa/search/synonyms.js';
import { projectRoot } from '../../../../src/util/project-root.js';

const entry = (id: string, title: string, scope: string): KnowledgeEntry =>
  ({
    id,
    title,
    summary: 'Sammendrag.',
    body: '',
    tags: [],
    audience: ['leder'],
    scope,
    sources: [{ document: '003', section: '§1' }],
    lastReviewed: '2026-01-01',
    related: [],
    examples: [],
    file: `${id}.md`,
  }) as KnowledgeEntry;

const concept = (term: string, importance: number): WeightedConcept => ({
  label: term,
  kind: 'exact',
  alts: [{ terms: [term], weight: 1 }],
  factor: 1,
  importance,
  df: 3,
});

const hit = (e: KnowledgeEntry, index: number, rank: number): Hit => ({
  entry: e,
  index,
  score: rank,
  rank,
  coverage: 1,
  matched: 2,
  matchedMass: 1,
  facetMisses: 0,
});

const profile = loadKommuneProfile(join(projectRoot, 'content'), 'fjordvik');
const analyzer = new Analyzer(emptySynonyms());

describe('ranking prefers the asked role and national rules (search/prefer.ts)', () => {
  const entries = [
    entry('kommunalsjef-baerum', 'Kommunalsjefenes ansvar i Bærum', 'kommune:baerum'),
    entry('enhetsleder-ks', 'Enhetslederens ansvar', 'ks'),
    entry('plan-ks', 'Kompetanseplanen', 'ks'),
    entry('plan-kristiansund', 'Kompetanseplanen i Kristiansund', 'kommune:kristiansund'),
  ];
  const prefer = createPreferences(analyzer, entries, profile);
  const result = (hits: Hit[], concepts: WeightedConcept[]): SearchResult => ({
    hits,
    concepts,
    totalMass: concepts.reduce((s, c) => s + c.importance, 0),
  });

  it('an entry about another role drops below the entry about the asked role', () => {
    const r = result([hit(entries[0] as KnowledgeEntry, 0, 10), hit(entries[1] as KnowledgeEntry, 1, 9)], [concept('ansv', 1), concept('enhetsled', 1.5)]);
    expect(prefer.apply(r, 'Hva er mitt ansvar som enhetsleder?').hits.map((h) => h.entry.id)).toEqual(['enhetsleder-ks', 'kommunalsjef-baerum']);
  });

  it('without a role in the question, the order is left to the search (apart from scope)', () => {
    const r = result([hit(entries[1] as KnowledgeEntry, 1, 10), hit(entries[2] as KnowledgeEntry, 2, 9.5)], [concept('ansv', 1)]);
    expect(prefer.apply(r, 'Hvem har ansvaret?').hits.map((h) => h.entry.id)).toEqual(['enhetsleder-ks', 'plan-ks']);
  });

  it("another municipality's own entry drops below a close national one, unless the question names that municipality", () => {
    const hits = [hit(entries[3] as KnowledgeEntry, 3, 10), hit(entries[2] as KnowledgeEntry, 2, 9)];
    const concepts = [concept('kompetanseplan', 2)];
    expect(prefer.apply(result(hits, concepts), 'Hva skal stå i kompetanseplanen?').hits[0]?.entry.id).toBe('plan-ks');
    expect(prefer.apply(result(hits, concepts), 'Hva står i kompetanseplanen til Kristiansund?').hits[0]?.entry.id).toBe('plan-kristiansund');
  });

  it('a clear lead of another municipality\'s entry stands (its rule may be the only answer)', () => {
    const r = result([hit(entries[3] as KnowledgeEntry, 3, 10), hit(entries[2] as KnowledgeEntry, 2, 6)], [concept('kompetanseplan', 2)]);
    expect(prefer.apply(r, 'Hva skal stå i kompetanseplanen?').hits[0]?.entry.id).toBe('plan-kristiansund');
  });

  it('a question naming one municipality prefers its entry over another municipality\'s on the same topic', () => {
    const baerumPlan = entry('plan-baerum', 'Kompetanseplanen i Bærum', 'kommune:baerum');
    const list = [...entries, baerumPlan];
    const p = createPreferences(analyzer, list, profile);
    const hits = [hit(baerumPlan, 4, 10), hit(entries[3] as KnowledgeEntry, 3, 9)];
    const r = result(hits, [concept('kompetanseplan', 2)]);
    expect(p.apply(r, 'Hva står i kompetanseplanen til Kristiansund?').hits[0]?.entry.id).toBe('plan-kristiansund');
    expect(p.apply(r, 'Hva står i kompetanseplanen i Bærum?').hits[0]?.entry.id).toBe('plan-baerum');
  });

  it('the user\'s own municipality is not «another»', () => {
    const own = createPreferences(analyzer, entries, loadKommuneProfile(join(projectRoot, 'content'), 'kristiansund'));
    const r = result([hit(entries[3] as KnowledgeEntry, 3, 10), hit(entries[2] as KnowledgeEntry, 2, 9)], [concept('kompetanseplan', 2)]);
    expect(own.apply(r, 'Hva skal stå i kompetanseplanen?').hits[0]?.entry.id).toBe('plan-kristiansund');
  });
});

describe('role questions on the real knowledge base', () => {
  const { answerer } = loadQaContent(join(projectRoot, 'content'), undefined, profile);
  const top = (q: string) => answerer.answer(q).entry?.title ?? '(avslått)';

  it.each([
    ['Hvilket ansvar har jeg når jeg er enhetsleder?', /enhetsleder/i],
    ['Hva gjør egentlig en fagleder?', /fagleder/i],
  ])('%s → an entry about that role', (q, title) => {
    expect(top(q)).toMatch(title);
  });
});
