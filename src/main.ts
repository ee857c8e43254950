import { createAdapter } from './bot/adapter.js';
import { createBot } from './bot/app.js';
import { ConfigError, loadConfig } from './config.js';
import { createDownloads } from './http/downloads.js';
import { createHttpServer } from './http/server.js';
import { createLogger } from './logging/logger.js';
import { KnowledgeLoadError } from './modules/qa/knowledge.js';
import { createOrgService, OrgSeedError } from './modules/org/org-service.js';
import { createCompetenceService } from './modules/competence/competence-service.js';
import { loadCompetenceContent } from './modules/competence/catalogue.js';
import { createQaService, loadQaContent } from './modules/qa/qa-service.js';
import { systemClock } from './scheduler/clock.js';
import { openStore } from './storage/open-store.js';
import { CorruptStoreError } from './storage/ports.js';

/** Composition root: config → logger → storage → modules → bot → http. */
export async function main(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);
  const store = await openStore(config.dataFile);
  const org = await createOrgService({ store, clock: systemClock, logger, seedFile: config.orgSeedFile });
  const content = loadQaContent(config.contentDir);
  const qa = createQaService({ content, store, clock: systemClock, hrContact: config.hrContact, logger });
  const competence = createCompetenceService({
    content: loadCompetenceContent(config.contentDir, content.kb),
    registrations: store.registrations,
    org,
    clock: systemClock,
    logger,
  });
  const adapter = createAdapter(config, logger);
  let boundPort = config.http.port;
  const downloads = createDownloads({
    clock: systemClock,
    publicBaseUrl: () => config.publicBaseUrl ?? (config.mode === 'local' ? `http://127.0.0.1:${boundPort}` : undefined),
  });
  const bot = createBot({ store, qa, org, competence, downloads, hrContact: config.hrContact, logger, botAppId: config.bot.appId, adapter });
  const server = createHttpServer({
    bot,
    downloads,
    adapter,
    logger,
    health: () => ({ mode: config.mode, storage: store.kind, entries: content.kb.entries.length, employees: org.directory().snapshot.employees.length }),
  });
  await new Promise<void>((resolve) => server.listen(config.http.port, config.http.host, () => resolve()));
  const address = server.address();
  boundPort = address.port;
  logger.info(
    { mode: config.mode, host: config.http.host, port: address.port, entries: content.kb.entries.length, storage: store.kind },
    config.mode === 'local'
      ? `Kompetansebot kjører i LOKAL modus uten autentisering, kun på ${config.http.host}:${address.port}`
      : `Kompetansebot lytter på ${config.http.host}:${address.port}`,
  );

  const stop = async () => {
    server.close();
    await store.close();
  };
  return { server, port: address.port, stop };
}

const isEntryPoint = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isEntryPoint) {
  main().then(
    ({ stop }) => {
      const shutdown = () => void stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (err: unknown) => {
      if (err instanceof ConfigError || err instanceof KnowledgeLoadError || err instanceof CorruptStoreError || err instanceof OrgSeedError) {
        console.error(`Kompetansebot startet ikke.\n${err.message}`);
      } else {
        console.error('Kompetansebot startet ikke:', err);
      }
      process.exit(1);
    },
  );
}
