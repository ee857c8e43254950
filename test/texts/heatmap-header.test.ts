/**
 * #12 «Heatmap headers break mid-word («Lederutdannin g»)»: through the renderer. The header
 * row of the coverage heatmap carries soft hyphens (U+00AD) in every long word, so a narrow
 * column breaks at a syllable with a hyphen; the words read the same when not broken.
 */
import { describe, expect, it } from 'vitest';
import { gapFixtures } from '../cards/gap-fixtures.js';

type Node = { type?: string; text?: string; rows?: { cells?: { items?: Node[] }[] }[]; [k: string]: unknown };

function headerTexts(card: unknown): string[] {
  const tables: Node[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if ((n as Node).type === 'Table') tables.push(n as Node);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return tables.flatMap((t) => (t.rows?.[0]?.cells ?? []).flatMap((c) => (c.items ?? []).map((i) => i.text ?? '')));
}

describe('heatmap header cells (#12)', () => {
  it('When the coverage heatmap is rendered, then every header word of 12 letters or more has soft hyphens, and reads the same without them', () => {
    const headers = gapFixtures['gap-coverage']!().flatMap(headerTexts);
    const long = headers.flatMap((h) => h.replace(/\u00AD/g, '').match(/\p{L}{12,}/gu) ?? []);
    expect(long.length).toBeGreaterThan(0);
    for (const h of headers) {
      for (const word of h.match(/[\p{L}\u00AD]+/gu) ?? []) {
        const plain = word.replace(/\u00AD/g, '');
        if (plain.length >= 12) expect(word, plain).toContain('\u00AD');
      }
    }
    expect(headers.join(' ')).not.toMatch(/Lederutdannin g/);
  });
});
