import { describe, expect, it } from 'vitest';
import { outboxCsv, outboxKey } from '../../../src/modules/delivery/outbox.js';
import { MEMORY } from '../../../src/storage/lowdb/json-document.js';
import { openLowdbOutboxRepository } from '../../../src/storage/lowdb/outbox-repository.js';
import type { NewOutboxItem } from '../../../src/storage/ports/delivery.js';

const T0 = new Date('2026-11-23T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 60_000;
const employees = (n: number, prefix = 'b1'): NewOutboxItem[] =>
  Array.from({ length: n }, (_, i) => ({ key: outboxKey('broadcast', prefix, `e${i}`), recipient: { kind: 'employee', employeeId: `e${i}` } }));
const campaign = { id: 'b1', kind: 'broadcast', payload: { title: 'Kunngjøring' } };

// The store's outbox semantics are in test/storage (store-contract.ts, lowdb-outbox.test.ts).
describe('outbox CSV', () => {
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
});
