import { describe, expect, it } from 'vitest';
import { actionsOf, cardOf, cardText, createHarness } from '../helpers/bot-harness.js';

describe('A mistyped command', () => {
  it.each([
    ['kompetansgap', 'kompetansegap'],
    ['årshjull', 'årshjul'],
    ['hjlep', 'hjelp'],
    ['samtaleoversigt', 'samtaleoversikt'],
  ])('When a user types «%s», then the bot asks «Mente du kommandoen «%s»?» with a button that sends the command', async (typed, command) => {
    const h = await createHarness();
    const [reply] = await h.say(typed);
    const card = cardOf(reply);
    expect(cardText(card)).toContain(`Mente du kommandoen «${command}»?`);
    // no unrelated Q&A article
    expect(cardText(card)).not.toContain('Var dette nyttig?');
    const button = actionsOf(card).find((a) => a.title === command);
    expect(button?.data).toEqual({ verb: 'qa.command', command, msteams: { type: 'imBack', value: command } });
  });

  it('When the suggested button is pressed (Teams sends its text), then the command runs', async () => {
    const h = await createHarness();
    const [reply] = await h.say('hjlep');
    const value = (actionsOf(cardOf(reply))[0]?.data as { msteams: { value: string } }).msteams.value;
    const [help] = await h.say(value);
    expect(cardText(cardOf(help))).toContain('Dette kan Kompetansebot hjelpe med');
  });

  it("When a client submits the button's data instead of its text, then the user is told what to type", async () => {
    const h = await createHarness();
    const [reply] = await h.submit({ verb: 'qa.command', command: 'kompetansegap' });
    expect(reply?.text).toBe('Skriv «kompetansegap» for å kjøre kommandoen.');
  });

  it('When a real question is asked, then it is answered and no command is suggested', async () => {
    const h = await createHarness();
    const [reply] = await h.say('Hvilke krav stilles til en rektor?');
    expect(cardText(cardOf(reply))).not.toContain('Mente du kommandoen');
  });
});
