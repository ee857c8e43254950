import { describe, expect, it } from 'vitest';
import { sortTouched } from '../../../../src/modules/qa/search/index.js';

/** The order the search used to get from Array.prototype.sort (stable) with this comparator. */
const reference = (docs: number[], rank: Float64Array, cov: Float64Array, idOrder: Int32Array) =>
  [...docs].sort((a, b) => (rank[b] as number) - (rank[a] as number) || (cov[b] as number) - (cov[a] as number) || (idOrder[a] as number) - (idOrder[b] as number));

/** Small deterministic generator, so a failure can be reproduced. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('sortTouched (the ranking order of search hits)', () => {
  it('orders like the stable comparator sort: rank, then coverage, then id order, ties kept in input order', () => {
    const next = lcg(7);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(next() * 320);
      // Few distinct values, so ranks, coverages and even id places tie often.
      const rank = Float64Array.from({ length: n }, () => Math.floor(next() * 6) / 2);
      const cov = Float64Array.from({ length: n }, () => Math.floor(next() * 4) / 3);
      const idOrder = Int32Array.from({ length: n }, () => Math.floor(next() * n));
      const docs = Array.from({ length: n }, (_, i) => i).filter(() => next() < 0.8);
      for (let i = docs.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [docs[i], docs[j]] = [docs[j] as number, docs[i] as number];
      }
      const expected = reference(docs, rank, cov, idOrder);
      sortTouched(docs, rank, cov, idOrder);
      expect(docs).toEqual(expected);
    }
  });

  it('puts the best-ranked entry first', () => {
    const docs = [0, 1, 2];
    sortTouched(docs, Float64Array.from([1, 3, 2]), Float64Array.from([0, 0, 0]), Int32Array.from([0, 1, 2]));
    expect(docs).toEqual([1, 2, 0]);
  });
});
