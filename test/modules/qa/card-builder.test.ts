import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logging/logger.js';
import { loadKommuneProfile } from '../../../src/modules/kommune/profile.js';
import { answerCard, answerCardData, type Feedback, notFoundCard, notFoundCardData } from '../../../src/modules/qa/cards.js';
import type { PresentedAnswer } from '../../../src/modules/qa/present.js';
import { createQaService, loadQaContent } from '../../../src/modules/qa/qa-service.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import { projectRoot } from '../../../src/util/project-root.js';

// The two Q&A cards are built in code (they go out on every question); their templates in cards/
// stay the definition. Every question of the fixture sets, as two municipalities read it, and every
// card variant must give exactly the JSON the template gives.
const questions = ['paraphrase-questions.json', 'qa-dev-forms.json'].flatMap((f) =>
  (JSON.parse(readFileSync(join(projectRoot, 'test/fixtures', f), 'utf8')) as { question: string }[]).map((q) => q.question),
);
questions.push(
  'Hva må en rektor ha av utdanning? Og hvor ofte skal jeg ha medarbeidersamtale?',
  'What does a principal need?',
  'Hvor mye tjener en assistent?',
  'Hva er «${title}» og <b>fet</b> tekst?',
  '',
);

const contentDir = join(projectRoot, 'content');
const feedbacks: Feedback[] = ['none', 'helpful', 'notHelpful'];

describe.each(['fjordvik', 'kristiansund'])('Q&A cards built in code, as KOMMUNE=%s', (kommune) => {
  it('give the same card as their templates for every question and variant', async () => {
    const qa = createQaService({
      content: loadQaContent(contentDir, undefined, loadKommuneProfile(contentDir, kommune)),
      store: await openMemoryStore(),
      clock: fixedClock(new Date('2026-12-07T10:00:00Z')),
      hrContact: 'HR på telefon 123',
      logger: silentLogger,
    });
    let answered = 0;
    let declined = 0;
    let withSecond = 0;
    let withLead = 0;
    for (const q of questions) {
      const p: PresentedAnswer = qa.ask(q);
      for (const askHr of [false, true]) {
        if (!p.answered) {
          declined++;
          const data = notFoundCardData(p, 'HR på telefon 123', { askHr });
          expect(notFoundCard.render(data), q).toEqual(notFoundCard.expandTemplate(data));
          continue;
        }
        answered++;
        if (p.second) withSecond++;
        if (p.lead) withLead++;
        for (const feedback of feedbacks) {
          const data = answerCardData(p, { answerId: 'a-1', feedback, askHr });
          expect(answerCard.render(data), q).toEqual(answerCard.expandTemplate(data));
          // The edge cases the template has branches for.
          const bare = { ...data, scopeLabel: '', details: '', lead: '', alternatives: [], alternativeIds: [], second: null };
          expect(answerCard.render(bare), q).toEqual(answerCard.expandTemplate(bare));
        }
      }
    }
    // The sets exercise every branch: sure and hedged answers, declines, English lead-ins, two questions.
    expect(answered).toBeGreaterThan(100);
    expect(declined).toBeGreaterThan(0);
    expect(withLead).toBeGreaterThan(0);
    expect(withSecond).toBeGreaterThan(0);
  });
});
