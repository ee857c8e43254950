import { describe, expect, it } from 'vitest';
import { exampleProblems, MIN_EXAMPLES, type KnowledgeEntry } from '../../../src/modules/qa/knowledge.js';

const entry = (id: string, examples: string[]): KnowledgeEntry => ({
  id,
  title: `Tittel ${id}`,
  summary: 'Et sammendrag som er langt nok.',
  body: '',
  tags: ['x'],
  audience: ['leder'],
  sources: [{ document: '003', section: '§1' }],
  lastReviewed: '2026-01-01',
  related: [],
  examples,
  file: `test/${id}.md`,
});

const five = ['Hva er kravet til rektor?', 'jeg har en rektor som …', 'Kva krev lova av rektor?', 'What does a principal need?', 'krav rektor oppl.l.'];

describe('kb:check rule for example questions (KB_REQUIRE_EXAMPLES)', () => {
  it(`requires at least ${MIN_EXAMPLES} examples per entry when switched on, naming the file`, () => {
    const problems = exampleProblems([entry('a', five), entry('b', five.slice(0, 2))], true);
    expect(problems).toEqual(['test/b.md: feltet «examples» har 2 eksempelspørsmål; minst 5 kreves']);
  });

  it('does not require them while switched off', () => {
    expect(exampleProblems([entry('a', []), entry('b', five.slice(0, 2))], false)).toEqual([]);
  });

  it('always rejects the same example twice in one entry', () => {
    const problems = exampleProblems([entry('a', [...five, 'hva er kravet til  Rektor?'])], false);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('to ganger');
  });
});
