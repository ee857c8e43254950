import { join, resolve } from 'node:path';
import { z } from 'zod';
import { projectRoot } from './util/project-root.js';

/**
 * Environment schema. Every key is validated at boot; a bad value stops the start with a
 * message listing every bad key at once, so an operator fixes all of them in one go.
 */
const envSchema = z
  .object({
    BOT_MODE: z.enum(['local', 'cloud']).default('cloud'),
    BOT_APP_ID: z.string().trim().default(''),
    BOT_APP_PASSWORD: z.string().default(''),
    BOT_TENANT_ID: z.string().trim().default(''),
    BOT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    HOST: z.string().trim().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    DATA_FILE: z.string().trim().min(1).default('data/kompetansebot.json'),
    /** Where the bot stores its data: lowdb files (one instance) or PostgreSQL (one or more instances). */
    STORAGE: z.enum(['lowdb', 'postgres'], { message: 'må være «lowdb» eller «postgres»' }).default('lowdb'),
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'må være en PostgreSQL-adresse, f.eks. postgres://bruker:passord@vert:5432/database')
      .optional(),
    CONTENT_DIR: z.string().trim().min(1).optional(),
    PUBLIC_BASE_URL: z.string().trim().url().optional(),
    HR_CONTACT: z.string().trim().min(3).default('personalavdelingen (HR) i kommunen'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Organisation imported at start when none is stored; «none» turns it off. */
    ORG_SEED_FILE: z.string().trim().min(1).optional(),
    /** Proactive messages per second per tenant (Teams allows more; stay under it). */
    SEND_RATE_PER_SECOND: z.coerce.number().positive('må være større enn 0').max(1000, 'kan være høyst 1000').default(30),
    /** Attempts per proactive message (the first included) before it is marked failed. */
    SEND_MAX_ATTEMPTS: z.coerce.number().int('må være et helt tall').min(1, 'må være minst 1').max(50, 'kan være høyst 50').default(8),
    /** How often the job runner looks for due jobs (reminders, planned sends), in ms. */
    /** How often the årshjul reminders are planned, in minutes; 0 turns the reminders off. */
    ARSHJUL_PLAN_EVERY_MINUTES: z.coerce.number().int('må være et helt antall minutter').min(0, 'kan ikke være negativ').max(1440, 'kan være høyst 1440 (ett døgn)').default(15),
    SCHEDULER_TICK_MS: z.coerce.number().int('må være et helt antall millisekunder').min(100, 'må være minst 100').max(3_600_000, 'kan være høyst 3600000').default(5000),
    /** Months after a confirmed referat before the samtale's working notes (preparations, notes) are deleted. */
    /** Bearer key for POST/GET /api/broadcasts (other systems sending HR broadcasts); unset = the endpoint is off. */
    /** The Teams app id (manifest `id`, TEAMS_APP_ID in env/.env.<miljø>): the install link on «Be X installere Kompetansebot». */
    TEAMS_APP_ID: z.string().trim().uuid('må være Teams-appens id (en GUID)').optional(),
    BROADCAST_API_KEY: z.string().trim().min(32, 'må være minst 32 tegn (bruk f.eks. `openssl rand -base64 32`)').optional(),
    SAMTALE_NOTES_RETENTION_MONTHS: z.coerce.number().int('må være et helt antall måneder').min(1, 'må være minst 1').max(120, 'kan være høyst 120').default(3),
    /** Months after confirmation before an exported (archived) referat is deleted; the municipality's arkivplan decides. */
    SAMTALE_REFERAT_RETENTION_MONTHS: z.coerce.number().int('må være et helt antall måneder').min(1, 'må være minst 1').max(1200, 'kan være høyst 1200').default(24),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_MODE === 'cloud' && !env.BOT_APP_ID) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['BOT_APP_ID'],
        message: 'må være satt når BOT_MODE=cloud (uten app-id godtar Bot Framework uautentiserte kall). Bruk BOT_MODE=local for å kjøre lokalt.',
      });
    }
    if (env.BOT_MODE === 'cloud' && env.BOT_APP_ID && env.BOT_APP_TYPE !== 'UserAssignedMSI' && !env.BOT_APP_PASSWORD) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['BOT_APP_PASSWORD'], message: 'må være satt når BOT_APP_ID er satt' });
    }
    if (env.BOT_APP_TYPE !== 'MultiTenant' && env.BOT_APP_ID && !env.BOT_TENANT_ID) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['BOT_TENANT_ID'], message: `må være satt når BOT_APP_TYPE=${env.BOT_APP_TYPE}` });
    }
    if (env.STORAGE === 'postgres' && !env.DATABASE_URL) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['DATABASE_URL'], message: 'må være satt når STORAGE=postgres (f.eks. postgres://bruker:passord@vert:5432/database)' });
    }
    if (env.BOT_MODE === 'local' && env.HOST && !['127.0.0.1', 'localhost', '::1'].includes(env.HOST)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['HOST'], message: 'lokal modus lytter bare på 127.0.0.1' });
    }
  });

export interface AppConfig {
  mode: 'local' | 'cloud';
  bot: { appId: string; appPassword: string; tenantId: string; appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' };
  http: { host: string; port: number };
  dataFile: string;
  /** The store the bot opens: lowdb at `dataFile`, or PostgreSQL at `databaseUrl`. */
  storage: StorageConfig;
  contentDir: string;
  hrContact: string;
  logLevel: string;
  /** Imported at start when no organisation is stored; undefined = no seeding. */
  orgSeedFile?: string;
  /** Where people reach this server (download links); in local mode http://127.0.0.1:<port>. */
  publicBaseUrl?: string;
  /** Proactive sending: global rate per tenant (messages/s) and attempts per message. */
  delivery: { ratePerSecond: number; maxAttempts: number };
  /** Job runner tick, ms. */
  scheduler: { tickMs: number };
  /** Årshjul reminders: planning interval in minutes (0 = off). */
  arshjul: { planEveryMinutes: number };
  /** Medarbeidersamtale: working notes are deleted this many months after the referat is confirmed. */
  samtale: { notesRetentionMonths: number; referatRetentionMonths: number };
  /** Key guarding /api/broadcasts; undefined = the endpoint answers 404. */
  broadcastApiKey?: string;
  /** Teams app id for the install link; undefined = people are told to search for the app. */
  teamsAppId?: string;
}

export type StorageConfig = { kind: 'lowdb'; dataFile: string } | { kind: 'postgres'; databaseUrl: string };

/** Thrown when the environment is invalid; `problems` has one line per bad key. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ugyldig konfigurasjon (${problems.length}):\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a typed config, or throws {@link ConfigError} naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): AppConfig {
  // Treat empty strings as "not set" so `KEY=` in an env file falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(miljø)'}: ${i.message}`));
  }
  const e = parsed.data;
  const local = e.BOT_MODE === 'local';
  return {
    mode: e.BOT_MODE,
    // In local mode the app id is ignored on purpose: the Playground sends no token.
    bot: { appId: local ? '' : e.BOT_APP_ID, appPassword: local ? '' : e.BOT_APP_PASSWORD, tenantId: e.BOT_TENANT_ID, appType: e.BOT_APP_TYPE },
    http: { host: local ? '127.0.0.1' : e.HOST ?? '0.0.0.0', port: e.PORT },
    dataFile: resolve(cwd, e.DATA_FILE),
    storage: e.STORAGE === 'postgres' ? { kind: 'postgres', databaseUrl: e.DATABASE_URL! } : { kind: 'lowdb', dataFile: resolve(cwd, e.DATA_FILE) },
    contentDir: contentDirOf(e, cwd),
    hrContact: e.HR_CONTACT,
    logLevel: e.LOG_LEVEL,
    orgSeedFile: orgSeedFile(e, cwd),
    publicBaseUrl: e.PUBLIC_BASE_URL,
    delivery: { ratePerSecond: e.SEND_RATE_PER_SECOND, maxAttempts: e.SEND_MAX_ATTEMPTS },
    scheduler: { tickMs: e.SCHEDULER_TICK_MS },
    arshjul: { planEveryMinutes: e.ARSHJUL_PLAN_EVERY_MINUTES },
    samtale: { notesRetentionMonths: e.SAMTALE_NOTES_RETENTION_MONTHS, referatRetentionMonths: e.SAMTALE_REFERAT_RETENTION_MONTHS },
    broadcastApiKey: e.BROADCAST_API_KEY,
    teamsAppId: e.TEAMS_APP_ID,
  };
}

/** The demo organisation is the default only in local mode: a real tenant must never start with made-up people. */
function orgSeedFile(e: { BOT_MODE: string; CONTENT_DIR?: string; ORG_SEED_FILE?: string }, cwd: string): string | undefined {
  if (e.ORG_SEED_FILE === 'none') return undefined;
  if (e.ORG_SEED_FILE) return resolve(cwd, e.ORG_SEED_FILE);
  return e.BOT_MODE === 'local' ? join(contentDirOf(e, cwd), 'org', 'demo-org.json') : undefined;
}

/** CONTENT_DIR when set (relative to the working folder); otherwise the content shipped with the app, wherever it is installed. */
function contentDirOf(e: { CONTENT_DIR?: string }, cwd: string): string {
  return e.CONTENT_DIR ? resolve(cwd, e.CONTENT_DIR) : join(projectRoot, 'content');
}
