import { describe, expect, it } from 'vitest';
import { cardOf, cardText, createHarness } from '../helpers/bot-harness.js';

describe('Q&A in other forms', () => {
  it('When a leader asks in English, then the answer is the Norwegian entry with an English lead-in', async () => {
    const h = await createHarness();
    const card = cardOf((await h.say('What are the requirements for a principal?'))[0]);
    const text = cardText(card);
    expect(text).toContain('The sources are Norwegian, so the answer is in Norwegian:');
    expect(text).toContain('Krav til rektor');
    expect(text).toContain('Var dette nyttig?');
    // the lead-in comes before the answer
    expect(text.indexOf('The sources are Norwegian')).toBeLessThan(text.indexOf('Krav til rektor'));
  });

  it('When an English question is about something the sources do not cover, then the decline is introduced in English', async () => {
    const h = await createHarness();
    const text = cardText(cardOf((await h.say('How many days of holiday do I get per year?'))[0]));
    expect(text).toContain('I could not find an answer to this');
    expect(text).not.toContain('Var dette nyttig?');
  });

  it('When a question is about pay rates, then it is declined even though pay is a topic of the sources', async () => {
    const h = await createHarness();
    const text = cardText(cardOf((await h.say('Hvor mye tjener en lærer i kommunen?'))[0]));
    expect(text).toContain('Det finner jeg ikke i kunnskapsbasen');
  });

  it('When a long message tells a story before the question, then the question decides the answer', async () => {
    const h = await createHarness();
    const text = cardText(
      cardOf(
        (await h.say('Vi har hatt medarbeidersamtale med alle i vår og snakket mye om lønnsutvikling, utviklingssamtale og hvor ofte vi skal ha samtalene. Nå skal vi ansette ny leder for skolen. Hvilke krav stilles til en rektor?'))[0],
      ),
    );
    expect(text).toContain('Krav til rektor');
  });
});
