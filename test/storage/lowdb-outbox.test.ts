import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outboxKey } from '../../src/modules/delivery/outbox.js';
import { openLowdbOutboxRepository, outboxJournalDirFor } from '../../src/storage/lowdb/outbox-repository.js';
import { CorruptStoreError } from '../../src/storage/ports/errors.js';
import type { NewOutboxItem } from '../../src/storage/ports/delivery.js';

const T0 = new Date('2026-11-23T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 60_000;
const tmpData = () => join(mkdtempSync(join(tmpdir(), 'kbot-outbox-')), 'data.json');
const employees = (n: number, prefix = 'b1'): NewOutboxItem[] =>
  Array.from({ length: n }, (_, i) => ({ key: outboxKey('broadcast', prefix, `e${i}`), recipient: { kind: 'employee', employeeId: `e${i}` } }));
const campaign = { id: 'b1', kind: 'broadcast', payload: { title: 'Kunngjøring' } };

/*
 * What the lowdb outbox adds to the port (files, journal, restarts). The port's own semantics
 * (keys, leases, claim order, outcomes) are in store-contract.ts, run on every adapter.
 */
describe('lowdb outbox', () => {
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

  it('When a broadcast goes to 12,573 recipients, then it is stored in small shard files, and claims and marks by four senders at once each take one item', async () => {
    const file = tmpData();
    const outbox = await openLowdbOutboxRepository(file);
    const items = employees(12_573, 'big');
    expect(await outbox.enqueue({ id: 'big', kind: 'broadcast' }, items, T0)).toEqual({ added: 12_573, existing: 0 });
    const shardDir = readdirSync(join(file.replace(/\.json$/, '') + '.outbox')).map((d) => join(file.replace(/\.json$/, '') + '.outbox', d));
    expect(shardDir).toHaveLength(1);
    expect(readdirSync(shardDir[0]!).length).toBeGreaterThanOrEqual(200);

    // Four senders claim and mark one item at a time, as the dispatcher does. (How fast: bench:broadcast.)
    let n = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 30; i++) {
          const [item] = await outbox.claimDue(at(n++), 1, LEASE, 'a');
          await outbox.markSent(item!.key, 'a', at(n));
        }
      }),
    );
    expect((await outbox.counts('big')).sent).toBe(120);

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
