import { describe, expect, it, vi } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { createDownloads } from '../../src/http/downloads.js';
import { downloadOwner } from '../../src/shared/downloads.js';
import { TURN_LIMIT_TEXT } from '../../src/bot/turn-limit.js';
import { fixedClock } from '../../src/shared/dates.js';
import { createHarness, LEADER, type TestUser } from '../helpers/bot-harness.js';

const OTHER: TestUser = { id: '29:annen', aadObjectId: '00000000-0000-4000-8000-0000000000aa', name: 'Annen Person' };

describe('per-user turn limit', () => {
  it('When one person sends more than USER_TURNS_PER_MINUTE turns in a minute, then they get one friendly «vent litt», the rest are dropped, others are not affected, and a minute later they are answered again', async () => {
    const h = await createHarness({ userTurnsPerMinute: 5 });
    for (let i = 0; i < 5; i++) {
      const replies = await h.say('hjelp');
      expect(replies.length, `turn ${i + 1}`).toBeGreaterThan(0);
      expect(replies.some((r) => r.text === TURN_LIMIT_TEXT)).toBe(false);
    }
    const sixth = await h.say('hjelp');
    expect(sixth.map((r) => r.text)).toEqual([TURN_LIMIT_TEXT]);
    expect(TURN_LIMIT_TEXT).toMatch(/Vent et minutt/);
    // Further turns in the same minute get nothing at all (no reply per request to a script).
    expect(await h.say('hjelp')).toEqual([]);
    // Someone else is answered as usual.
    expect((await h.say('hjelp', OTHER, 'conv-2')).some((r) => r.text === TURN_LIMIT_TEXT)).toBe(false);
    expect((await h.say('hjelp', OTHER, 'conv-2')).length).toBeGreaterThan(0);
    // A card click over the limit still gets an invoke response (Teams shows an error otherwise).
    const [invoke] = await h.execute(VERBS.installStatus, { page: 1 }, LEADER);
    expect(invoke?.type).toBe('invokeResponse');
    expect(JSON.stringify(invoke?.value)).toContain(TURN_LIMIT_TEXT);
    h.clock.advance(60_001);
    const again = await h.say('hjelp');
    expect(again.length).toBeGreaterThan(0);
    expect(again.some((r) => r.text === TURN_LIMIT_TEXT)).toBe(false);
  });

  it('When no limit is configured (0), then 100 turns in a minute are all answered', async () => {
    const h = await createHarness({ userTurnsPerMinute: 0 });
    for (let i = 0; i < 100; i++) expect((await h.say('hjelp')).some((r) => r.text === TURN_LIMIT_TEXT)).toBe(false);
  });
});

describe('download links per person', () => {
  const file = (n: number) => ({ fileName: `f${n}.csv`, contentType: 'text/csv', content: String(n) });
  const tokenOf = (path: string) => path.split('/').pop()!;

  it('When one person makes 1,000 exports, then only their own oldest links go, capped at 20, and another person\'s link still works', async () => {
    const downloads = createDownloads({ clock: fixedClock('2026-11-23T10:00:00Z'), publicBaseUrl: () => 'https://bot.example.no' });
    const kari = downloadOwner.run('kari', () => downloads.offer(file(-1)));
    const mine: string[] = [];
    for (let i = 0; i < 1000; i++) mine.push(await downloadOwner.run('angriper', async () => downloads.offer(file(i))));
    expect(downloads.take(tokenOf(kari))?.content).toBe('-1');
    // The attacker keeps only their 20 newest.
    expect(downloads.take(tokenOf(mine[979]!))).toBeUndefined();
    expect(downloads.take(tokenOf(mine[980]!))?.content).toBe('980');
    expect(downloads.take(tokenOf(mine[999]!))?.content).toBe('999');
  });

  it('When a person has 20 links, then a 21st drops their oldest, and an owner given explicitly counts the same', () => {
    const downloads = createDownloads({ clock: fixedClock('2026-11-23T10:00:00Z'), publicBaseUrl: () => undefined });
    const links = Array.from({ length: 21 }, (_, i) => downloads.offer(file(i), { owner: 'ola' }));
    expect(downloads.take(tokenOf(links[0]!))).toBeUndefined();
    expect(downloads.take(tokenOf(links[1]!))?.content).toBe('1');
    expect(downloads.take(tokenOf(links[20]!))?.content).toBe('20');
  });

  it('When a person exports through the bot, then the link counts against that person', async () => {
    const h = await createHarness();
    const lars: TestUser = { id: '29:lars', aadObjectId: '11111111-1111-4111-8111-111111111004', name: 'Lars Lærer' };
    const owners: (string | undefined)[] = [];
    const offer = h.downloads.offer.bind(h.downloads);
    vi.spyOn(h.downloads, 'offer').mockImplementation((f, o) => {
      owners.push(o?.owner ?? downloadOwner.getStore());
      return offer(f, o);
    });
    await h.execute(VERBS.registrationExport, { employeeId: '1004', format: 'json' }, lars, 'a:lars');
    expect(owners).toEqual([lars.aadObjectId]);
  });
});
