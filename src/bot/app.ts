import { Application, type TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Capability } from '../cards/help-card.js';
import type { Logger } from '../logging/logger.js';
import type { Downloads } from '../http/downloads.js';
import type { CompetenceService } from '../modules/competence/competence-service.js';
import type { OrgService } from '../modules/org/org-service.js';
import { ORG_CAPABILITY, registerOrgRoutes } from '../modules/org/teams.js';
import type { QaService } from '../modules/qa/qa-service.js';
import { registerQaFallback, registerQaRoutes } from '../modules/qa/teams.js';
import type { Store } from '../storage/ports.js';
import { KeyedQueue } from './keyed-queue.js';
import type { AppTurnState } from './state.js';
import { TurnStateStorage } from './turn-state-storage.js';

export interface BotDeps {
  store: Store;
  qa: QaService;
  org: OrgService;
  competence: CompetenceService;
  /** One-time download links for exports. */
  downloads: Downloads;
  hrContact: string;
  logger: Logger;
  /** Needed for proactive messages; empty in local mode. */
  botAppId?: string;
  adapter?: TeamsAdapter;
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
  ];

  const qaDeps = { qa: deps.qa, hrContact: deps.hrContact, capabilities };
  registerQaRoutes(app, qaDeps);
  // Modules with their own commands register here, before the Q&A catch-all.
  registerOrgRoutes(app, { org: deps.org, hrContact: deps.hrContact, logger: deps.logger });
  registerQaFallback(app, qaDeps);

  app.error(async (context, error) => {
    log.error({ err: error.name, activityType: context.activity.type, conversationId: context.activity.conversation?.id }, 'turn.failed');
    try {
      await context.sendActivity(ERROR_TEXT);
    } catch {
      // The channel may be gone; nothing more to do.
    }
  });

  const queue = new KeyedQueue();
  return {
    app,
    handleTurn: async (context) => {
      const key = context.activity.conversation?.id ?? 'ukjent';
      await queue.run(key, async () => {
        await app.run(context);
      });
    },
  };
}
