/**
 * Conversation references: how the bot reaches a person or a team without being asked. One is
 * saved for every person (personal chat) and team the bot hears from – on install, on
 * conversation updates and on every message – always with the `serviceUrl` of that activity,
 * and removed on uninstall or when Teams answers a send with 403/404. Group chats are not kept:
 * nothing is sent to them.
 */
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/dates.js';
import type { ConversationRefRecord, ConversationRefRepository, OutboxRecipient } from '../../storage/ports/delivery.js';
import type { OrgDirectory } from '../org/model.js';

/** The addressing part of an incoming activity, as plain data (the Teams adapter fills it). */
export interface TurnAddress {
  channelId: string;
  serviceUrl: string;
  conversationId: string;
  /** `personal`, `channel` or `groupChat`. */
  conversationType?: string;
  tenantId?: string;
  /** The bot's channel account id. */
  botId: string;
  /** The sender's Teams user id. */
  userId?: string;
  aadObjectId?: string;
  /** Set when the activity comes from a team. */
  teamId?: string;
}

/** A saved reference is rewritten at most this often when nothing in it changed. */
export const REFRESH_AFTER_MS = 24 * 60 * 60_000;

export const userRefKey = (aadObjectIdOrUserId: string) => `user:${aadObjectIdOrUserId.toLowerCase()}`;
export const teamRefKey = (teamId: string) => `team:${teamId}`;


/** The reference a turn gives, or undefined for a group chat or an activity without enough to send back. */
export function referenceFor(address: TurnAddress, now: Date, employeeId?: string): ConversationRefRecord | undefined {
  if (!address.serviceUrl || !address.conversationId || !address.botId) return undefined;
  const base = {
    serviceUrl: address.serviceUrl,
    tenantId: address.tenantId,
    botId: address.botId,
    channelId: address.channelId,
    updatedAt: now.toISOString(),
  };
  if (address.teamId) {
    // Post to the team's General channel, whose id is the team id: stable whichever channel (or
    // reply thread, `…;messageid=…`) the last activity came from.
    return { ...base, key: teamRefKey(address.teamId), kind: 'team', conversationId: address.teamId, teamId: address.teamId };
  }
  const personal = address.conversationType === 'personal' || (address.conversationType === undefined && !address.teamId);
  const who = address.aadObjectId ?? address.userId;
  if (!personal || !who) return undefined;
  return {
    ...base,
    key: userRefKey(who),
    kind: 'user',
    conversationId: address.conversationId,
    userId: address.userId,
    aadObjectId: address.aadObjectId?.toLowerCase(),
    ...(employeeId ? { employeeId } : {}),
  };
}

/** The key of the reference a turn would save (to remove it on uninstall). */
export function referenceKeyFor(address: TurnAddress): string | undefined {
  return referenceFor(address, new Date(0))?.key;
}

const sameAddress = (a: ConversationRefRecord, b: ConversationRefRecord) =>
  a.serviceUrl === b.serviceUrl &&
  a.conversationId === b.conversationId &&
  a.tenantId === b.tenantId &&
  a.botId === b.botId &&
  a.userId === b.userId &&
  a.aadObjectId === b.aadObjectId;

/** created: the first reference for this person or team (they just became reachable); saved: an existing one rewritten. */
export type RememberOutcome = 'created' | 'saved' | 'unchanged' | 'ignored';

export interface ConversationRefs {
  /**
   * Saves the reference of this turn when it is new, changed, or older than a day. `identify`
   * (the employee id of the sender; may ask Teams) is called only when something is saved.
   */
  remember(address: TurnAddress, identify: () => Promise<string | undefined>): Promise<RememberOutcome>;
  /** The bot was uninstalled (or removed from the team): forget this conversation. */
  forget(address: TurnAddress): Promise<boolean>;
  /** Where to send an outbox item: an employee's personal chat (by employee id, else Entra id) or a team. */
  resolve(recipient: OutboxRecipient): Promise<ConversationRefRecord | undefined>;
  /** A send got 403/404: remove the reference it used (not a newer one). */
  removeUnreachable(ref: ConversationRefRecord): Promise<boolean>;
  /** Employee ids the bot can reach in a personal chat. */
  reachableEmployeeIds(): Promise<Set<string>>;
}

export function createConversationRefs(deps: {
  repo: ConversationRefRepository;
  clock: Clock;
  /** The current organisation, to find a person saved before they were linked to an employee. */
  directory?: () => OrgDirectory;
  logger?: Logger;
  refreshAfterMs?: number;
}): ConversationRefs {
  const log = deps.logger?.child('delivery.refs');
  const refreshAfter = deps.refreshAfterMs ?? REFRESH_AFTER_MS;

  return {
    async remember(address, identify) {
      const now = deps.clock.now();
      const candidate = referenceFor(address, now);
      if (!candidate) return 'ignored';
      const stored = await deps.repo.get(candidate.key);
      if (stored && sameAddress(stored, candidate) && now.getTime() - Date.parse(stored.updatedAt) < refreshAfter) return 'unchanged';
      const employeeId = candidate.kind === 'user' ? ((await identify()) ?? stored?.employeeId) : undefined;
      await deps.repo.save({ ...candidate, ...(employeeId ? { employeeId } : {}) });
      log?.info({ kind: candidate.kind, employeeId, created: !stored }, 'delivery.ref.saved');
      return stored ? 'saved' : 'created';
    },

    async forget(address) {
      const key = referenceKeyFor(address);
      if (!key) return false;
      const removed = await deps.repo.remove(key);
      if (removed) log?.info({ kind: key.slice(0, 4) }, 'delivery.ref.removed');
      return removed;
    },

    async resolve(recipient) {
      if (recipient.kind === 'team') return deps.repo.get(teamRefKey(recipient.teamId));
      const byId = await deps.repo.findByEmployeeId(recipient.employeeId);
      if (byId) return byId;
      const aad = deps.directory?.().employee(recipient.employeeId)?.aadObjectId;
      return aad ? deps.repo.get(userRefKey(aad)) : undefined;
    },

    async removeUnreachable(ref) {
      const removed = await deps.repo.remove(ref.key, ref.conversationId);
      if (removed) log?.info({ kind: ref.kind, employeeId: ref.employeeId }, 'delivery.ref.unreachable');
      return removed;
    },

    async reachableEmployeeIds() {
      const refs = await deps.repo.all();
      const out = new Set<string>();
      const byAad = new Set<string>();
      for (const ref of refs) {
        if (ref.kind !== 'user') continue;
        if (ref.employeeId) out.add(ref.employeeId);
        if (ref.aadObjectId) byAad.add(ref.aadObjectId);
      }
      const directory = deps.directory?.();
      if (directory) {
        for (const e of directory.snapshot.employees) if (e.aadObjectId && byAad.has(e.aadObjectId.toLowerCase())) out.add(e.employeeId);
      }
      return out;
    },
  };
}
