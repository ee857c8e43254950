import { describe, expect, it } from 'vitest';
import { broadcastKey } from '../../../src/modules/broadcast/broadcast-service.js';
import { EVERYONE, HR, hr, message, setup, TEACHER } from './fixtures.js';

const ids = (items: { recipient: { kind: string; employeeId?: string } }[]) => items.map((i) => i.recipient.employeeId).sort();

describe('broadcast: audience and preview', () => {
  it('When HR picks a unit, then everyone in it and in the units below it gets the message, nobody else', async () => {
    const { broadcast, delivery } = await setup();
    const sent = await broadcast.send(hr, message({ audience: { kind: 'units', unitIds: ['oppvekst'] } }), 'b-units');
    expect(sent).toMatchObject({ ok: true, recipients: 6 });
    expect(ids(await delivery.outbox.list('b-units'))).toEqual(['1002', '1003', '1004', '1005', '1006', '1008']);
  });

  it('When HR picks the role «leder», then unit leaders count as leaders too', async () => {
    const { broadcast } = await setup();
    const preview = await broadcast.preview(hr, message({ audience: { kind: 'roles', roles: ['leder'] } }));
    // 1001, 1002, 1005 have the role; 1003 leads Nordby skole; 1007 leads Personalavdelingen.
    expect(preview).toMatchObject({ ok: true, recipients: 5, audienceText: 'Ledere' });
  });

  it('When some recipients have never opened the bot, then the preview says how many cannot be reached yet', async () => {
    const { broadcast } = await setup({ reachable: ['1001', '1002', '1007'] });
    const preview = await broadcast.preview(hr, message());
    expect(preview).toMatchObject({ ok: true, recipients: 8, reachable: 3, unreachable: 5 });
  });

  it('When the message lacks a title, links an unknown Q&A entry and names an unknown unit, then each field gets its own Norwegian message and nothing is sent', async () => {
    const { broadcast, delivery } = await setup();
    const result = await broadcast.send(hr, { title: ' ', text: 'x', qaEntryId: 'finnes-ikke', audience: { kind: 'units', unitIds: ['mars'] } }, 'b-bad');
    expect(result.ok).toBe(false);
    if (result.ok || result.code !== 'invalid') throw new Error('expected invalid');
    expect(result.errors.map((e) => e.field).sort()).toEqual(['title']);
    const second = await broadcast.send(hr, { title: 'T', text: 'x', qaEntryId: 'finnes-ikke', audience: { kind: 'units', unitIds: ['mars'] } }, 'b-bad');
    if (second.ok || second.code !== 'invalid') throw new Error('expected invalid');
    expect(Object.fromEntries(second.errors.map((e) => [e.field, e.message]))).toEqual({
      qaEntryId: expect.stringContaining('finnes ikke'),
      audience: 'Ukjent enhet: mars.',
    });
    expect(await delivery.outbox.getCampaign('b-bad')).toBeUndefined();
  });
});

describe('broadcast: sending', () => {
  it('When the same campaign is sent twice (a double click), then nobody gets a second item', async () => {
    const { broadcast, delivery } = await setup();
    expect(await broadcast.send(hr, message(), 'b-twice')).toMatchObject({ ok: true, added: 8 });
    expect(await broadcast.send(hr, message({ title: 'Endret' }), 'b-twice')).toMatchObject({ ok: true, added: 0, recipients: 8 });
    const items = await delivery.outbox.list('b-twice');
    expect(ids(items)).toEqual(EVERYONE);
    expect(items.map((i) => i.key)).toContain(broadcastKey('b-twice', TEACHER));
  });

  it('When the dispatcher has run, then everyone reachable has the card and the progress counts sent, not installed and blocked', async () => {
    const { broadcast, delivery, sent } = await setup({ reachable: ['1001', '1002', '1003', '1004', '1005', '1007'], failFor: { '1005': 403 } });
    await broadcast.send(hr, message({ qaEntryId: 'rektor-krav', ackRequired: true }), 'b-run');
    await delivery.dispatcher.drain();
    expect(sent.map((s) => s.employeeId).sort()).toEqual(['1001', '1002', '1003', '1004', '1007']);
    expect(JSON.stringify(sent[0]!.message.card)).toContain('Bekreft lest');
    expect(JSON.stringify(sent[0]!.message.card)).toContain('Les mer: Krav til rektor');
    expect(await broadcast.progress(hr, 'b-run')).toMatchObject({ total: 8, sent: 5, notInstalled: 2, blocked: 1, pending: 0, done: true });
  });

  it('When HR cancels before the dispatcher runs, then nobody gets it and the report says «Avbrutt»', async () => {
    const { broadcast, delivery, sent } = await setup();
    await broadcast.send(hr, message(), 'b-cancel');
    const cancelled = await broadcast.cancel(hr, 'b-cancel');
    expect(cancelled).toMatchObject({ ok: true, stopped: 8, cancelled: 8, done: true });
    await delivery.dispatcher.drain();
    expect(sent).toEqual([]);
    const csv = await broadcast.reportCsv(hr, 'b-cancel');
    if (!csv.ok) throw new Error('expected csv');
    expect(csv.file.content.split('\r\n').filter((l) => l.includes(';Avbrutt;'))).toHaveLength(8);
  });

  it('When an item is being sent while HR cancels, then that one finishes and the rest stop', async () => {
    const { broadcast, delivery, clock } = await setup();
    await broadcast.send(hr, message(), 'b-inflight');
    const [claimed] = await delivery.outbox.claimDue(clock.now(), 1, 60_000, 'worker');
    const cancelled = await broadcast.cancel(hr, 'b-inflight');
    expect(cancelled).toMatchObject({ ok: true, stopped: 7, cancelled: 7 });
    expect(await delivery.outbox.markSent(claimed!.key, 'worker', clock.now())).toBe(true);
    expect(await broadcast.progress(hr, 'b-inflight')).toMatchObject({ sent: 1, cancelled: 7, done: true });
  });
});

describe('broadcast: acknowledgement and report', () => {
  it('When a recipient presses «Bekreft lest» twice, then they are counted once as acknowledged', async () => {
    const { broadcast, delivery } = await setup();
    await broadcast.send(hr, message({ ackRequired: true }), 'b-ack');
    await delivery.dispatcher.drain();
    expect(await broadcast.acknowledge(TEACHER, 'b-ack')).toMatchObject({ ok: true, already: false });
    expect(await broadcast.acknowledge(TEACHER, 'b-ack')).toMatchObject({ ok: true, already: true });
    // «Sendt» counts the one who confirmed too: it never drops as people confirm reading (#12).
    expect(await broadcast.progress(hr, 'b-ack')).toMatchObject({ sent: 8, acknowledged: 1 });
    expect(await broadcast.acknowledge('9999', 'b-ack')).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('When HR downloads the report, then there is one line per recipient with name, unit and status', async () => {
    const { broadcast, delivery } = await setup({ reachable: EVERYONE.filter((id) => id !== '1006') });
    await broadcast.send(hr, message(), 'b-csv');
    await delivery.dispatcher.drain();
    const csv = await broadcast.reportCsv(hr, 'b-csv');
    if (!csv.ok) throw new Error('expected csv');
    const lines = csv.file.content.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('Ansattnr.;Navn;Enhet;Status;Forsøk;Sendt (norsk tid);Bekreftet lest (norsk tid);Feilkode');
    expect(lines).toHaveLength(9);
    expect(lines.find((l) => l.startsWith('1006;'))).toMatch(/^1006;Anne Assistent;Sørby barnehage;Ikke installert;/);
    // Times in Norwegian time (the clock is 10:00 UTC in November: 11:00 in Oslo).
    expect(lines.find((l) => l.startsWith('1004;'))).toMatch(/^1004;Lars Lærer;Nordby skole;Sendt;1;23\.11\.2026 11:00;;$/);
  });
});

describe('broadcast: access', () => {
  it('When someone without the HR role tries to preview, send, follow or cancel, then they are refused politely and nothing is sent', async () => {
    const { broadcast, delivery } = await setup();
    await broadcast.send(hr, message(), 'b-hr');
    const teacher = { kind: 'employee' as const, employeeId: TEACHER };
    for (const result of [
      await broadcast.preview(teacher, message()),
      await broadcast.send(teacher, message(), 'b-teacher'),
      await broadcast.progress(teacher, 'b-hr'),
      await broadcast.cancel(teacher, 'b-hr'),
      await broadcast.reportCsv(teacher, 'b-hr'),
    ]) {
      expect(result).toMatchObject({ ok: false, code: 'forbidden', reason: expect.stringContaining('sendes av HR') });
    }
    expect(await delivery.outbox.getCampaign('b-teacher')).toBeUndefined();
    expect(await broadcast.progress(hr, 'b-hr')).toMatchObject({ pending: 8 });
    expect(broadcast.access({ kind: 'employee', employeeId: HR })).toEqual({ ok: true });
  });
});
