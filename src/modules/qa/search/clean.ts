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
 * Removes from `body` every sentence already said (in `said` or earlier in the body); drops
 * paragraphs left empty. Sentences are compared by their words, so punctuation and case differ freely.
 */
export function dedupeBody(said: string, body: string): string {
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
  const bs = blocks(body);
  if (bs.length === 0) return body;
  const anchor = contentStems(`${question} ${title} ${summary}`);
  const on: { text: string; sep: string }[] = [];
  const off: { text: string; sep: string }[] = [];
  for (const b of bs) {
    const year = ATTRIBUTED.exec(b.text)?.[1];
    if (sourceYear !== undefined && year !== undefined && Number(year) <= sourceYear - 5) continue;
    let hit = false;
    for (const st of contentStems(b.text)) if (anchor.has(st)) hit = true;
    (hit ? on : off).push(b);
  }
  return [...on, ...off]
    .map((b, i) => (i === 0 ? b.text : `${b.sep}${b.text}`))
    .join('');
}
