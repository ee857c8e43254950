import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKommuneProfile } from '../../src/modules/kommune/profile.js';
import { seedDemoRegistrations } from '../../src/modules/registration/demo-registrations.js';
import { type Activity, TestAdapter, TurnContext } from 'botbuilder';
import { createLiveProgress } from '../../src/modules/broadcast/live-progress.js';
import { createTeamsCardUpdater } from '../../src/modules/broadcast/teams.js';
import { createBot } from '../../src/bot/app.js';
import { silentLogger } from '../../src/logging/logger.js';
import { createOrgService } from '../../src/modules/org/org-service.js';
import { loadCompetenceContent } from '../../src/modules/registration/catalogue/catalogue.js';
import { createCompetenceService } from '../../src/modules/gap/gap-service.js';
import { createDownloads } from '../../src/http/downloads.js';
import { createArshjulService } from '../../src/modules/arshjul/arshjul-service.js';
import { type ArshjulCalendar, parseArshjulCalendar, parseArshjulSource } from '../../src/modules/arshjul/calendar.js';
import { createArshjulEditor } from '../../src/modules/arshjul/calendar-editor.js';
import { createBroadcastService } from '../../src/modules/broadcast/broadcast-service.js';
import { createConversationRefs, userRefKey } from '../../src/modules/delivery/conversation-refs.js';
import type { PersonalChat, PersonalMessage } from '../../src/bot/scope.js';
import { TEST_ARSHJUL_YML } from '../modules/arshjul/fixtures.js';
import { createQaService, loadQaContent } from '../../src/modules/qa/qa-service.js';
import { createSamtaleService } from '../../src/modules/samtale/samtale-service.js';
import { template as samtaleTemplate } from '../modules/samtale/fixtures.js';
import { fixedClock } from '../../src/shared/dates.js';
import { createHrQuestionsService } from '../../src/modules/hr-questions/hr-questions-service.js';
import { openMemoryStore } from '../../src/storage/open-store.js';
import type { ConversationRefRecord } from '../../src/storage/ports/delivery.js';
import type { Store } from '../../src/storage/ports/store.js';
import { projectRoot } from '../../src/util/project-root.js';

export const FIXTURE_KNOWLEDGE = join(projectRoot, 'test/fixtures/qa-knowledge');
export const HR_CONTACT = 'HR-teamet (hr@fjordvik.kommune.no)';

export interface TestUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const LEADER: TestUser = { id: '29:leder', aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Ragnhild Leder' };

type Card = { type: string; body?: unknown[]; actions?: unknown[]; [k: string]: unknown };

/** A real teams-ai Application over botbuilder's TestAdapter and an in-memory store. */
export async function createHarness(
  opts: {
    store?: Store;
    knowledgeDir?: string;
    competenceContentDir?: string;
    arshjulCalendar?: ArshjulCalendar;
    /**
     * Run as this municipality (content/kommune/<id>.yml, like KOMMUNE): the real knowledge base, the
     * demo organisation of Fjordvik with its demo registrations, the profile's årshjul and scope rules.
     */
    kommune?: string;
    draftsDir?: string;
    userTurnsPerMinute?: number;
  } = {},
) {
  const store = opts.store ?? (await openMemoryStore());
  const contentDir = join(projectRoot, 'content');
  const kommune = opts.kommune ? loadKommuneProfile(contentDir, opts.kommune) : undefined;
  const content = loadQaContent(contentDir, opts.knowledgeDir ?? (kommune ? undefined : FIXTURE_KNOWLEDGE), kommune);
  const clock = fixedClock('2026-11-23T10:00:00Z');
  const qa = createQaService({ content, store, clock, hrContact: HR_CONTACT, logger: silentLogger });
  const org = await createOrgService({ store, clock, logger: silentLogger, seedFile: join(projectRoot, kommune ? 'content/org/demo-org.json' : 'test/fixtures/org/small-org.json') });
  const competence = createCompetenceService({
    // Links to Q&A entries are checked against the real knowledge base elsewhere; the harness uses a small fixture KB.
    content: loadCompetenceContent(opts.competenceContentDir ?? contentDir, kommune ? content.kb : undefined, kommune),
    registrations: store.registrations,
    org,
    clock,
    logger: silentLogger,
  });
  if (kommune) await seedDemoRegistrations({ contentDir, competence, registrations: store.registrations, org, clock, logger: silentLogger });
  const downloads = createDownloads({ clock, publicBaseUrl: () => 'http://127.0.0.1:3978' });
  // The test årshjul (test/modules/arshjul/fixtures.ts), its Q&A link pointed at an entry of the fixture KB.
  const arshjulYml = kommune ? readFileSync(join(contentDir, 'arshjul', `${kommune.arshjul}.yml`), 'utf8') : TEST_ARSHJUL_YML.replaceAll('kb-mbm', 'arshjul-skole');
  const arshjulCalendar = opts.arshjulCalendar ?? parseArshjulCalendar(arshjulYml, content.kb, 'test-arshjul.yml');
  // HR's editor starts from the test årshjul (a calendar passed in is used as is, without an editor).
  const arshjulEditor = opts.arshjulCalendar
    ? undefined
    : await createArshjulEditor({ kv: store.kv, defaults: parseArshjulSource(arshjulYml, content.kb, 'test-arshjul.yml'), kb: content.kb, org, clock, logger: silentLogger });
  const arshjul = createArshjulService({ calendar: arshjulEditor ? () => arshjulEditor.current() : arshjulCalendar, org, state: store.arshjul, clock, logger: silentLogger, kb: content.kb });
  // The small, stable samtale template of test/modules/samtale/fixtures.ts (HR edits to content/samtale do not move the tests).
  const samtale = createSamtaleService({
    samtaler: store.samtaler,
    audit: store.audit,
    org,
    templates: { defaultTemplate: samtaleTemplate, byId: new Map([[samtaleTemplate.id, samtaleTemplate]]) },
    competence,
    clock,
    logger: silentLogger,
    notesRetentionMonths: 12,
    // The use cases queue their notices into the store's outbox (no dispatcher runs in these tests).
    outbox: { enqueue: (campaign, items) => store.outbox.enqueue(campaign, items, clock.now()) },
  });
  // Broadcasts that only enqueue into the store's outbox (no dispatcher runs in these tests).
  const broadcast = createBroadcastService({
    org,
    delivery: {
      outbox: store.outbox,
      refs: createConversationRefs({ repo: store.conversationRefs, clock, directory: () => org.directory() }),
      enqueue: (campaign, items) => store.outbox.enqueue(campaign, items, clock.now()),
    },
    qaTitle: (id) => qa.kb.byId.get(id)?.title,
    clock,
    logger: silentLogger,
    hrContact: HR_CONTACT,
  });
  // «Send spørsmålet til HR» over the store's outbox (no dispatcher: tests render the items themselves).
  const hrQuestions = createHrQuestionsService({
    repo: store.hrQuestions,
    org,
    outbox: { enqueue: (campaign, items) => store.outbox.enqueue(campaign, items, clock.now()) },
    reachableEmployeeIds: () => createConversationRefs({ repo: store.conversationRefs, clock, directory: () => org.directory() }).reachableEmployeeIds(),
    kb: content.kb,
    draftsDir: opts.draftsDir ?? join(tmpdir(), 'kompetansebot-test-drafts-unused'),
    retentionDays: 90,
    hrContact: HR_CONTACT,
    clock,
    logger: silentLogger,
  });
  // The personal chat of a person asking in a group chat or channel: the saved reference, and a
  // send that is recorded here (TestAdapter cannot send proactively).
  const personalSends: { ref: ConversationRefRecord; message: PersonalMessage }[] = [];
  const personalChat: PersonalChat = {
    async find(user) {
      const who = user.aadObjectId ?? user.id;
      const ref = who ? await store.conversationRefs.get(userRefKey(who)) : undefined;
      return ref?.kind === 'user' ? ref : undefined;
    },
    async send(ref, message) {
      personalSends.push({ ref, message });
    },
  };
  // Live broadcast progress over the TestAdapter: continueConversation makes a context on it, and
  // its updateActivity is recorded in `cardUpdates`. No timer: tests call `liveProgress.tick()`.
  const cardUpdates: Partial<Activity>[] = [];
  let adapter: TestAdapter | undefined;
  const updater = createTeamsCardUpdater({
    adapter: () =>
      adapter && {
        continueConversationAsync: async (_appId, reference, logic) =>
          logic(new TurnContext(adapter!, TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true))),
      },
  });
  const liveProgress = createLiveProgress({ broadcast, updater, kv: store.kv, clock, logger: silentLogger, tickMs: 0 });
  const bot = createBot({ store, qa, org, competence, arshjul, arshjulEditor, samtale, downloads, broadcast, hrContact: HR_CONTACT, logger: silentLogger, clock, hrQuestions, userTurnsPerMinute: opts.userTurnsPerMinute, personalChat, liveProgress });
  adapter = new TestAdapter(async (context) => bot.handleTurn(context));
  const updateActivity = adapter.updateActivity.bind(adapter);
  adapter.updateActivity = async (context, activity) => {
    cardUpdates.push(activity);
    return updateActivity(context, activity);
  };

  function base(user: TestUser, conversationId: string): Partial<Activity> {
    return {
      channelId: 'msteams',
      serviceUrl: 'https://smba.example.invalid/',
      conversation: { id: conversationId, conversationType: 'personal', isGroup: false, name: '' },
      from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
      recipient: { id: '28:kompetansebot', name: 'Kompetansebot' },
      locale: 'nb-NO',
    };
  }

  /** Sends one activity and returns what the bot sent during that turn. */
  async function send(activity: Partial<Activity>, user = LEADER, conversationId = 'conv-1'): Promise<Partial<Activity>[]> {
    const before = adapter!.activeQueue.length;
    await adapter!.processActivity({ ...base(user, conversationId), ...activity });
    return adapter!.activeQueue.splice(before);
  }

  return {
    store,
    kommune,
    bot,
    adapter,
    qa,
    org,
    competence,
    arshjul,
    arshjulEditor,
    broadcast,
    liveProgress,
    cardUpdates,
    samtale,
    hrQuestions,
    downloads,
    clock,
    /** What the bot sent to people's personal chats from a group chat or channel (oldest first). */
    personalSends,
    base,
    send,
    say: (text: string, user = LEADER, conversationId = 'conv-1') => send({ type: 'message', text }, user, conversationId),
    /** Clicks an Action.Submit: Teams sends a message whose value is the action's data plus inputs. */
    submit: (data: Record<string, unknown>, user = LEADER, conversationId = 'conv-1') =>
      send({ type: 'message', value: data }, user, conversationId),
    /** Clicks an Action.Execute: Teams sends an adaptiveCard/action invoke. */
    execute: (verb: string, data: unknown, user = LEADER, conversationId = 'conv-1', replyToId?: string) =>
      send({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } }, ...(replyToId ? { replyToId } : {}) }, user, conversationId),
  };
}

/** The Adaptive Card in a reply, if any. */
export function cardOf(activity: Partial<Activity> | undefined): Card | undefined {
  const att = activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return att?.content as Card | undefined;
}

/** The card returned by an Action.Execute invoke response. */
export function invokeCardOf(activity: Partial<Activity> | undefined): Card | undefined {
  const value = activity?.value as { body?: { type?: string; value?: Card } } | undefined;
  return value?.body?.type === 'application/vnd.microsoft.card.adaptive' ? value.body.value : undefined;
}

/** All text a person would read on a card, joined. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value', 'label']) if (typeof o[key] === 'string') out.push(o[key] as string);
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out.join('\n');
}

/** Every element of a card whose `type` starts with `prefix` (`Action.`, `Input.`), depth first. */
function elementsOf(card: unknown, prefix: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith(prefix)) out.push(o);
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out;
}

/** Every action on a card (top level and inside ActionSets), depth first. */
export function actionsOf(card: unknown): Record<string, unknown>[] {
  return elementsOf(card, 'Action.');
}

/** Every input (`Input.*`) on a card, depth first. */
export function inputsOf(card: unknown): Record<string, unknown>[] {
  return elementsOf(card, 'Input.');
}

/** The input with this id on a card (the last one, should a card repeat an id). */
export function inputById(card: unknown, id: string): Record<string, unknown> | undefined {
  return inputsOf(card).findLast((i) => i.id === id);
}
