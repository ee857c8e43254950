import { Application, type TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Capability } from '../cards/help-card.js';
import type { Logger } from '../logging/logger.js';
import { downloadOwner, type Downloads } from '../shared/downloads.js';
import type { CompetenceService } from '../modules/gap/gap-service.js';
import type { ArshjulService } from '../modules/arshjul/arshjul-service.js';
import type { ArshjulEditor } from '../modules/arshjul/calendar-editor.js';
import { ARSHJUL_CAPABILITY, registerArshjulRoutes } from '../modules/arshjul/teams.js';
import { registerDeliveryRoutes } from '../modules/delivery/teams.js';
import type { Delivery } from '../modules/delivery/delivery.js';
import type { BroadcastService } from '../modules/broadcast/broadcast-service.js';
import { BROADCAST_CAPABILITY, registerBroadcastRoutes } from '../modules/broadcast/teams.js';
import type { LiveProgress } from '../modules/broadcast/live-progress.js';
import { type Clock, osloToday, systemClock } from '../shared/dates.js';
import { REGISTRATION_CAPABILITY, registerRegistrationRoutes } from '../modules/registration/teams.js';
import { GAP_CAPABILITY, registerGapRoutes } from '../modules/gap/teams.js';
import type { OrgService } from '../modules/org/org-service.js';
import { ORG_CAPABILITY, registerOrgRoutes } from '../modules/org/teams.js';
import type { HrQuestionsService } from '../modules/hr-questions/hr-questions-service.js';
import { HR_QUESTIONS_CAPABILITY, registerHrQuestionRoutes } from '../modules/hr-questions/teams.js';
import type { QaService } from '../modules/qa/qa-service.js';
import { registerQaFallback, registerQaRoutes } from '../modules/qa/teams.js';
import type { SamtaleService } from '../modules/samtale/service-api.js';
import { registerSamtaleRoutes } from '../modules/samtale/teams.js';
import { SAMTALE_CAPABILITY } from '../modules/samtale/teams-input.js';
import type { Store } from '../storage/ports/store.js';
import { createConversationRefs, userRefKey } from '../modules/delivery/conversation-refs.js';
import { createReachability } from '../modules/delivery/reachability.js';
import { createTeamsSender } from '../modules/delivery/teams.js';
import { KeyedQueue } from './keyed-queue.js';
import { userIdOf } from './reply.js';
import { createTurnLimiter, TURN_LIMIT_TEXT } from './turn-limit.js';
import { PERSONAL_CHAT_KEY, type PersonalChat } from './scope.js';
import type { AppTurnState } from './state.js';
import { TurnStateStorage } from './turn-state-storage.js';

export interface BotDeps {
  store: Store;
  qa: QaService;
  org: OrgService;
  competence: CompetenceService;
  /** The årshjul (annual cycle): «Hva skjer nå?», «Ferdig», reminders. */
  arshjul: ArshjulService;
  /** HR edits the årshjul with cards («rediger årshjul»); without it the command is not there. */
  arshjulEditor?: ArshjulEditor;
  /** One-time download links for exports. */
  downloads: Downloads;
  hrContact: string;
  logger: Logger;
  /** Needed for proactive messages; empty in local mode. */
  botAppId?: string;
  adapter?: TeamsAdapter;
  /** HR broadcasts (main.ts: over the delivery outbox; the test harness: one that only enqueues). */
  broadcast: BroadcastService;
  /** The medarbeidersamtale. */
  samtale: SamtaleService;
  /** Proactive messages (main.ts); without it, notices go straight into the store's outbox (tests). */
  delivery?: Pick<Delivery, 'enqueue'>;
  /** Time for everything the Teams layer dates (default: the system clock). */
  clock?: Clock;
  /** «Send spørsmålet til HR»; without it, declines point to HR_CONTACT only. */
  hrQuestions?: HrQuestionsService;
  /** Turns one person may start per minute (USER_TURNS_PER_MINUTE); 0 or unset = no limit. */
  userTurnsPerMinute?: number;
  /**
   * Where personal routes asked in a group chat or channel send their cards (src/bot/scope.ts).
   * Default: the saved personal-chat references and a sender over `adapter`; without an
   * adapter nobody can be reached, and such routes say how to open a personal chat.
   */
  personalChat?: PersonalChat;
  /** Someone's personal chat was saved: deliver what could not reach them before (main.ts: late årshjul reminders). */
  onReachable?: (employeeId: string) => Promise<void>;
  /** Teams app id (TEAMS_APP_ID) for «Be X installere Kompetansebot». */
  teamsAppId?: string;
  /** Broadcast progress cards updated in place (main.ts and the harness make it over their adapter). */
  liveProgress?: LiveProgress;
}

export interface Bot {
  app: Application<AppTurnState>;
  /** Runs one turn; turns of the same conversation run one at a time. */
  handleTurn(context: TurnContext): Promise<void>;
}

export const ERROR_TEXT = 'Beklager, noe gikk galt hos meg. Prøv igjen om litt. Hvis feilen gjentar seg, kontakt HR.';

/** Composes the teams-ai Application from the modules. The only place routes are wired. */
export function createBot(deps: BotDeps): Bot {
  const log = deps.logger.child('bot');
  const clock = deps.clock ?? systemClock;
  const app = new Application<AppTurnState>({
    storage: new TurnStateStorage(deps.store.kv),
    botAppId: deps.botAppId,
    // teams-ai needs the adapter only for proactive sends; incoming turns come through handleTurn.
    adapter: deps.adapter,
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState() as AppTurnState,
  });

  const capabilities = (): Capability[] => [
    { title: 'Spørsmål og svar', text: 'Roller og ansvar, lovkrav til stillinger, rekruttering, medarbeidersamtalen, kompetanseanalyse, årshjul og nøkkeltall – med kilde.' },
    ORG_CAPABILITY,
    REGISTRATION_CAPABILITY,
    GAP_CAPABILITY,
    ARSHJUL_CAPABILITY,
    BROADCAST_CAPABILITY,
    SAMTALE_CAPABILITY,
    ...(deps.hrQuestions ? [HR_QUESTIONS_CAPABILITY] : []),
  ];

  const hrQuestions = deps.hrQuestions;
  const qaDeps = {
    qa: deps.qa,
    hrContact: deps.hrContact,
    capabilities,
    askHr: Boolean(hrQuestions),
    onDecline: hrQuestions && ((question: string) => hrQuestions.recordDecline(question)),
    logger: deps.logger,
  };
  registerQaRoutes(app, qaDeps);
  // Modules with their own commands register here, before the Q&A catch-all.
  registerOrgRoutes(app, { org: deps.org, hrContact: deps.hrContact, logger: deps.logger });
  registerRegistrationRoutes(app, { competence: deps.competence, org: deps.org, downloads: deps.downloads, hrContact: deps.hrContact, logger: deps.logger });
  registerGapRoutes(app, { competence: deps.competence, org: deps.org, downloads: deps.downloads, hrContact: deps.hrContact, logger: deps.logger });
  const arshjulEditor = deps.arshjulEditor && {
    editor: deps.arshjulEditor,
    qaEntries: () => deps.qa.kb.entries.map((e) => ({ id: e.id, title: e.title })),
    documents: () => [...deps.qa.kb.documents.values()].map((d) => ({ id: d.id, short: d.short, year: d.year })),
  };
  registerArshjulRoutes(app, { arshjul: deps.arshjul, org: deps.org, downloads: deps.downloads, hrContact: deps.hrContact, logger: deps.logger, editor: arshjulEditor });
  registerDeliveryRoutes(app, { refs: deps.store.conversationRefs, org: deps.org, downloads: deps.downloads, hrContact: deps.hrContact, logger: deps.logger, onReachable: deps.onReachable, teamsAppId: deps.teamsAppId });
  registerBroadcastRoutes(app, {
    broadcast: deps.broadcast,
    org: deps.org,
    downloads: deps.downloads,
    hrContact: deps.hrContact,
    qaEntries: () => deps.qa.kb.entries.map((e) => ({ id: e.id, title: e.title })),
    logger: deps.logger,
    live: deps.liveProgress,
  });
  registerSamtaleRoutes(app, { samtale: deps.samtale, org: deps.org, downloads: deps.downloads, reachability: createReachability(createConversationRefs({ repo: deps.store.conversationRefs, clock, directory: () => deps.org.directory() })), teamsAppId: deps.teamsAppId, today: () => osloToday(clock.now()), hrContact: deps.hrContact, logger: deps.logger });
  if (hrQuestions) {
    registerHrQuestionRoutes(app, { hrQuestions, org: deps.org, hrContact: deps.hrContact, logger: deps.logger, documents: () => [...deps.qa.kb.documents.values()] });
  }
  registerQaFallback(app, qaDeps);

  app.error(async (context, error) => {
    log.error({ err: error.name, activityType: context.activity.type, conversationId: context.activity.conversation?.id }, 'turn.failed');
    try {
      await context.sendActivity(ERROR_TEXT);
    } catch {
      // The channel may be gone; nothing more to do.
    }
  });

  const personalChat = deps.personalChat ?? defaultPersonalChat(deps);
  const queue = new KeyedQueue();
  const limiter = createTurnLimiter({ perMinute: deps.userTurnsPerMinute ?? 0, clock });
  return {
    app,
    handleTurn: async (context) => {
      const user = userIdOf(context);
      const type = context.activity.type;
      // Only what a person does counts (messages, card clicks); installs and other events do not.
      if (type === 'message' || type === 'invoke') {
        const decision = limiter.check(user);
        if (decision !== 'allow') {
          log.warn({ activityType: type, told: decision === 'refuse' }, 'turn.rateLimited');
          if (type === 'invoke') {
            // A card click must get an invoke response, or Teams shows its own error.
            await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: TURN_LIMIT_TEXT } } });
          } else if (decision === 'refuse') {
            await context.sendActivity(TURN_LIMIT_TEXT);
          }
          return;
        }
      }
      const key = context.activity.conversation?.id ?? 'ukjent';
      // Download links made during the turn count against this person (see createDownloads).
      await downloadOwner.run(user, () =>
        queue.run(key, async () => {
          if (personalChat) context.turnState.set(PERSONAL_CHAT_KEY, personalChat);
          await app.run(context);
        }),
      );
    },
  };
}

/** The user's saved personal-chat reference, and a send over the adapter (no outbox: nothing personal is stored for it). */
function defaultPersonalChat(deps: BotDeps): PersonalChat | undefined {
  if (!deps.adapter) return undefined;
  const sender = createTeamsSender({ adapter: deps.adapter, botAppId: deps.botAppId, clock: deps.clock });
  return {
    async find(user) {
      const who = user.aadObjectId ?? user.id;
      const ref = who ? await deps.store.conversationRefs.get(userRefKey(who)) : undefined;
      return ref?.kind === 'user' ? ref : undefined;
    },
    send: (ref, message) => sender.send(ref, message),
  };
}
