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

  it('a sick-leave story does not make a question about a covered topic out of scope', () => {
    const r = answerer.answer(
      'En av lærerne mine har vært sykmeldt en stund, men er nå tilbake i full jobb. Hun vil ta en master ved siden av jobben. Har hun krav på utdanningspermisjon?',
    );
    expect(r.outOfScope).toBeUndefined();
    expect(r.answered).toBe(true);
    expect(r.entry?.title.toLowerCase()).toContain('utdanningspermisjon');
  });

  it('a sick-leave story with a question that names no topic is still declined as out of scope', () => {
    const r = answerer.answer('En av lærerne mine har vært sykmeldt i åtte uker nå og er fortsatt borte fra jobben. Hva gjør jeg nå?');
    expect(r.answered).toBe(false);
    expect(r.outOfScope).toBeDefined();
  });

  it('a sick-child story whose question has only common words («rett», «dager», «lønn») is still declined as out of scope', () => {
    const r = answerer.answer('Datteren til en av assistentene mine har vært syk i hele vinter, og nå er omsorgsdagene hennes brukt opp. Kan hun få noen dager til med lønn?');
    expect(r.answered).toBe(false);
    expect(r.outOfScope).toBeDefined();
  });

  it('a question reported in the story («hun spurte om …») is what is answered when the last sentence names no topic', () => {
    const r = answerer.answer(
      'Jeg er leder på et sykehjem med mange i turnus. En av de ansatte spurte meg i går om hun har krav på utdanningspermisjon, og tillitsvalgt maser også. Hva svarer jeg?',
    );
    expect(r.answered).toBe(true);
    expect(r.entry?.title.toLowerCase()).toContain('utdanningspermisjon');
  });
});
