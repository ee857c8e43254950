import { join } from 'node:path';
import { createAdapter } from './bot/adapter.js';
import { createBot } from './bot/app.js';
import { ConfigError, loadConfig } from './config.js';
import { createDownloads } from './http/downloads.js';
import { createHttpServer } from './http/server.js';
import { createLogger } from './logging/logger.js';
import { KnowledgeLoadError } from './modules/qa/knowledge.js';
import { createOrgService, OrgSeedError } from './modules/org/org-service.js';
import { createCompetenceService } from './modules/gap/gap-service.js';
import { loadCompetenceContent } from './modules/registration/catalogue/catalogue.js';
import { seedDemoRegistrations } from './modules/registration/demo-registrations.js';
import { createQaService, loadQaContent } from './modules/qa/qa-service.js';
import { createDelivery } from './modules/delivery/delivery.js';
import { createTeamsSender } from './modules/delivery/teams.js';
import { createBroadcastService } from './modules/broadcast/broadcast-service.js';
import { registerBroadcastRenderer } from './modules/broadcast/delivery.js';
import { createLiveProgress } from './modules/broadcast/live-progress.js';
import { createTeamsCardUpdater } from './modules/broadcast/teams.js';
import { createArshjulService } from './modules/arshjul/arshjul-service.js';
import { samtaleCompletion } from './modules/samtale/arshjul-completion.js';
import { ArshjulContentError, loadArshjulSource } from './modules/arshjul/calendar.js';
import { createArshjulEditor } from './modules/arshjul/calendar-editor.js';
import { deliverLateReminders, wireArshjulReminders } from './modules/arshjul/delivery.js';
import { createSamtaleService } from './modules/samtale/samtale-service.js';
import { loadSamtaleTemplates, SamtaleTemplateError } from './modules/samtale/template.js';
import { wireSamtaleDelivery } from './modules/samtale/delivery.js';
import { createHrQuestionsService } from './modules/hr-questions/hr-questions-service.js';
import { wireHrQuestions } from './modules/hr-questions/delivery.js';
import { createScheduler } from './scheduler/scheduler.js';
import { systemClock } from './shared/dates.js';
import { openStore, PostgresUnavailableError } from './storage/open-store.js';
import { CorruptStoreError } from './storage/ports/errors.js';

/** Composition root: config → logger → storage → modules → bot → http. */
export async function main(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);
  const store = await openStore(config.storage, {
    onMigrated: ({ applied, version }) => applied.length && logger.info({ applied, version }, 'Databaseskjemaet er oppdatert'),
  });
  const org = await createOrgService({ store, clock: systemClock, logger, seedFile: config.orgSeedFile });
  const content = loadQaContent(config.contentDir, undefined, config.kommune);
  const qa = createQaService({ content, store, clock: systemClock, hrContact: config.hrContact, logger });
  const competence = createCompetenceService({
    content: loadCompetenceContent(config.contentDir, content.kb, config.kommune),
    registrations: store.registrations,
    org,
    clock: systemClock,
    logger,
  });
  // årshjul: HR's data file, validated at start (a broken edit stops the start naming file and field).
  // HR's edits with cards are stored and override the file; the service reads the current one at every use.
  const arshjulEditor = await createArshjulEditor({ kv: store.kv, defaults: loadArshjulSource(config.contentDir, content.kb, join('arshjul', `${config.kommune.arshjul}.yml`)), kb: content.kb, org, clock: systemClock, logger });
  // «Ferdig» on the medarbeidersamtaler is checked against the samtaler (created below; read only when pressed).
  const arshjul = createArshjulService({ calendar: () => arshjulEditor.current(), org, state: store.arshjul, clock: systemClock, logger, kb: content.kb, completion: (...args) => samtaleCompletion(samtale)(...args) });
  // Medarbeidersamtale: HR's template, validated at start (a broken edit stops the start naming file and field).
  const samtale = createSamtaleService({
    samtaler: store.samtaler,
    audit: store.audit,
    org,
    templates: loadSamtaleTemplates(config.contentDir, content.kb),
    competence,
    clock: systemClock,
    logger,
    notesRetentionMonths: config.samtale.notesRetentionMonths,
    referatRetentionMonths: config.samtale.referatRetentionMonths,
    // Notices go through the delivery outbox (created below; only used once commands run).
    outbox: { enqueue: (campaign, items) => delivery.enqueue(campaign, items) },
  });
  // Local mode: fictional registrations for the demo organisation, so «kompetansegap» shows a real picture.
  if (config.mode === 'local') await seedDemoRegistrations({ contentDir: config.contentDir, competence, registrations: store.registrations, org, clock: systemClock, logger });
  const adapter = createAdapter(config, logger);
  let boundPort = config.http.port;
  const downloads = createDownloads({
    clock: systemClock,
    publicBaseUrl: () => config.publicBaseUrl ?? (config.mode === 'local' ? `http://127.0.0.1:${boundPort}` : undefined),
  });
  // Proactive delivery (outbox + dispatcher) and the job runner; capabilities register renderers and jobs on them before they start.
  const delivery = createDelivery({
    store,
    org,
    sender: createTeamsSender({ adapter, botAppId: config.bot.appId }),
    clock: systemClock,
    logger,
    ratePerSecond: config.delivery.ratePerSecond,
    maxAttempts: config.delivery.maxAttempts,
  });
  // broadcast: HR's kunngjøringer go out through the delivery outbox.
  const broadcast = createBroadcastService({ org, delivery, qaTitle: (id) => content.kb.byId.get(id)?.title, clock: systemClock, logger, hrContact: config.hrContact });
  registerBroadcastRenderer(delivery.renderers);
  const scheduler = createScheduler({ jobs: store.jobs, clock: systemClock, logger, tickMs: config.scheduler.tickMs });
  // årshjul reminders: planned every ARSHJUL_PLAN_EVERY_MINUTES into the outbox, each key once.
  const planArshjulReminders = await wireArshjulReminders({ arshjul, delivery, scheduler, everyMinutes: config.arshjul.planEveryMinutes, refreshCalendar: () => arshjulEditor.refresh() });
  // Medarbeidersamtale: invitations, referat and reminders through the outbox; daily due-date reminders and retention.
  await wireSamtaleDelivery({ samtale, delivery, scheduler, clock: systemClock });
  // Reminders planned before someone could be reached go out when they first talk to the bot (deadline still ahead).
  const onReachable = async (employeeId: string) => {
    const added = await deliverLateReminders({ arshjul, delivery }, employeeId);
    if (added) logger.info({ employeeId, added }, 'arshjul.reminders.late');
  };
  // «Send spørsmålet til HR»: questions to HR and answers back through the outbox; daily deletion after the retention time.
  const hrQuestions = createHrQuestionsService({
    repo: store.hrQuestions,
    org,
    outbox: delivery,
    reachableEmployeeIds: () => delivery.refs.reachableEmployeeIds(),
    kb: content.kb,
    draftsDir: config.hrQuestions.draftsDir,
    retentionDays: config.hrQuestions.retentionDays,
    hrContact: config.hrContact,
    clock: systemClock,
    logger,
  });
  await wireHrQuestions({ service: hrQuestions, renderers: delivery.renderers, scheduler, clock: systemClock });
  // The progress card HR gets after «Send» is updated in place until the campaign ends.
  const liveProgress = createLiveProgress({ broadcast, updater: createTeamsCardUpdater({ adapter: () => adapter, botAppId: config.bot.appId }), kv: store.kv, clock: systemClock, logger });
  void liveProgress.tick().catch(() => undefined);
  const bot = createBot({ store, qa, org, competence, arshjul, arshjulEditor, samtale, delivery, downloads, hrContact: config.hrContact, logger, botAppId: config.bot.appId, adapter, broadcast, clock: systemClock, hrQuestions, userTurnsPerMinute: config.userTurnsPerMinute, onReachable, teamsAppId: config.teamsAppId, liveProgress });
  const server = createHttpServer({
    bot,
    downloads,
    adapter,
    logger,
    broadcastApi: { broadcast, apiKey: config.broadcastApiKey, logger },
    healthKey: config.broadcastApiKey,
    loopbackHostOnly: config.mode === 'local',
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

  delivery.dispatcher.start();
  scheduler.start();

  const stop = async () => {
    server.close();
    liveProgress.stop();
    await scheduler.stop();
    await delivery.dispatcher.stop();
    await store.close();
  };
  return { server, port: address.port, stop, delivery, scheduler, arshjul, planArshjulReminders, liveProgress };
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
      if (err instanceof ConfigError || err instanceof KnowledgeLoadError || err instanceof CorruptStoreError || err instanceof PostgresUnavailableError || err instanceof OrgSeedError || err instanceof ArshjulContentError || err instanceof SamtaleTemplateError) {
        console.error(`Kompetansebot startet ikke.\n${err.message}`);
      } else {
        console.error('Kompetansebot startet ikke:', err);
      }
      process.exit(1);
    },
  );
}
