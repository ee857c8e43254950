import { describe, expect, it } from 'vitest';
import { createHarness, type TestUser } from '../../helpers/bot-harness.js';
import { RANDI } from '../../helpers/small-org-users.js';

const STRANGER: TestUser = { id: '29:vikar', aadObjectId: '00000000-0000-4000-8000-00000000beef', name: 'Vikar Ukjent' };
const TEAM = { id: '19:team-oppvekst@thread.tacv2' };

describe('conversation references', () => {
  it('When a person writes to the bot, then their personal chat is remembered with the serviceUrl of the message and their employee id, and they still get an answer', async () => {
    const h = await createHarness();
    const replies = await h.say('hjelp', RANDI, 'a:personal-randi');
    expect(replies.length).toBeGreaterThan(0);
    expect(await h.store.conversationRefs.get(`user:${RANDI.aadObjectId}`)).toMatchObject({
      kind: 'user',
      serviceUrl: 'https://smba.example.invalid/',
      conversationId: 'a:personal-randi',
      botId: '28:kompetansebot',
      userId: '29:randi',
      employeeId: '1003',
    });
    expect(await h.store.conversationRefs.findByEmployeeId('1003')).toBeDefined();
  });

  it('When Teams sends the next message through another serviceUrl, then the reference follows it', async () => {
    const h = await createHarness();
    await h.say('hei', RANDI, 'a:personal-randi');
    await h.send({ type: 'message', text: 'hei igjen', serviceUrl: 'https://smba.trafficmanager.net/emea/' }, RANDI, 'a:personal-randi');
    expect((await h.store.conversationRefs.get(`user:${RANDI.aadObjectId}`))!.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
    expect(await h.store.conversationRefs.count()).toBe(1);
  });

  it('When someone outside the organisation writes, then the chat is remembered without an employee id', async () => {
    const h = await createHarness();
    await h.say('hei', STRANGER, 'a:personal-vikar');
    const ref = await h.store.conversationRefs.get(`user:${STRANGER.aadObjectId}`);
    expect(ref).toBeDefined();
    expect(ref!.employeeId).toBeUndefined();
  });

  it('When the app is installed in a person\'s chat and then uninstalled, then the reference is saved and then removed', async () => {
    const h = await createHarness();
    await h.send({ type: 'installationUpdate', action: 'add' }, RANDI, 'a:personal-randi');
    expect(await h.store.conversationRefs.get(`user:${RANDI.aadObjectId}`)).toBeDefined();
    await h.send({ type: 'installationUpdate', action: 'remove' }, RANDI, 'a:personal-randi');
    expect(await h.store.conversationRefs.get(`user:${RANDI.aadObjectId}`)).toBeUndefined();
    expect(await h.store.conversationRefs.findByEmployeeId('1003')).toBeUndefined();
  });

  it('When the bot is added to a team, then the team is remembered with its General channel (not the channel or thread of the activity); when removed, it is forgotten', async () => {
    const h = await createHarness();
    const inTeam = {
      conversation: { id: '19:kompetanse-kanal@thread.tacv2;messageid=1700000000000', conversationType: 'channel', isGroup: true, name: '' },
      channelData: { team: TEAM, tenant: { id: 'tenant-1' } },
    };
    await h.send({ type: 'conversationUpdate', membersAdded: [{ id: '28:kompetansebot', name: 'Kompetansebot' }], ...inTeam }, RANDI);
    expect(await h.store.conversationRefs.get(`team:${TEAM.id}`)).toMatchObject({ kind: 'team', teamId: TEAM.id, conversationId: TEAM.id, tenantId: 'tenant-1' });
    // A person writing in the team channel does not become a personal-chat reference.
    expect(await h.store.conversationRefs.get(`user:${RANDI.aadObjectId}`)).toBeUndefined();
    await h.send({ type: 'installationUpdate', action: 'remove', ...inTeam }, RANDI);
    expect(await h.store.conversationRefs.get(`team:${TEAM.id}`)).toBeUndefined();
  });

  it('When someone writes in a group chat, then nothing is remembered', async () => {
    const h = await createHarness();
    await h.send({ type: 'message', text: 'hei', conversation: { id: '19:gruppe@thread.v2', conversationType: 'groupChat', isGroup: true, name: '' } }, RANDI);
    expect(await h.store.conversationRefs.count()).toBe(0);
  });
});
