/**
 * Who is behind a Teams turn, and what to say to someone the bot cannot find: the glue every
 * module's Teams adapter shares (used through src/bot/card-route.ts).
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import type { Employee } from '../modules/org/model.js';
import type { OrgService } from '../modules/org/org-service.js';

/** A Teams user's directory data as the connector gives it. */
export interface MemberInfo {
  aadObjectId?: string;
  /** UPN, else e-mail. */
  upn?: string;
}

/** Asks Teams who the sender of this turn is. May throw (no connector, network, permissions). */
export type MemberLookup = (context: TurnContext) => Promise<MemberInfo | undefined>;

/** The real lookup: TeamsInfo.getMember through the Bot Connector. */
export const teamsMemberLookup: MemberLookup = async (context) => {
  const userId = context.activity.from?.id;
  if (!userId) return undefined;
  const member = await TeamsInfo.getMember(context, userId);
  return { aadObjectId: member.aadObjectId, upn: member.userPrincipalName ?? member.email };
};

export interface IdentifyOptions {
  lookupMember?: MemberLookup;
  /** How long a looked-up member (or a failed lookup) is remembered. */
  ttlMs?: number;
  now?: () => number;
  logger?: Logger;
}

const DEFAULT_TTL_MS = 10 * 60_000;
const MAX_CACHED = 5_000;

interface CachedMember {
  member: MemberInfo | undefined;
  expiresAt: number;
}

// One cache per organisation service, so tests (and a second bot in one process) stay apart.
const caches = new WeakMap<OrgService, Map<string, CachedMember>>();

async function lookupCached(context: TurnContext, org: OrgService, options: IdentifyOptions): Promise<MemberInfo | undefined> {
  const userId = context.activity.from.id;
  const now = (options.now ?? Date.now)();
  let cache = caches.get(org);
  if (!cache) {
    cache = new Map();
    caches.set(org, cache);
  }
  const hit = cache.get(userId);
  if (hit && hit.expiresAt > now) return hit.member;

  let member: MemberInfo | undefined;
  try {
    member = await (options.lookupMember ?? teamsMemberLookup)(context);
  } catch (err) {
    // Without a connector (tests, some channels) or on a Teams hiccup: treat as unknown for a while.
    options.logger?.debug({ err: (err as Error).name }, 'org.member.lookupFailed');
    member = undefined;
  }
  cache.delete(userId);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(userId, { member, expiresAt: now + (options.ttlMs ?? DEFAULT_TTL_MS) });
  return member;
}

/**
 * Who is behind this turn, in the organisation: by the Entra object id Teams sends with every
 * activity, else by the UPN/e-mail from TeamsInfo.getMember (cached per user for a few minutes,
 * so the connector is not asked every turn). Undefined for someone not in the organisation;
 * reply with {@link unknownUserText} then. Call this from any module's handler.
 */
export async function identifyUser(context: TurnContext, org: OrgService, options: IdentifyOptions = {}): Promise<Employee | undefined> {
  const from = context.activity.from;
  if (!from) return undefined;
  const direct = from.aadObjectId ? org.identify({ aadObjectId: from.aadObjectId }) : undefined;
  if (direct || !from.id) return direct;
  const member = await lookupCached(context, org, options);
  return member ? org.identify(member) : undefined;
}

/** The message for someone the bot cannot find in the organisation. Q&A still works for them. */
export function unknownUserText(hrContact: string): string {
  return (
    'Jeg finner deg ikke i organisasjonsoversikten, så jeg kan ikke vise opplysninger om deg, enheten din eller medarbeiderne dine ennå. ' +
    'Du kan fortsatt stille spørsmål om roller og ansvar, lovkrav, rekruttering og kompetansearbeid. ' +
    `For å bli lagt inn, ta kontakt med ${hrContact}.`
  );
}

/** What every module's Teams adapter needs to know who is asking. */
export interface TeamsRouteDeps {
  org: OrgService;
  hrContact: string;
  logger?: Logger;
  /** Replaces TeamsInfo.getMember (tests). */
  lookupMember?: MemberLookup;
}
