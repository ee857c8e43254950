/**
 * Clean answer text: no sentence twice, and body paragraphs that share nothing with the question
 * or the entry's own summary moved after those that do, so the first part of an answer answers.
 */
import { isStopWord, tokenize } from './normalize.js';
import { stem } from './stem.js';

/** Sentences of a text (keeps list items and headings as their own units). */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[\p{Lu}\d«(*-])|\n+/u).map((s) => s.trim()).filter(Boolean);
}

const norm = (s: string): string =>
  tokenize(s)
    .map((t) => t.text)
    .join(' ');

function contentStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of tokenize(text)) if (!t.numeric && !isStopWord(t.text) && t.text.length > 2) out.add(stem(t.text));
  return out;
}

/**
 * The work that depends only on an entry's own text (its body's blocks and their stems, the
 * deduplicated body) is done once per text and kept: it is on every answer's path, and under
 * concurrent turns each millisecond of it shows in the turn's latency. Keys are knowledge-base
 * texts, so the caches are bounded by the knowledge base (and capped for safety).
 */
const CACHE_MAX = 5000;
function memo<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    v = make();
    cache.set(key, v);
  }
  return v;
}
const dedupeCache = new Map<string, string>();
const blockCache = new Map<string, { text: string; sep: string; stems: Set<string>; year?: string }[]>();
const stemCache = new Map<string, Set<string>>();

/**
 * Removes from `body` every sentence already said (in `said` or earlier in the body); drops
 * paragraphs left empty. Sentences are compared by their words, so punctuation and case differ freely.
 */
export function dedupeBody(said: string, body: string): string {
  return memo(dedupeCache, `${said}\u0000${body}`, () => dedupeUncached(said, body));
}

function dedupeUncached(said: string, body: string): string {
  const seen = new Set(sentences(said).map(norm));
  const paragraphs = body.split(/\n\s*\n/);
  const out: string[] = [];
  for (const p of paragraphs) {
    const lines = p.split('\n');
    const keptLines: string[] = [];
    for (const line of lines) {
      const kept = sentences(line).filter((s) => {
        const k = norm(s);
        if (k.length < 12) return true;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      if (kept.length) keptLines.push(line.trim() === kept.join(' ') ? line : kept.join(' '));
    }
    if (keptLines.length) out.push(keptLines.join('\n'));
  }
  return out.join('\n\n');
}

/** A remark attributed to an older document («Fra KS-rapporten 2010: …»). */
const ATTRIBUTED = /^\s*(?:[-*]\s+)?(?:fra|ifølge|i)\s+[^:]{0,60}?\b((?:19|20)\d\d)\b[^:]{0,20}:/iu;

/** Blocks of a body: paragraphs, and the items of a list (each its own block), with their separators. */
function blocks(body: string): { text: string; sep: string }[] {
  const out: { text: string; sep: string }[] = [];
  for (const para of body.split(/\n\s*\n/)) {
    if (!para.trim()) continue;
    const lines = para.split('\n');
    if (lines.length > 1 && lines.every((l) => /^\s*([-*]|\d+\.)\s/.test(l) || !l.trim())) {
      lines.filter((l) => l.trim()).forEach((l, i) => out.push({ text: l, sep: i === 0 ? '\n\n' : '\n' }));
    } else out.push({ text: para, sep: '\n\n' });
  }
  return out;
}

/**
 * Orders a body so that what answers comes first: blocks (paragraphs, list items) sharing a
 * content word with the question, title or summary first, in their own order, the rest after.
 * A remark from a document at least five years older than the answer's own source («Fra
 * KS-rapporten 2010: …» in a 2025 plan's answer) is left out: it does not answer the question.
 */
export function focusBody(body: string, question: string, title: string, summary: string, sourceYear?: number): string {
  const bs = memo(blockCache, body, () => blocks(body).map((b) => ({ ...b, stems: contentStems(b.text), year: ATTRIBUTED.exec(b.text)?.[1] })));
  if (bs.length === 0) return body;
  const own = memo(stemCache, `${title}\u0000${summary}`, () => contentStems(`${title} ${summary}`));
  const asked = contentStems(question);
  const on: { text: string; sep: string }[] = [];
  const off: { text: string; sep: string }[] = [];
  for (const b of bs) {
    if (sourceYear !== undefined && b.year !== undefined && Number(b.year) <= sourceYear - 5) continue;
    let hit = false;
    for (const st of b.stems) if (own.has(st) || asked.has(st)) hit = true;
    (hit ? on : off).push(b);
  }
  return [...on, ...off]
    .map((b, i) => (i === 0 ? b.text : `${b.sep}${b.text}`))
    .join('');
}
