import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outboxCsv, outboxKey } from '../../../src/modules/delivery/outbox.js';
import { MEMORY } from '../../../src/storage/lowdb/json-document.js';
import { openLowdbOutboxRepository, outboxJournalDirFor } from '../../../src/storage/lowdb/outbox-repository.js';
import { CorruptStoreError, type NewOutboxItem } from '../../../src/storage/ports.js';

const T0 = new Date('2026-11-23T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 60_000;
const tmpData = () => join(mkdtempSync(join(tmpdir(), 'kbot-outbox-')), 'data.json');
const employees = (n: number, prefix = 'b1'): NewOutboxItem[] =>
  Array.from({ length: n }, (_, i) => ({ key: outboxKey('broadcast', prefix, `e${i}`), recipient: { kind: 'employee', employeeId: `e${i}` } }));
const campaign = { id: 'b1', kind: 'broadcast', payload: { title: 'Kunngjøring' } };

describe('outbox', () => {
  it('When the same key is enqueued twice, also in another campaign, then there is one item', async () => {
    const outbox = await openLowdbOutboxRepository(MEMORY);
    expect(await outbox.enqueue(campaign, employees(3), T0)).toEqual({ added: 3, existing: 0 });
    expect(await outbox.enqueue(campaign, employees(3), at(1000))).toEqual({ added: 0, existing: 3 });
    expect(await outbox.enqueue({ id: 'b2', kind: 'broadcast' }, employees(1), T0)).toEqual({ added: 0, existing: 1 });
    // Duplicates inside one call count once.
    expect(await outbox.enqueue(campaign, [...employees(4), ...employees(4)], T0)).toEqual({ added: 1, existing: 7 });
    expect((await outbox.counts('b1')).pending).toBe(4);
    expect((await outbox.counts('b2')).total).toBe(0);
  });

  it('When an item is claimed, then nobody else can claim it until its lease runs out', async () => {
    const outbox = await openLowdbOutboxRepository(MEMORY);
    await outbox.enqueue(campaign, employees(1), T0);
    const [mine] = await outbox.claimDue(T0, 10, LEASE, 'a');
    expect(mine).toMatchObject({ attempts: 1, leaseOwner: 'a' });
    expect(await outbox.claimDue(at(LEASE - 1), 10, LEASE, 'b')).toEqual([]);
    // The owner died without a mark: after the lease the item is due again, for someone else.
    const [again] = await outbox.claimDue(at(LEASE + 1), 10, LEASE, 'b');
    expect(again).toMatchObject({ key: mine!.key, attempts: 2, leaseOwner: 'b' });
    // The first owner's late outcome must not override the new owner's lease.
    expect(await outbox.markFailed(mine!.key, 'a', at(LEASE + 2), { status: 400 })).toBe(false);
    expect(await outbox.markSent(mine!.key, 'b', at(LEASE + 3), 'act-1')).toBe(true);
    expect(await outbox.get(mine!.key)).toMatchObject({ status: 'sent', activityId: 'act-1', sentAt: at(LEASE + 3).toISOString() });
    expect((await outbox.get(mine!.key))!.leaseOwner).toBeUndefined();
  });

  it('When claiming, then higher priority and longer waiting go first, and items not yet due wait', async () => {
    const outbox = await openLowdbOutboxRepository(MEMORY);
    await outbox.enqueue({ id: 'later', kind: 'x' }, [{ key: 'later:1', recipient: { kind: 'employee', employeeId: '1' }, notBefore: at(60_000) }], T0);
    await outbox.enqueue({ id: 'low', kind: 'x' }, [{ key: 'low:1', recipient: { kind: 'employee', employeeId: '1' } }], T0);
    await outbox.enqueue({ id: 'high', kind: 'x', priority: 5 }, [{ key: 'high:1', recipient: { kind: 'team', teamId: 't' } }], at(10));
    const claimed = await outbox.claimDue(at(20), 10, LEASE, 'a');
    expect(claimed.map((i) => i.key)).toEqual(['high:1', 'low:1']);
    expect((await outbox.claimDue(at(60_000), 10, LEASE, 'a')).map((i) => i.key)).toEqual(['later:1']);
  });

  it('When outcomes are marked, then the counts and the CSV list show every status', async () => {
    const outbox = await openLowdbOutboxRepository(MEMORY);
    await outbox.enqueue(campaign, employees(6), T0);
    const items = await outbox.claimDue(T0, 6, LEASE, 'a');
    await outbox.markSent(items[0]!.key, 'a', at(1));
    await outbox.markSent(items[1]!.key, 'a', at(1));
    await outbox.markAcknowledged(items[1]!.key, at(2));
    await outbox.markRetry(items[2]!.key, 'a', at(5_000), { status: 429 }, at(1));
    await outbox.markFailed(items[3]!.key, 'a', at(1), { status: 400, code: 'BadArgument' });
    await outbox.markBlocked(items[4]!.key, 'a', at(1), { status: 403 });
    await outbox.markNotInstalled(items[5]!.key, 'a', at(1), { status: 404 });
    expect(await outbox.counts('b1')).toEqual({ pending: 0, retrying: 1, sent: 1, acknowledged: 1, failed: 1, blocked: 1, 'not-installed': 1, total: 6 });
    const csv = outboxCsv(await outbox.list('b1'), (i) => (i.recipient.kind === 'employee' ? `Navn ${i.recipient.employeeId}` : undefined));
    expect(csv.split('\r\n')[0]).toBe('\uFEFFMottaker;Navn;Status;Forsøk;Sendt (norsk tid);Kvittert (norsk tid);Feilkode');
    // Times in Oslo time, not UTC ISO strings.
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(csv).toMatch(/;\d{2}\.\d{2}\.\d{4} \d{2}:\d{2};/);
    expect(csv).toContain('e3;Navn e3;Feilet;1;;;400 BadArgument');
    expect(csv).toContain('Kvittert');
    // A retrying item is not due before its time, then it is.
    expect(await outbox.claimDue(at(4_999), 10, LEASE, 'a')).toEqual([]);
    expect((await outbox.claimDue(at(5_000), 10, LEASE, 'a')).map((i) => i.key)).toEqual([items[2]!.key]);
  });

  it('When the process is killed after a claim, then after a restart the item is sent once, the sent ones not again, and nothing is lost', async () => {
    const file = tmpData();
    const first = await openLowdbOutboxRepository(file);
    await first.enqueue(campaign, employees(5), T0);
    const claimed = await first.claimDue(T0, 3, LEASE, 'dead-process');
    await first.markSent(claimed[0]!.key, 'dead-process', at(10), 'act-0');
    // kill -9 here: claimed[1] and claimed[2] were in flight, two were never claimed. Nothing more is written by `first`.

    const restarted = await openLowdbOutboxRepository(file);
    const soon = await restarted.claimDue(at(20), 10, LEASE, 'new-process');
    expect(soon.map((i) => i.key).sort()).toEqual([employees(5)[3]!.key, employees(5)[4]!.key]);
    const afterLease = await restarted.claimDue(at(LEASE + 1), 10, LEASE, 'new-process');
    expect(afterLease.map((i) => i.key).sort()).toEqual([claimed[1]!.key, claimed[2]!.key].sort());
    expect(afterLease.every((i) => i.attempts === 2)).toBe(true);
    expect(await restarted.get(claimed[0]!.key)).toMatchObject({ status: 'sent', activityId: 'act-0' });
  });

  it('When a campaign is finished, then it is not loaded at start but still counted and listed on request', async () => {
    const file = tmpData();
    const first = await openLowdbOutboxRepository(file);
    await first.enqueue(campaign, employees(2), T0);
    for (const item of await first.claimDue(T0, 2, LEASE, 'a')) await first.markSent(item.key, 'a', at(1));
    const again = await openLowdbOutboxRepository(file);
    expect(await again.claimDue(at(LEASE * 10), 10, LEASE, 'b')).toEqual([]);
    expect((await again.counts('b1')).sent).toBe(2);
    expect(await again.enqueue(campaign, employees(2), at(5))).toEqual({ added: 0, existing: 2 });
    expect(await again.markAcknowledged(employees(2)[0]!.key, at(6))).toBe(true);
    expect((await again.counts('b1')).acknowledged).toBe(1);
  });

  it('When a broadcast goes to 12,573 recipients, then it is stored in small shard files and claims stay fast', async () => {
    const file = tmpData();
    const outbox = await openLowdbOutboxRepository(file);
    const items = employees(12_573, 'big');
    const started = performance.now();
    expect(await outbox.enqueue({ id: 'big', kind: 'broadcast' }, items, T0)).toEqual({ added: 12_573, existing: 0 });
    const enqueueMs = performance.now() - started;
    const shardDir = readdirSync(join(file.replace(/\.json$/, '') + '.outbox')).map((d) => join(file.replace(/\.json$/, '') + '.outbox', d));
    expect(shardDir).toHaveLength(1);
    expect(readdirSync(shardDir[0]!).length).toBeGreaterThanOrEqual(200);

    // Four senders claim and mark one item at a time, as the dispatcher does: the store must keep up with 30/s.
    const claimStarted = performance.now();
    let n = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 30; i++) {
          const [item] = await outbox.claimDue(at(n++), 1, LEASE, 'a');
          await outbox.markSent(item!.key, 'a', at(n));
        }
      }),
    );
    const perSecond = 120 / ((performance.now() - claimStarted) / 1000);
    expect((await outbox.counts('big')).sent).toBe(120);
    expect(perSecond).toBeGreaterThan(30);
    expect(enqueueMs).toBeLessThan(5_000);

    const reopened = await openLowdbOutboxRepository(file);
    expect(await reopened.counts('big')).toMatchObject({ pending: 12_453, sent: 120, total: 12_573 });
    expect(existsSync(file.replace(/\.json$/, '') + '.outbox.json')).toBe(true);
  });
});

describe('outbox journal', () => {
  const journalFiles = (file: string) => readdirSync(outboxJournalDirFor(file)).map((n) => join(outboxJournalDirFor(file), n));

  it('When the process is killed right after outcomes were recorded, then a restart has every one of them (from the journal), folds them into the shard files and starts an empty journal', async () => {
    const file = tmpData();
    const first = await openLowdbOutboxRepository(file);
    await first.enqueue(campaign, employees(10), T0);
    const claimed = await first.claimDue(T0, 6, LEASE, 'dead-process');
    for (const item of claimed.slice(0, 4)) await first.markSent(item.key, 'dead-process', at(10), `act-${item.key}`);
    await first.markRetry(claimed[4]!.key, 'dead-process', at(5_000), { status: 502 }, at(10));
    // kill -9 here: no checkpoint has run, claimed[5] is in flight.

    const restarted = await openLowdbOutboxRepository(file);
    expect(await restarted.counts('b1')).toMatchObject({ sent: 4, retrying: 1, pending: 5, total: 10 });
    expect(await restarted.get(claimed[0]!.key)).toMatchObject({ status: 'sent', activityId: `act-${claimed[0]!.key}`, attempts: 1 });
    expect(await restarted.get(claimed[5]!.key)).toMatchObject({ status: 'pending', attempts: 1, leaseOwner: 'dead-process' });
    // Folded: one fresh, empty journal file, and the shard files alone give the same state.
    expect(journalFiles(file).map((f) => readFileSync(f, 'utf8'))).toEqual(['']);
    rmSync(outboxJournalDirFor(file), { recursive: true });
    const fromShards = await openLowdbOutboxRepository(file);
    expect(await fromShards.counts('b1')).toMatchObject({ sent: 4, retrying: 1, pending: 5, total: 10 });
    // The sent ones are never claimed again; the one in flight comes back after its lease.
    const again = await fromShards.claimDue(at(LEASE + 1), 10, LEASE, 'new-process');
    expect(again.map((i) => i.key).sort()).toEqual([...employees(10).slice(6).map((e) => e.key), claimed[4]!.key, claimed[5]!.key].sort());
  });

  it('When the last journal line was cut short by a crash, then it is ignored; a damaged line before it stops the start and nothing is overwritten', async () => {
    const file = tmpData();
    const first = await openLowdbOutboxRepository(file);
    await first.enqueue(campaign, employees(3), T0);
    const [item] = await first.claimDue(T0, 1, LEASE, 'a');
    await first.markSent(item!.key, 'a', at(1));
    const [journal] = journalFiles(file);
    appendFileSync(journal!, '{"c":"b1","r":{"key":');

    const restarted = await openLowdbOutboxRepository(file);
    expect(await restarted.counts('b1')).toMatchObject({ sent: 1, pending: 2 });

    const [fresh] = journalFiles(file);
    const damaged = 'ikke json\n{"c":"b1","r":{}}\n';
    writeFileSync(fresh!, damaged);
    await expect(openLowdbOutboxRepository(file)).rejects.toBeInstanceOf(CorruptStoreError);
    expect(readFileSync(fresh!, 'utf8')).toBe(damaged);
  });
});

describe('outbox layout', () => {
  it('When a campaign will grow over several calls, then the size hint spreads it over enough shard files', async () => {
    const file = tmpData();
    const outbox = await openLowdbOutboxRepository(file);
    await outbox.enqueue({ id: 'arshjul-2026-12', kind: 'arshjul.reminder', expectedItems: 5_000 }, employees(1, 'a'), T0);
    const dir = join(file.replace(/\.json$/, '') + '.outbox');
    expect(readdirSync(join(dir, readdirSync(dir)[0]!)).length).toBe(100);
  });
});
