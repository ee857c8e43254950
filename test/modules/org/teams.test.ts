import { join } from 'node:path';
import { Application, TurnState } from '@microsoft/teams-ai';
import { type Activity, TestAdapter, type TurnContext } from 'botbuilder';
import { describe, expect, it, vi } from 'vitest';
import type { AppTurnState } from '../../../src/bot/state.js';
import { TurnStateStorage } from '../../../src/bot/turn-state-storage.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { createOrgService } from '../../../src/modules/org/org-service.js';
import { identifyUser, type MemberLookup, teamsMemberLookup, unknownUserText } from '../../../src/bot/identify.js';
import { registerOrgRoutes } from '../../../src/modules/org/teams.js';
import { createQaService, loadQaContent } from '../../../src/modules/qa/qa-service.js';
import { registerQaFallback, registerQaRoutes } from '../../../src/modules/qa/teams.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import { projectRoot } from '../../../src/util/project-root.js';
import { cardOf, cardText, FIXTURE_KNOWLEDGE, HR_CONTACT } from '../../helpers/bot-harness.js';
import { P, SMALL_ORG_JSON } from './helpers.js';

const clock = fixedClock('2026-11-23T10:00:00Z');

interface User {
  id: string;
  aadObjectId?: string;
  name: string;
}
const RANDI: User = { id: '29:randi', aadObjectId: '11111111-1111-4111-8111-111111111003', name: 'Randi Rektor' };
/** In the organisation without an Entra object id: found by e-mail only. */
const ANNE: User = { id: '29:anne', aadObjectId: '99999999-9999-4999-8999-999999999999', name: 'Anne Assistent' };
const STRANGER: User = { id: '29:ukjent', aadObjectId: '00000000-0000-4000-8000-00000000beef', name: 'Vikar Ukjent' };

const seededOrg = async () => createOrgService({ store: await openMemoryStore(), clock, logger: silentLogger, seedFile: SMALL_ORG_JSON });

/** Fake TeamsInfo.getMember: the connector knows Anne's e-mail, and nobody else's. */
const directoryLookup: MemberLookup = async (context) =>
  context.activity.from.id === ANNE.id ? { aadObjectId: ANNE.aadObjectId, upn: 'Anne.Assistent@testvik.kommune.no' } : undefined;

/** The bot as the lead wires it: org routes, then Q&A routes and the Q&A catch-all, over TestAdapter. */
async function createOrgHarness(lookupMember: MemberLookup = directoryLookup) {
  const store = await openMemoryStore();
  const org = await createOrgService({ store, clock, logger: silentLogger, seedFile: SMALL_ORG_JSON });
  const qa = createQaService({ content: loadQaContent(join(projectRoot, 'content'), FIXTURE_KNOWLEDGE), store, clock, hrContact: HR_CONTACT, logger: silentLogger });
  const app = new Application<AppTurnState>({
    storage: new TurnStateStorage(store.kv),
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState() as AppTurnState,
  });
  registerOrgRoutes(app, { org, hrContact: HR_CONTACT, lookupMember });
  const qaDeps = { qa, hrContact: HR_CONTACT, capabilities: () => [] };
  registerQaRoutes(app, qaDeps);
  registerQaFallback(app, qaDeps);
  const adapter = new TestAdapter(async (context) => {
    await app.run(context);
  });
  async function say(text: string, user: User): Promise<Partial<Activity>[]> {
    const before = adapter.activeQueue.length;
    await adapter.processActivity({
      type: 'message',
      text,
      channelId: 'msteams',
      serviceUrl: 'https://smba.example.invalid/',
      conversation: { id: `conv-${user.id}`, conversationType: 'personal', isGroup: false, name: '' },
      from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
      recipient: { id: '28:kompetansebot', name: 'Kompetansebot' },
      locale: 'nb-NO',
    });
    return adapter.activeQueue.splice(before);
  }
  return { org, say };
}

/** A minimal turn context: identifyUser reads only activity.from. */
const contextFor = (user: User) => ({ activity: { from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name } } }) as unknown as TurnContext;

describe('identifying the Teams user', () => {
  it('When Teams sends a known Entra object id, then the person is found without asking the connector', async () => {
    const org = await seededOrg();
    const lookup = vi.fn(directoryLookup);
    expect((await identifyUser(contextFor(RANDI), org, { lookupMember: lookup }))?.employeeId).toBe(P.rektor);
    expect(lookup).not.toHaveBeenCalled();
  });

  it('When the object id is not in the organisation, then the e-mail from Teams finds the person, and the lookup is cached for a while', async () => {
    const org = await seededOrg();
    const lookup = vi.fn(directoryLookup);
    let now = 1_000_000;
    const opts = { lookupMember: lookup, now: () => now, ttlMs: 60_000 };
    expect((await identifyUser(contextFor(ANNE), org, opts))?.employeeId).toBe(P.assistent);
    expect((await identifyUser(contextFor(ANNE), org, opts))?.employeeId).toBe(P.assistent);
    expect(lookup).toHaveBeenCalledTimes(1);
    now += 61_000;
    await identifyUser(contextFor(ANNE), org, opts);
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('When the connector fails, then the user is treated as unknown and the failure is not retried every turn', async () => {
    const org = await seededOrg();
    const failing = vi.fn<MemberLookup>(async () => {
      throw new Error('connector unavailable');
    });
    expect(await identifyUser(contextFor(STRANGER), org, { lookupMember: failing })).toBeUndefined();
    expect(await identifyUser(contextFor(STRANGER), org, { lookupMember: failing })).toBeUndefined();
    expect(failing).toHaveBeenCalledTimes(1);
  });

  it('When no lookup is injected and there is no connector (TestAdapter), then the real TeamsInfo lookup fails quietly', async () => {
    const h = await createOrgHarness(teamsMemberLookup);
    const [reply] = await h.say('hvem er jeg', STRANGER);
    expect(reply?.text).toBe(unknownUserText(HR_CONTACT));
  });
});

describe('«hvem er jeg» conversation', () => {
  it('When a known leader asks «hvem er jeg», then the bot shows her own unit, position and leader', async () => {
    const h = await createOrgHarness();
    const [reply] = await h.say('Hvem er jeg?', RANDI);
    const text = reply?.text ?? '';
    expect(text).toContain('Dette vet jeg om deg');
    expect(text).toContain('Randi Rektor (ansattnr. 1003)');
    expect(text).toContain('Stilling: Rektor, stillingskode 7451, 100 %');
    expect(text).toContain('Enhet: Nordby skole (Oppvekst)');
    expect(text).toContain('Nærmeste leder: Kjell Kommunalsjef, Kommunalsjef oppvekst');
    expect(text).toContain('Du leder: Nordby skole');
    // her own data only: nobody in her unit is listed
    expect(text).not.toContain('Lars');
    expect(text).toContain(HR_CONTACT);
  });

  it('When someone known only by e-mail asks, then they are found and see their own part-time percentage', async () => {
    const h = await createOrgHarness();
    const [reply] = await h.say('hvem er jeg', ANNE);
    expect(reply?.text).toContain('Anne Assistent');
    expect(reply?.text).toContain('50,5 %');
  });

  it('When an unknown user asks, then the bot says so kindly, points to HR, and Q&A still works for them', async () => {
    const h = await createOrgHarness();
    const [reply] = await h.say('hvem er jeg', STRANGER);
    expect(reply?.text).toMatch(/^Jeg finner deg ikke i organisasjonsoversikten/);
    expect(reply?.text).toContain('Du kan fortsatt stille spørsmål');
    expect(reply?.text).toContain(`ta kontakt med ${HR_CONTACT}`);
    const [answer] = await h.say('Hvilke krav stilles til en rektor?', STRANGER);
    expect(cardText(cardOf(answer))).toContain('Krav til rektor');
  });
});
