import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQaContent } from '../../../../src/modules/qa/qa-service.js';
import { foldText } from '../../../../src/modules/qa/search/normalize.js';
import { outOfScopeTopic } from '../../../../src/modules/qa/search/scope.js';
import { projectRoot } from '../../../../src/util/project-root.js';

describe('out-of-scope rules against the questions the knowledge base answers', () => {
  const { kb } = loadQaContent(join(projectRoot, 'content'));

  it('no entry\'s example question is declined as out of scope (unless the entry is about that topic)', () => {
    // Every example is a way of asking that the entry answers («antall timelønnede i Bærum»,
    // «hvor mange er uføre i Kristiansund?»): a rule that fires on one would decline a real question.
    const declined = kb.entries.flatMap((e) =>
      e.examples.flatMap((q) => {
        const oos = outOfScopeTopic(foldText(q));
        return oos && !oos.covered.test(foldText(e.title)) ? [`${e.id}: «${q}» (${oos.topic})`] : [];
      }),
    );
    expect(declined).toEqual([]);
    expect(kb.entries.reduce((n, e) => n + e.examples.length, 0)).toBeGreaterThan(1000);
  });
});
