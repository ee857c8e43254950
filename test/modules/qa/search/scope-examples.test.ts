import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQaContent } from '../../../../src/modules/qa/qa-service.js';
import { foldText } from '../../../../src/modules/qa/search/normalize.js';
import { outOfScopeTopic } from '../../../../src/modules/qa/search/scope.js';
import { projectRoot } from '../../../../src/util/project-root.js';

describe('out-of-scope rules against the questions the knowledge base answers', () => {
  const { kb, answerer } = loadQaContent(join(projectRoot, 'content'));

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

  it('a story about an out-of-scope topic is declined when the closing question only frames it', () => {
    // «What are the rules?» and a word read as a likely typo («handtere») name no topic of their own.
    const holiday = answerer.answer('I run a care home. One of the night staff worked on Easter Sunday and wants extra holiday pay for it. What are the rules?');
    expect(holiday).toMatchObject({ answered: false, outOfScope: 'ferie' });
    const harassment = answerer.answer('Ein tilsett fortel at ein kollega har kome med seksuelle kommentarar på vakt. Korleis skal eg handtere dette?');
    expect(harassment).toMatchObject({ answered: false, outOfScope: 'trakassering, mobbing og varsling' });
    // A rare term in the question still overrides the story: the leave itself is in the sources.
    const leave = answerer.answer('Hun har vært sykmeldt en periode, men er tilbake nå. Har hun rett på utdanningspermisjon etter HTA?');
    expect(leave.answered).toBe(true);
  });
});
