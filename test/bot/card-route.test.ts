import type { TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { card, cardRoutes, type RouteTarget, text } from '../../src/bot/card-route.js';
import { unknownUserText } from '../../src/bot/identify.js';
import type { AppTurnState } from '../../src/bot/state.js';
import type { Employee } from '../../src/modules/org/model.js';
import type { OrgService } from '../../src/modules/org/org-service.js';

type Handler = (context: TurnContext, state: AppTurnState, data?: unknown) => Promise<unknown>;

/** Records the routes a module registers, so a test can press them. */
function recordingTarget() {
  const routes = new Map<string, Handler>();
  const target: RouteTarget = {
    message: (selector, handler) => void routes.set(`message:${String(selector)}`, handler as Handler),
    adaptiveCards: {
      actionExecute: (verb, handler) => void routes.set(`execute:${String(verb)}`, handler as Handler),
      actionSubmit: (verb, handler) => void routes.set(`submit:${String(verb)}`, handler as Handler),
    },
  };
  return { target, routes };
}

const anna = { employeeId: 'e1', name: 'Anna Leder' } as Employee;
const org = { identify: (q: { aadObjectId?: string }) => (q.aadObjectId === 'aad-anna' ? anna : undefined) } as unknown as OrgService;

function turn(aadObjectId?: string) {
  const sent: unknown[] = [];
  const context = {
    activity: { from: { id: 'u1', aadObjectId }, value: {} },
    sendActivity: async (a: unknown) => void sent.push(a),
  } as unknown as TurnContext;
  return { context, sent };
}

const STALE = 'Kortet er utdatert.';
const state = {} as AppTurnState;

describe('cardRoutes', () => {
  const { target, routes } = recordingTarget();
  const r = cardRoutes(target, { org, hrContact: 'HR-avdelingen', lookupMember: async () => undefined, scope: 'test', stale: text(STALE) });
  r.execute('verb.x', z.object({ n: z.number() }), async (me, d) => card({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `${me.name}: ${d.n}` }] }));
  r.submit('verb.y', z.object({}).passthrough(), async (me) => text(`Hei ${me.name}`));
  r.executePublic('verb.z', z.object({}).passthrough(), async (_d, t) => text((await t.whoIs()) ? 'kjent' : 'ukjent'));

  it('When a known person presses a button with good data, then the updated card comes back', async () => {
    const result = (await routes.get('execute:verb.x')!(turn('aad-anna').context, state, { n: 3 })) as { body: { text: string }[] };
    expect(result.body[0]!.text).toBe('Anna Leder: 3');
  });

  it('When a text reply starts with a date, then Teams cannot read «14. desember» as a numbered list item, and an author’s own list stays a list', () => {
    expect(text('14. desember: frist for kartleggingen.\n1. Kjør rapporten')).toEqual({ text: '14.\u00A0desember: frist for kartleggingen.\n1. Kjør rapporten' });
  });

  it('When the card data does not parse, then the module’s stale text comes back and the handler never runs', async () => {
    expect(await routes.get('execute:verb.x')!(turn('aad-anna').context, state, { n: 'tre' })).toBe(STALE);
  });

  it('When someone outside the organisation presses, then they are told politely, with HR’s contact', async () => {
    const result = await routes.get('execute:verb.x')!(turn('aad-stranger').context, state, { n: 3 });
    expect(result).toBe(unknownUserText('HR-avdelingen'));
    expect(result).toContain('HR-avdelingen');
  });

  it('When an Action.Submit is handled, then the reply is sent as a new message', async () => {
    const { context, sent } = turn('aad-anna');
    await routes.get('submit:verb.y')!(context, state, {});
    expect(sent).toEqual(['Hei Anna Leder']);
  });

  it('When a public route is pressed by someone unknown, then the handler runs and sees nobody', async () => {
    expect(await routes.get('execute:verb.z')!(turn().context, state, {})).toBe('ukjent');
    expect(await routes.get('execute:verb.z')!(turn('aad-anna').context, state, {})).toBe('kjent');
  });
});
