import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { broadcastKey } from '../../src/modules/broadcast/broadcast-service.js';
import { renderMessage } from '../../src/modules/broadcast/cards.js';
import { actionsOf, cardOf, cardText, createHarness, invokeCardOf, type TestUser } from '../helpers/bot-harness.js';
import { HANNE as HANNE_HR, LARS } from '../helpers/small-org-users.js';

// From test/fixtures/org/small-org.json.

const executeData = (card: unknown, verb: string) => {
  const action = actionsOf(card).find((a) => a.verb === verb);
  if (!action) throw new Error(`no ${verb} on the card`);
  return action.data as Record<string, unknown>;
};

describe('HR broadcast in Teams', () => {
  it('When HR writes «send melding», fills in the form, previews and sends, then the card shows the recipients and then the progress, and a double click sends nothing twice', async () => {
    const h = await createHarness();
    const [reply] = await h.say('send melding', HANNE_HR);
    const form = cardOf(reply);
    expect(cardText(form)).toContain('Ny kunngjøring');
    expect(cardText(form)).toContain('Hvem skal få meldingen?');
    const { draftId } = executeData(form, VERBS.broadcastPreview);

    // First without a title: the same form comes back with the message next to the field and the text kept.
    const [invalid] = await h.execute(VERBS.broadcastPreview, { draftId, title: '', text: 'Husk samtalene', audienceKind: 'units', unitIds: 'nordby-skole', ackRequired: 'true' }, HANNE_HR);
    const again = invokeCardOf(invalid);
    expect(cardText(again)).toContain('Skriv en tittel.');
    expect(JSON.stringify(again)).toContain('Husk samtalene');

    // Of Nordby skole's three, only Lars has opened the bot: the button promises what will be sent (#12).
    await h.say('hvem er jeg', LARS);
    const [previewed] = await h.execute(VERBS.broadcastPreview, { draftId, title: 'Samtaler før jul', text: 'Husk samtalene', audienceKind: 'units', unitIds: 'nordby-skole', ackRequired: 'true' }, HANNE_HR);
    const preview = invokeCardOf(previewed);
    expect(cardText(preview)).toContain('Forhåndsvisning');
    expect(actionsOf(preview).map((a) => a.title)).toEqual(['Send til 1 person', 'Be dem installere Kompetansebot', 'Endre']);
    expect(cardText(preview)).toContain('Meldingen går til 1 person. 2 personer har ikke åpnet Kompetansebot i Teams ennå og får den ikke');
    // «Be dem installere Kompetansebot» sends a new message with the install path, to forward.
    const [request] = await h.submit({ verb: VERBS.installRequest }, HANNE_HR);
    expect(cardText(cardOf(request))).toContain('Be dem installere Kompetansebot');
    expect(cardText(cardOf(request))).toContain('søk etter «Kompetansebot»');
    expect(cardText(preview)).toContain('Nordby skole (med underliggende enheter)');
    expect(await h.store.outbox.getCampaign(String(draftId))).toBeUndefined();

    const sendData = executeData(preview, VERBS.broadcastSend);
    const [sent] = await h.execute(VERBS.broadcastSend, sendData, HANNE_HR);
    expect(cardText(invokeCardOf(sent))).toContain('Utsending pågår');
    expect(actionsOf(invokeCardOf(sent)).map((a) => a.title)).toEqual(['Oppdater', 'Avbryt utsending']);
    const [twice] = await h.execute(VERBS.broadcastSend, sendData, HANNE_HR);
    expect(cardText(invokeCardOf(twice))).toContain('allerede sendt');
    expect(await h.store.outbox.list(String(draftId))).toHaveLength(3);

    // HR stops it: nothing was sent yet, so everyone is «Avbrutt» and the final report shows.
    const [cancelled] = await h.execute(VERBS.broadcastCancel, { campaignId: draftId }, HANNE_HR);
    const report = invokeCardOf(cancelled);
    expect(cardText(report)).toContain('Utsendingen ble avbrutt');
    const [csv] = await h.execute(VERBS.broadcastCsv, { campaignId: draftId }, HANNE_HR);
    expect(cardText(invokeCardOf(csv))).toMatch(/\[Last ned rapporten som CSV\]\(http:\/\/127\.0\.0\.1:3978\/api\/downloads\/[\w-]+\)/);
  });

  it('When someone without the HR role writes «kunngjøring» or clicks a send button, then they are refused politely and nothing is sent', async () => {
    const h = await createHarness();
    const [reply] = await h.say('kunngjøring', LARS);
    expect(reply?.text).toContain('Kunngjøringer til ansatte sendes av HR');
    expect(cardOf(reply)).toBeUndefined();
    const [clicked] = await h.execute(VERBS.broadcastSend, { draftId: 'b-lars', title: 'Hei', text: 'Hei alle', audienceKind: 'everyone' }, LARS);
    expect(JSON.stringify(clicked?.value)).toContain('sendes av HR');
    expect(await h.store.outbox.getCampaign('b-lars')).toBeUndefined();
    // «Rediger» is HR's too: a forged click does not hand an employee the compose form.
    const [edit] = await h.execute(VERBS.broadcastEdit, { draftId: 'b-lars', title: 'Hei', text: 'Hei alle', audienceKind: 'everyone' }, LARS);
    expect(invokeCardOf(edit)).toBeUndefined();
    expect(JSON.stringify(edit?.value)).toContain('sendes av HR');
  });

  it('When HR edits a sent message and sends it again under the same id, then it is refused instead of «allerede sendt»', async () => {
    const h = await createHarness();
    const data = { draftId: 'b-endret', title: 'Samtaler før jul', text: 'Husk samtalene', audienceKind: 'everyone' };
    await h.execute(VERBS.broadcastSend, data, HANNE_HR);
    const [changed] = await h.execute(VERBS.broadcastSend, { ...data, text: 'Husk samtalene – ny frist 15. desember' }, HANNE_HR);
    expect(JSON.stringify(changed?.value)).toContain('allerede brukt til en annen melding');
    expect(JSON.stringify(changed?.value)).not.toContain('allerede sendt');
    const campaign = await h.store.outbox.getCampaign('b-endret');
    expect((campaign?.payload as { text: string }).text).toBe('Husk samtalene');
  });

  it('When a recipient presses «Bekreft lest», then the card thanks them and HR sees one acknowledgement, however often they press', async () => {
    const h = await createHarness();
    const TOR: TestUser = { id: '29:tor', aadObjectId: '11111111-1111-4111-8111-111111111008', name: 'Tor Tillitsvalgt' };
    await h.say('hvem er jeg', TOR);
    const [previewed] = await h.execute(VERBS.broadcastPreview, { draftId: 'b-ack', title: 'Les dette', text: 'Viktig', audienceKind: 'roles', roles: 'tillitsvalgt', ackRequired: 'true' }, HANNE_HR);
    await h.execute(VERBS.broadcastSend, executeData(invokeCardOf(previewed), VERBS.broadcastSend), HANNE_HR);
    // The dispatcher is not running in the harness: mark the item sent as it would.
    const key = broadcastKey('b-ack', '1008');
    const [item] = await h.store.outbox.claimDue(new Date('2030-01-01'), 1, 60_000, 'test');
    expect(item?.key).toBe(key);
    await h.store.outbox.markSent(key, 'test', new Date());
    const message = renderMessage('b-ack', { title: 'Les dette', text: 'Viktig', audience: { kind: 'roles', roles: ['tillitsvalgt'] }, ackRequired: true });
    const ackData = executeData(message, VERBS.broadcastAck);

    for (let i = 0; i < 2; i++) {
      const [acked] = await h.execute(VERBS.broadcastAck, ackData, TOR);
      expect(cardText(invokeCardOf(acked))).toContain('Takk! Du har bekreftet at du har lest meldingen.');
      expect(actionsOf(invokeCardOf(acked)).map((a) => a.title)).not.toContain('Bekreft lest');
    }
    const [progress] = await h.execute(VERBS.broadcastProgress, { campaignId: 'b-ack' }, HANNE_HR);
    expect(cardText(invokeCardOf(progress))).toContain('Utsendingen er ferdig');
    expect(cardText(invokeCardOf(progress))).toMatch(/1 har bekreftet/);
  });

  it('When HR sends, then the progress card updates itself in place (updateActivity) until the final report, without «Oppdater»', async () => {
    const h = await createHarness();
    await h.say('hvem er jeg', LARS);
    const [previewed] = await h.execute(VERBS.broadcastPreview, { draftId: 'b-live', title: 'Ny rutine', text: 'Les dette', audienceKind: 'everyone', ackRequired: 'false' }, HANNE_HR);
    // Teams says which message holds the card (replyToId): that message is updated later.
    const [sent] = await h.execute(VERBS.broadcastSend, executeData(invokeCardOf(previewed), VERBS.broadcastSend), HANNE_HR, 'conv-1', 'progress-card-1');
    expect(cardText(invokeCardOf(sent))).toContain('Kortet oppdaterer seg selv til utsendingen er ferdig.');
    expect(h.liveProgress.following()).toEqual(['b-live']);

    // Nothing has happened yet: no update.
    expect(await h.liveProgress.tick()).toBe(0);
    expect(h.cardUpdates).toHaveLength(0);

    // The dispatcher (not running in the harness) sends to Lars: the card changes by itself.
    const items = await h.store.outbox.claimDue(new Date('2030-01-01'), 100, 60_000, 'test');
    const lars = items.find((i) => i.key === broadcastKey('b-live', '1004'))!;
    await h.store.outbox.markSent(lars.key, 'test', h.clock.now());
    expect(await h.liveProgress.tick()).toBe(1);
    const first = h.cardUpdates.at(-1)!;
    expect(first.id).toBe('progress-card-1');
    expect(first.conversation?.id).toBe('conv-1');
    expect(cardText(cardOf(first))).toContain('Utsending pågår');
    expect(cardText(cardOf(first))).toMatch(/1 av 8 personer har fått meldingen/);

    // Everyone else handled: the same message becomes the final report, and following stops.
    for (const item of items.filter((i) => i.key !== lars.key)) await h.store.outbox.markNotInstalled(item.key, 'test', h.clock.now());
    expect(await h.liveProgress.tick()).toBe(1);
    const last = h.cardUpdates.at(-1)!;
    expect(last.id).toBe('progress-card-1');
    expect(cardText(cardOf(last))).toContain('Utsendingen er ferdig');
    expect(cardText(cardOf(last))).toContain('1 av 8 personer fikk meldingen.');
    expect(h.liveProgress.following()).toEqual([]);
    expect(await h.liveProgress.tick()).toBe(0);
  });

  it('When a card comes back with tampered data, then the user is told the card may be stale', async () => {
    const h = await createHarness();
    const [reply] = await h.execute(VERBS.broadcastProgress, { campaignId: '../../etc' }, HANNE_HR);
    expect(JSON.stringify(reply?.value)).toContain('utdatert');
  });
});
