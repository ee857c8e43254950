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

/**
 * Orders body paragraphs: those sharing a content word with the question, title or summary first
 * (in their own order), the rest after. A paragraph that is a list item or heading keeps its place
 * with the paragraph before it.
 */
export function focusBody(body: string, question: string, title: string, summary: string): string {
  const paragraphs = body.split(/\n\s*\n/).filter((p) => p.trim());
  if (paragraphs.length < 2) return body;
  const anchor = contentStems(`${question} ${title} ${summary}`);
  const on: string[] = [];
  const off: string[] = [];
  for (const p of paragraphs) {
    const stems = contentStems(p);
    let hit = false;
    for (const s of stems) if (anchor.has(s)) hit = true;
    (hit ? on : off).push(p);
  }
  return [...on, ...off].join('\n\n');
}
