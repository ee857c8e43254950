/**
 * Compound splitting against the vocabulary of the knowledge base. Norwegian writes compounds
 * as one word (barnehagestyrer, lønnsutviklingssamtale); a leader may write the parts apart
 * ("styrer i barnehage") or a compound the content never uses. Splitting both the content
 * and the question into known parts lets those meet.
 */

/** Decides whether a piece of a word is a known word; returns its known (bokmål) spelling. */
export interface PartLexicon {
  /** A known word usable before another part (barnehage-, lønns-). */
  resolveHead(part: string): string | undefined;
  /** A known word, possibly inflected, usable as the last part (-styreren, -samtalen). */
  resolveTail(part: string): string | undefined;
}

export interface CompoundOptions {
  /** Shortest first or middle part accepted (short heads such as "for-", "om-" are mostly prefixes). */
  minHead?: number;
  /** Shortest last part accepted. */
  minPart?: number;
  /** Most parts in one split. */
  maxParts?: number;
}

/** Joining letters allowed between two parts: lønn-s-utvikling, barn-e-hage, arbeid-s-giver. */
const LINKS = ['s', 'e'];

interface Split {
  parts: string[];
  minLen: number;
}

function better(a: Split, b: Split | undefined): boolean {
  if (!b) return true;
  if (a.parts.length !== b.parts.length) return a.parts.length < b.parts.length;
  return a.minLen > b.minLen;
}

/**
 * Splits `word` into two or more known parts (their resolved spellings), preferring the fewest
 * parts and then the longest shortest part. Returns undefined when no split exists.
 */
export function splitCompound(word: string, lexicon: PartLexicon, options: CompoundOptions = {}): string[] | undefined {
  const minPart = options.minPart ?? 3;
  const minHead = options.minHead ?? 4;
  const maxParts = options.maxParts ?? 4;
  const n = word.length;
  if (n < minPart + minHead) return undefined;
  const memo = new Map<number, Split | null>();

  const from = (pos: number, depth: number): Split | undefined => {
    const key = pos * 8 + depth;
    const hit = memo.get(key);
    if (hit !== undefined) return hit ?? undefined;
    let best: Split | undefined;
    const tailPart = word.slice(pos);
    if (depth > 0 && tailPart.length >= minPart) {
      const tail = lexicon.resolveTail(tailPart);
      if (tail) best = { parts: [tail], minLen: tailPart.length };
    }
    if (depth + 1 < maxParts) {
      for (let end = pos + minHead; end <= n - minPart; end++) {
        const head = lexicon.resolveHead(word.slice(pos, end));
        if (!head) continue;
        const nexts = [end];
        const link = word[end];
        if (link && LINKS.includes(link) && end + 1 <= n - minPart) nexts.push(end + 1);
        for (const next of nexts) {
          const rest = from(next, depth + 1);
          if (!rest) continue;
          const cand: Split = { parts: [head, ...rest.parts], minLen: Math.min(end - pos, rest.minLen) };
          if (better(cand, best)) best = cand;
        }
      }
    }
    memo.set(key, best ?? null);
    return best;
  };

  const result = from(0, 0);
  return result && result.parts.length >= 2 ? result.parts : undefined;
}
