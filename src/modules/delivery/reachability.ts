/**
 * One notion of «can we reach this person»: the bot can send someone a message only when it has
 * a stored conversation reference for them (they have installed or opened Kompetansebot in
 * Teams). Broadcast, reminders and the samtale ask this before they promise anything, and an
 * unreachable person gets an «Be X installere Kompetansebot» path instead.
 */
import type { ConversationRefs } from './conversation-refs.js';

export interface ReachabilitySplit {
  reachable: string[];
  unreachable: string[];
}

export interface Reachability {
  /** Splits employee ids (order kept, duplicates dropped) into those the bot can message now and those it cannot. */
  check(employeeIds: readonly string[]): Promise<ReachabilitySplit>;
  canReach(employeeId: string): Promise<boolean>;
}

export function createReachability(refs: Pick<ConversationRefs, 'reachableEmployeeIds'>): Reachability {
  async function check(employeeIds: readonly string[]): Promise<ReachabilitySplit> {
    const known = await refs.reachableEmployeeIds();
    const out: ReachabilitySplit = { reachable: [], unreachable: [] };
    for (const id of new Set(employeeIds)) (known.has(id) ? out.reachable : out.unreachable).push(id);
    return out;
  }
  return {
    check,
    canReach: async (employeeId) => (await check([employeeId])).reachable.length === 1,
  };
}

/**
 * The Teams link that opens Kompetansebot's app page (install / open), from the app id in the
 * manifest (`TEAMS_APP_ID` in env/.env.<miljø>). Undefined without an id: the card then tells
 * people to search for the app in Teams.
 */
export function teamsInstallLink(teamsAppId: string | undefined): string | undefined {
  const id = teamsAppId?.trim();
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return `https://teams.microsoft.com/l/app/${id.toLowerCase()}`;
}
