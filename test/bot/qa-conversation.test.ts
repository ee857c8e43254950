import { MemoryStorage, TestAdapter } from 'botbuilder';
import { Application } from '@microsoft/teams-ai';
import { describe, expect, it } from 'vitest';
import { ERROR_TEXT } from '../../src/bot/app.js';
import { VERBS } from '../../src/cards/verbs.js';
import { STALE_CARD_TEXT } from '../../src/modules/qa/teams.js';
import { actionsOf, cardOf, cardText, createHarness, invokeCardOf, LEADER } from '../helpers/bot-harness.js';

describe('Q&A conversation', () => {
  it('When a leader asks about a position, then the answer card gives the short answer, the details and the source', async () => {
    const h = await createHarness();
    const [reply] = await h.say('Hvilke krav stilles til en rektor?');
    const card = cardOf(reply)!;
    expect(card.version).toBe('1.5');
    const text = cardText(card);
    expect(text).toContain('Krav til rektor');
    expect(text).toContain('opplæringsloven § 17-2');
    expect(text).toMatch(/Kristiansund kommune: Temaplan om kompetansebehov og rekruttering \(2025\), §4\.1/);
    expect(text).toContain('Var dette nyttig?');
    // short answer before details before source
    expect(text.indexOf('pedagogisk kompetanse')).toBeLessThan(text.indexOf('Testoppføring'));
    expect(text.indexOf('Testoppføring')).toBeLessThan(text.indexOf('Kristiansund kommune'));
  });

  it('When the question uses another form of the words, then the same entry is found', async () => {
    const h = await createHarness();
    const card = cardOf((await h.say('kva krav er det til barnehagestyrar?'))[0]);
    expect(cardText(card)).toContain('Krav til styrer i barnehage');
  });

  it('When «Ja» is clicked on «Var dette nyttig?», then the feedback is stored once and the card thanks the user', async () => {
    const h = await createHarness();
    const card = cardOf((await h.say('krav til rektor'))[0]);
    const yes = actionsOf(card).find((a) => a.verb === VERBS.qaFeedback && a.title === 'Ja')!;
    const [response] = await h.execute(VERBS.qaFeedback, yes.data);
    const updated = invokeCardOf(response);
    expect(cardText(updated)).toContain('Takk for tilbakemeldingen');
    expect(cardText(updated)).not.toContain('Var dette nyttig?');
    // a double click, and then a change of mind, leave one record with the last choice
    await h.execute(VERBS.qaFeedback, yes.data);
    const no = actionsOf(card).find((a) => a.verb === VERBS.qaFeedback && a.title === 'Nei')!;
    await h.execute(VERBS.qaFeedback, no.data);
    expect(await h.store.feedback.count()).toBe(1);
    expect(await h.store.feedback.summary()).toEqual([{ entryId: 'rektor-krav', helpful: 0, notHelpful: 1 }]);
  });

  it('When a feedback payload is tampered with, then nothing is stored and the user is told the card is not valid', async () => {
    const h = await createHarness();
    for (const data of [{ answerId: 'a', entryId: 'finnes-ikke', helpful: true }, { answerId: 'a', entryId: 'rektor-krav', helpful: 'ja' }, 'tull', null]) {
      const [response] = await h.execute(VERBS.qaFeedback, data);
      expect(JSON.stringify(response?.value)).toContain(STALE_CARD_TEXT.slice(0, 30));
    }
    expect(await h.store.feedback.count()).toBe(0);
  });

  it('When two entries are about equally close, then the bot offers «Mente du …?» choices that open each entry', async () => {
    const h = await createHarness();
    // (a bare «årshjul» is the årshjul's own command now)
    const card = cardOf((await h.say('årshjul for opplæringsplanene'))[0]);
    const choices = actionsOf(card).filter((a) => (a.data as { verb?: string })?.verb === VERBS.qaShow);
    expect(cardText(card)).toContain('Mente du');
    const ids = choices.map((a) => (a.data as { entryId: string }).entryId);
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect(['arshjul-skole', 'arshjul-barnehage']).toEqual(expect.arrayContaining(ids));
    // The titles wrap (a tappable row with a wrapping text), never a button that cuts them off (#12).
    expect(JSON.stringify(card).match(/"selectAction":\{"type":"Action.Submit","title":"[^"]+","data":\{"verb":"qa.show"/g)).toHaveLength(choices.length);
    const rows = JSON.stringify(card).match(/"text":"[^"]+ ›","wrap":true/g) ?? [];
    expect(rows).toHaveLength(choices.length);
    const opened = cardOf((await h.submit(choices[0]!.data as Record<string, unknown>))[0]);
    expect(cardText(opened)).toMatch(/Årshjulet for opplæringsplanene i (skolene|barnehagene)/);
  });

  it('When nothing in the knowledge base matches, then the bot says so honestly and points to HR', async () => {
    const h = await createHarness();
    const card = cardOf((await h.say('Hva er satsen for kilometergodtgjørelse med egen bil?'))[0]);
    const text = cardText(card);
    expect(text).toContain('Det finner jeg ikke');
    expect(text).toContain('hr@fjordvik.kommune.no');
    expect(text).not.toContain('Krav til rektor');
  });

  it('When the bot is installed, then it sends a welcome card; «hjelp» shows what it can do', async () => {
    const h = await createHarness();
    const [welcome] = await h.send({ type: 'conversationUpdate', membersAdded: [{ id: '28:kompetansebot', name: 'Kompetansebot' }] });
    expect(cardText(cardOf(welcome))).toContain('Velkommen til Kompetansebot');
    const [help] = await h.say('hjelp');
    const helpCard = cardOf(help)!;
    expect(cardText(helpCard)).toContain('Spørsmål og svar');
    const input = JSON.stringify(helpCard);
    expect(input).toContain('"label":"Still et spørsmål"');
    // A user added later (not the bot) gets no welcome.
    expect(await h.send({ type: 'conversationUpdate', membersAdded: [{ id: '29:someone-else', name: 'Noen' }] })).toHaveLength(0);
  });

  it('When an example question on the help card is clicked, then it is answered', async () => {
    const h = await createHarness();
    const card = cardOf((await h.say('hjelp'))[0]);
    const example = actionsOf(card).find((a) => String((a.data as { example?: string })?.example ?? '').includes('rektor'))!;
    const [reply] = await h.submit(example.data as Record<string, unknown>);
    expect(cardText(cardOf(reply))).toContain('Krav til rektor');
    const typed = await h.submit({ verb: VERBS.qaAsk, question: 'krav til styrer' });
    expect(cardText(cardOf(typed[0]))).toContain('styrer');
  });

  it('When a card submit is unknown or malformed, then the user gets a clear message and no crash', async () => {
    const h = await createHarness();
    for (const value of [{ verb: 'finnes.ikke' }, { verb: VERBS.qaShow }, { verb: VERBS.qaShow, entryId: 42 }, { verb: VERBS.qaAsk, question: 7 }]) {
      const [reply] = await h.submit(value as Record<string, unknown>);
      expect(reply?.text).toBe(STALE_CARD_TEXT);
    }
    const [empty] = await h.say('   ');
    expect(empty?.text).toMatch(/Skriv gjerne et spørsmål/);
  });

  it('When a question is huge or junk, then the bot still answers with a card', async () => {
    const h = await createHarness();
    for (const text of ['x'.repeat(20_000), '🙂🙂🙂', '<script>alert(1)</script> ${title}']) {
      const [reply] = await h.say(text);
      expect(reply?.text).not.toBe(ERROR_TEXT);
      expect(cardOf(reply)?.type).toBe('AdaptiveCard');
    }
  });

  it('When 20 turns arrive at once in one conversation, then all 20 are answered, each with its card', async () => {
    const h = await createHarness();
    await h.say('krav til rektor'); // the conversation state now exists, with an eTag
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => h.say(i % 2 ? 'krav til rektor' : 'krav til styrer')));
    const all = replies.flat();
    expect(all).toHaveLength(20);
    expect(all.every((a) => cardOf(a)?.type === 'AdaptiveCard')).toBe(true);
    expect(all.filter((a) => cardText(cardOf(a)).includes('Krav til styrer i barnehage'))).toHaveLength(10);
  });

  it('(control) With botbuilder MemoryStorage and no serialisation, the same 20 concurrent turns fail with eTag conflicts', async () => {
    const app = new Application({ storage: new MemoryStorage() });
    app.activity('message', async (context, state) => {
      await new Promise((r) => setTimeout(r, 5));
      const conv = state.conversation as Record<string, unknown>;
      conv.n = ((conv.n as number | undefined) ?? 0) + 1;
      await context.sendActivity('ok');
    });
    let failures = 0;
    const adapter = new TestAdapter(async (context) => {
      try {
        await app.run(context);
      } catch {
        failures++;
      }
    });
    const turn = () => adapter.processActivity({ type: 'message', text: 'x', from: { id: LEADER.id, name: 'x' } });
    await turn(); // the conversation state now exists, with an eTag
    await Promise.all(Array.from({ length: 20 }, turn));
    expect(failures).toBeGreaterThan(10);
  });
});
