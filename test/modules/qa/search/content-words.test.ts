import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQaContent } from '../../../../src/modules/qa/qa-service.js';
import { stem } from '../../../../src/modules/qa/search/stem.js';
import { projectRoot } from '../../../../src/util/project-root.js';

const { answerer } = loadQaContent(join(projectRoot, 'content'));
const alts = (word: string): string[] => answerer.index.analyzer.analyze(word).flatMap((c) => c.alts.map((a) => a.terms.join(' ')));

describe('pronouns are no topic (real content)', () => {
  it('«ham», «hans», «dykk» and «deira» are not read as unknown words', () => {
    for (const w of ['ham', 'hans', 'dykk', 'dykkar', 'deira']) expect(answerer.index.analyzer.analyze(w)).toEqual([]);
  });

  it('a story about a man is answered like the same story about a woman', () => {
    const story = (name: string, he: string, him: string): string =>
      `Avdelingen trenger noen med videreutdanning i veiledning, og vi har spurt ${name} om ${he} vil ta den. ${he[0]?.toUpperCase()}${he.slice(1)} sa ja til det i går. Må vi gi ${him} lønnet permisjon, eller kan den være uten lønn?`;
    const her = answerer.answer(story('Kari', 'hun', 'henne'));
    const him = answerer.answer(story('Ola', 'han', 'ham'));
    expect(her.answered).toBe(true);
    expect(him.answered).toBe(true);
    expect(him.entry?.id).toBe(her.entry?.id);
    expect(him.level).toBe(her.level);
  });
});

describe('a story closed by a question that names nothing (real content)', () => {
  const story =
    'Sekretæren vår i 50 % har søkt på den ledige hele stillingen i resepsjonen. Sjefen min vil heller annonsere eksternt for å få et større søkerfelt og flere kandidater.';

  it('«Kan vi det?» after a story about a vacancy gets the entry on internal applicants, not a decline', () => {
    const r = answerer.answer(`${story} Kan vi det?`);
    expect(r.answered).toBe(true);
    expect(r.entry?.id).toBe('rekruttering-intern-fortrinnsrett');
  });

  it('«søkt»/«søkte» are forms of «søke», not unknown words', () => {
    expect(alts('søkt')).toContain(stem('søke'));
    expect(alts('søkte')).toContain(stem('søke'));
    const r = answerer.answer(`${story} Jeg er avdelingsleder for eiendomsforvaltningen. Er det greit?`);
    expect(r.answered).toBe(true);
  });
});

describe('numbers written as words in the story (real content)', () => {
  it('«ti år» in the story weighs no more than «10 år» does', async () => {
    const { searchFocused } = await import('../../../../src/modules/qa/search/index.js');
    const weight = (story: string, label: string): number =>
      searchFocused(answerer.index, 'Må hun ta mer utdanning?', story).concepts.find((c) => c.label === label)?.importance ?? NaN;
    expect(weight('Barnevernslederen vår har jobbet her i ti år.', 'ti')).toBeLessThanOrEqual(weight('Barnevernslederen vår har jobbet her i 10 år.', '10'));
  });

  it('a story told with number words gets the same answer as one told with digits', () => {
    const ask = (n: string): string | undefined =>
      answerer.answer(`Barnevernslederen vår har en bachelor og har jobbet ${n} år i barnevernet. Hun er dyktig og vi vil beholde henne. Holder det etter de nye reglene?`).entry?.id;
    expect(ask('tre')).toBe(ask('3'));
    expect(ask('tre')).toBe('lovkrav-barnevernsleder');
  });
});

describe('«Hvem har rett?» after a story (real content)', () => {
  it('a dispute about something the sources never cover is declined, not guessed from «rett»', () => {
    const r = answerer.answer('En nyansatt fra et vikarbyrå krever diett for reisen hit, men lønningskontoret sier nei. Hvem har rett?');
    expect(r.answered).toBe(false);
  });
});
