import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQaContent } from '../../../../src/modules/qa/qa-service.js';
import { extractFocus } from '../../../../src/modules/qa/search/focus.js';
import { searchFocused, STORY_MAX_IMPORTANCE } from '../../../../src/modules/qa/search/index.js';
import { projectRoot } from '../../../../src/util/project-root.js';

describe('the story around a question (long messages)', () => {
  const { answerer } = loadQaContent(join(projectRoot, 'content'));
  const index = answerer.index;

  it('a rare word of the story weighs no more than a common topic word may', () => {
    const msg = 'En pårørende ringte meg i går og var sint fordi moren ikke fikk hjelp. Hun spurte hvem som følger opp kompetansen hos oss. Hva svarer jeg?';
    const f = extractFocus(msg);
    const r = searchFocused(index, f.focus, f.context);
    const rare = r.concepts.find((c) => c.label === 'pårørende');
    expect(rare?.context).toBe(true);
    // Alone in the question, «pårørende» (one entry) weighs more than the cap.
    const alone = searchFocused(index, 'pårørende', '').concepts[0];
    expect(alone?.importance ?? 0).toBeGreaterThan(STORY_MAX_IMPORTANCE);
    expect(rare?.importance ?? 99).toBeLessThanOrEqual(STORY_MAX_IMPORTANCE);
  });
});
