import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';

/**
 * The Bot Framework adapter. With an app id it validates every incoming JWT (unauthenticated
 * requests get 401); with an empty app id (local mode only, enforced by the config) it accepts
 * unauthenticated requests, which is what the Agents Playground sends.
 */
export function createAdapter(config: AppConfig, logger: Logger): TeamsAdapter {
  const credentials = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  };
  const adapter = new TeamsAdapter(credentials, new ConfigurationServiceClientCredentialFactory(credentials));
  const log = logger.child('adapter');
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error.name, activityType: context.activity.type }, 'adapter.turnError');
    try {
      await context.sendActivity('Beklager, noe gikk galt hos meg. Prøv igjen om litt.');
    } catch {
      // ignore: the channel may be unreachable
    }
  };
  return adapter;
}
