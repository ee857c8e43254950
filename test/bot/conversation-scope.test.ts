/**
 * Personal data only in the personal chat (issue #17): every personal route, asked in a group
 * chat or a team channel, posts only a neutral line there and sends its card to the asker's
 * personal chat – or explains how to open one.
 */
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { personalRoutesOf, SCOPE_TEXT } from '../../src/bot/scope.js';
import { VERBS } from '../../src/cards/verbs.js';
import { cardOf, cardText, createHarness, type TestUser } from '../helpers/bot-harness.js';
import { HANNE, LARS, RANDI } from '../helpers/small-org-users.js';

type Harness = Awaited<ReturnType<typeof createHarness>>;

const SHARED = {
  groupChat: { conversation: { id: '19:gruppe@thread.v2', conversationType: 'groupChat', isGroup: true, name: '' } },
  channel: {
    conversation: { id: '19:kanal@thread.tacv2;messageid=1700000000000', conversationType: 'channel', isGroup: true, name: '' },
    channelData: { team: { id: '19:team@thread.tacv2' }, tenant: { id: 't' } },
  },
} satisfies Record<string, Partial<Activity>>;

/** The personal commands, each by a user who has something to see. */
const COMMANDS: { text: string; user: TestUser; personal: RegExp }[] = [
  { text: 'hvem er jeg', user: LARS, personal: /Lars Lærer/ },
  { text: 'min kompetanse', user: LARS, personal: /Lars Lærer|Slett registreringen/ },
  { text: 'mitt kompetansegap', user: LARS, personal: /Lektor|Lars/ },
  { text: 'kompetansegap', user: RANDI, personal: /Nordby skole/ },
  { text: 'kompetanseoversikt', user: HANNE, personal: /Nordby skole|Testvik/ },
  { text: 'Hva skjer i årshjulet nå?', user: RANDI, personal: /./ },
  { text: 'årshjulet som kalender', user: RANDI, personal: /./ },
  { text: 'start medarbeidersamtale med Lars', user: RANDI, personal: /Lars Lærer/ },
  { text: 'mine samtaler', user: RANDI, personal: /./ },
  { text: 'samtaleoversikt', user: RANDI, personal: /Lars Lærer/ },
  { text: 'send melding', user: HANNE, personal: /./ },
  { text: 'installasjonsstatus', user: HANNE, personal: /Lars Lærer|Randi Rektor/ },
];

const textOf = (a: Partial<Activity>) => [a.text ?? '', ...(a.attachments ?? []).map((x) => cardText(x.content))].join('\n');

async function openPersonalChat(h: Harness, user: TestUser) {
  await h.say('hei', user, `personal-${user.id}`);
}

describe('Personal routes in a group chat or channel', () => {
  it('every message route of the personal modules is covered by this test', async () => {
    const h = await createHarness();
    const messages = personalRoutesOf(h.bot.app).filter((r) => r.kind === 'message');
    for (const route of messages) {
      const selector = route.selector as RegExp;
      expect(COMMANDS.some((c) => selector.test(c.text)), `no test for ${selector}`).toBe(true);
    }
  });

  for (const [type, where] of Object.entries(SHARED)) {
    for (const command of COMMANDS) {
      it(`«${command.text}» in a ${type}: only a neutral line there, the card in ${command.user.name}'s personal chat`, async () => {
        const h = await createHarness();
        await openPersonalChat(h, command.user);
        const replies = await h.send({ type: 'message', text: command.text, ...where }, command.user, where.conversation.id);
        expect(replies.map((r) => r.text)).toEqual([SCOPE_TEXT.movedToPersonal]);
        expect(replies.every((r) => !r.attachments?.length)).toBe(true);
        expect(h.personalSends.length).toBeGreaterThan(0);
        expect(h.personalSends.every((s) => s.ref.conversationId === `personal-${command.user.id}`)).toBe(true);
        const sent = h.personalSends.map((s) => [s.message.text ?? '', s.message.card ? cardText(s.message.card) : ''].join('\n')).join('\n');
        expect(sent).toMatch(command.personal);
      });

      it(`«${command.text}» in a ${type} by someone without a personal chat: how to open one, nothing shown or sent`, async () => {
        const h = await createHarness();
        const replies = await h.send({ type: 'message', text: command.text, ...where }, command.user, where.conversation.id);
        expect(replies.map((r) => r.text)).toEqual([SCOPE_TEXT.openPersonalChat]);
        expect(h.personalSends).toEqual([]);
      });
    }
  }

  it('the same command in the personal chat shows the card there, as before', async () => {
    const h = await createHarness();
    const replies = await h.say('min kompetanse', LARS, 'personal-lars');
    expect(cardText(cardOf(replies[0]))).toMatch(/Lars Lærer/);
    expect(h.personalSends).toEqual([]);
  });

  it('Q&A still answers in a group chat', async () => {
    const h = await createHarness();
    const replies = await h.send({ type: 'message', text: 'hjelp', ...SHARED.groupChat }, LARS, SHARED.groupChat.conversation.id);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.map((r) => r.text)).not.toContain(SCOPE_TEXT.movedToPersonal);
  });

  it('a failed send to the personal chat is said, and nothing is shown in the group chat', async () => {
    const h = await createHarness();
    await openPersonalChat(h, LARS);
    const original = h.personalSends.push.bind(h.personalSends);
    h.personalSends.push = () => {
      throw new Error('403');
    };
    const replies = await h.send({ type: 'message', text: 'min kompetanse', ...SHARED.groupChat }, LARS, SHARED.groupChat.conversation.id);
    h.personalSends.push = original;
    expect(replies.map((r) => r.text)).toEqual([SCOPE_TEXT.sendFailed]);
    expect(replies.every((r) => !r.attachments?.length)).toBe(true);
  });
});

describe('Card buttons pressed in a group chat or channel', () => {
  for (const [type, where] of Object.entries(SHARED)) {
    it(`every personal card verb in a ${type} answers the presser with a neutral line; the card goes to their personal chat`, async () => {
      const h = await createHarness();
      await openPersonalChat(h, RANDI);
      const cards = personalRoutesOf(h.bot.app).filter((r) => r.kind !== 'message');
      expect(cards.length).toBeGreaterThan(20);
      for (const route of cards) {
        const verb = route.selector as string;
        h.personalSends.length = 0;
        const replies =
          route.kind === 'execute'
            ? await h.send({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: {} } }, ...where }, RANDI, where.conversation.id)
            : await h.send({ type: 'message', value: { verb }, ...where }, RANDI, where.conversation.id);
        for (const reply of replies) {
          const body = (reply.value as { body?: { type?: string; value?: unknown } } | undefined)?.body;
          if (reply.type === 'invokeResponse') {
            expect(body, verb).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: SCOPE_TEXT.movedToPersonal });
          } else {
            expect(reply.text, verb).toBe(SCOPE_TEXT.movedToPersonal);
            expect(reply.attachments ?? [], verb).toEqual([]);
          }
        }
        expect(h.personalSends.length, verb).toBeGreaterThan(0);
      }
    });
  }

  it('«Start og send invitasjon» pressed in a group chat for an employee the bot cannot reach: the notice goes to the leader\'s personal chat, and «Be Lars installere» is not posted in the group', async () => {
    const h = await createHarness();
    await openPersonalChat(h, RANDI);
    const replies = await h.send(
      { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: VERBS.samtaleStart, data: { employeeId: '1004', date: '2026-12-01' } } }, ...SHARED.groupChat },
      RANDI,
      SHARED.groupChat.conversation.id,
    );
    expect(replies.map(textOf).join('\n')).not.toMatch(/Lars|installere/);
    expect(cardText(h.personalSends.at(-1)?.message.card)).toContain('Lars får ingen invitasjon fra boten');
  });

  it('«Åpne registreringen» pressed in a group chat acts for the presser: their own registration, in their personal chat', async () => {
    const h = await createHarness();
    await openPersonalChat(h, LARS);
    const replies = await h.send(
      { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: VERBS.registrationOpen, data: { employeeId: '1004' } } }, ...SHARED.groupChat },
      LARS,
      SHARED.groupChat.conversation.id,
    );
    expect(replies.map(textOf).join('\n')).not.toMatch(/Lars|Slett/);
    expect(cardText(h.personalSends[0]?.message.card)).toMatch(/Lars Lærer/);
  });
});
