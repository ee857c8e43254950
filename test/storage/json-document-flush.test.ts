import { describe, expect, it } from 'vitest';
import { oneWriteAtATime } from '../../src/storage/lowdb/json-document.js';

/** A file whose writes take `ms` and store the data as it was when the write started. */
function slowFile(ms: number) {
  const data = { n: 0 };
  const written: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const write = async () => {
    const snapshot = data.n;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, ms));
    inFlight--;
    written.push(snapshot);
  };
  return { data, written, write, maxInFlight: () => maxInFlight };
}

describe('Flushing a lowdb JSON file', () => {
  it('When changes keep coming, then each flush resolves once its own change is on disk, not when the file goes quiet', async () => {
    const file = slowFile(20);
    const flush = oneWriteAtATime(file.write);
    const started = Date.now();
    file.data.n = 1;
    const first = flush().then(() => Date.now() - started);
    // A change and a flush every 5 ms for 300 ms: the file is never quiet.
    const later: Promise<void>[] = [];
    for (let i = 2; i <= 60; i++) {
      await new Promise((r) => setTimeout(r, 5));
      file.data.n = i;
      const n = i;
      later.push(flush().then(() => expect(file.written.at(-1)).toBeGreaterThanOrEqual(n)));
    }
    expect(await first).toBeLessThan(150);
    await Promise.all(later);
    expect(file.written.at(-1)).toBe(60);
    expect(file.maxInFlight()).toBe(1);
    // Flushes that arrive during one write share the next one.
    expect(file.written.length).toBeLessThan(30);
  });

  it('When a write fails, then that flush fails and the next one still writes', async () => {
    let fail = true;
    const written: string[] = [];
    const flush = oneWriteAtATime(async () => {
      await new Promise((r) => setTimeout(r, 5));
      if (fail) {
        fail = false;
        throw new Error('disk full');
      }
      written.push('ok');
    });
    const a = flush();
    const b = flush();
    await expect(a).rejects.toThrow('disk full');
    await expect(b).resolves.toBeUndefined();
    expect(written).toEqual(['ok']);
  });
});
