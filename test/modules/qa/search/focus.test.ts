import { describe, expect, it } from 'vitest';
import { extractFocus, segments } from '../../../../src/modules/qa/search/focus.js';

describe('extractFocus', () => {
  it('finds the question after a story and keeps the story as context', () => {
    const f = extractFocus(
      'Jeg har en ansatt som har jobbet hos oss i tre år og nå vil ta en master ved siden av jobben. Har hun krav på utdanningspermisjon?',
    );
    expect(f.focus).toBe('Har hun krav på utdanningspermisjon?');
    expect(f.context).toContain('master ved siden av jobben');
  });

  it('finds a question after a dash', () => {
    const f = extractFocus('Vi skal ansette en ny styrer i barnehagen vår etter sommeren – hva må hun ha av utdanning');
    expect(f.focus).toBe('hva må hun ha av utdanning');
  });

  it('finds a nynorsk and an English question', () => {
    expect(extractFocus('Eg har ein tilsett som har vore sjuk lenge og no vil byrje att. Kva seier planen om oppfølging?').focus).toBe(
      'Kva seier planen om oppfølging?',
    );
    expect(extractFocus('We are hiring a new principal for one of our schools next year. What are the requirements?').focus).toBe(
      'What are the requirements?',
    );
  });

  it('leaves a short question whole', () => {
    const f = extractFocus('Hvilke krav stilles til en rektor?');
    expect(f).toEqual({ focus: 'Hvilke krav stilles til en rektor?', context: '', questions: ['Hvilke krav stilles til en rektor?'] });
  });

  it('finds two questions in one message', () => {
    const f = extractFocus('Hvor ofte skal vi ha medarbeidersamtale? Og hvem skriver delplanene?');
    expect(f.questions).toEqual(['Hvor ofte skal vi ha medarbeidersamtale?', 'Og hvem skriver delplanene?']);
  });

  it('finds two questions joined by a comma and «og» in one sentence, and leaves a single question whole', () => {
    expect(extractFocus('Hvor ofte holder vi medarbeidersamtaler, og hvem forbereder spørsmålene?').questions).toEqual([
      'Hvor ofte holder vi medarbeidersamtaler?',
      'hvem forbereder spørsmålene?',
    ]);
    expect(extractFocus('Hvilke krav gjelder for rektor, og for styrer?').questions).toHaveLength(1);
    expect(extractFocus('Jeg er ny som leder, og hva gjør jeg nå med planen?').questions).toHaveLength(1);
  });

  it('takes the question reported in the story when the last sentence asks nothing of its own', () => {
    const f = extractFocus('Jeg har en ny vikar på avdelingen. Hun spurte meg om hun kan få dekket et kurs, og det ble en lang prat. Hva svarer jeg?');
    expect(f.focus).toContain('om hun kan få dekket et kurs');
    expect(f.focus).not.toContain('lang prat');
    expect(f.context).toContain('lang prat');
    // a last sentence with a topic of its own stays the focus
    const g = extractFocus('Hun spurte meg om hun kan få dekket et kurs, og det ble en lang prat. Hvem betaler for kurs i kommunen?');
    expect(g.focus).toBe('Hvem betaler for kurs i kommunen?');
  });

  it('takes a request reported in the story («ba om …», «asked for …») when the closing question names no topic', () => {
    expect(extractFocus('En av sykepleierne mine ba om fri med lønn for å ta en videreutdanning i høst. Hva sier reglene?').focus).toContain(
      'fri med lønn for å ta en videreutdanning i høst',
    );
    const en = extractFocus('One of the teachers on my staff asked for paid time off to take a course this spring. What do I tell him?');
    expect(en.focus).toContain('paid time off to take a course this spring');
    expect(en.context).toContain('One of the teachers');
  });

  it('marks question sentences by mark, question word, modal verb or «krav på»', () => {
    expect(segments('Vi har en vikar. Kan hun få kurs. Hun lurer på om hun har krav på fri').map((s) => s.question)).toEqual([false, true, true]);
  });

  it('a sentence that only sounds like asking is story when another sentence has the question mark', () => {
    const f = extractFocus('Vi skal lage en ny opplæringsplan for avdelingen. Jeg vet ikke helt hvor jeg skal starte. Hvem bør være med i arbeidet?');
    expect(f.focus).toBe('Hvem bør være med i arbeidet?');
    expect(f.context).toContain('Jeg vet ikke helt hvor jeg skal starte.');
  });
});

describe('«Hvem har rett?» closing a story', () => {
  it('asks who is right, so «rett» is no topic word of the question', () => {
    const f = extractFocus('To av mine avdelingsledere er uenige om hvem som skal godkjenne kurs for de ansatte. Hvem har rett?');
    expect(f.focus.toLowerCase()).not.toContain('rett');
    expect(f.context).toContain('godkjenne kurs');
  });

  it('leaves «rett på» / «rett til» alone: those ask about a right', () => {
    expect(extractFocus('Hun har jobbet deltid i mange år hos oss. Har hun rett på permisjon?').focus).toContain('rett på');
  });
});
