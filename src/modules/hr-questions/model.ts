/**
 * «Send spørsmålet til HR»: the pure parts. Normalising declined questions for HR's list, and
 * turning HR's answer into a draft knowledge entry (Markdown with front matter) that
 * `kb:check` validates with the same schema as the live knowledge base.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { type Audience, audienceSchema, type DocumentId, type KnowledgeBase, listMarkdown, parseEntry } from '../qa/knowledge.js';

/** Longest question a person can send to HR. */
export const MAX_QUESTION = 500;
/** Longest answer HR can send. */
export const MAX_ANSWER = 2000;
/** How many of the most frequent declined questions HR sees. */
export const TOP_DECLINES = 20;

/**
 * The form a declined question is counted under: lower case, whitespace collapsed, without
 * trailing punctuation, at most 200 characters. «Hva er  lønna mi?» and «hva er lønna mi» count
 * together.
 */
export function normalizeQuestion(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?!.…]+$/u, '')
    .slice(0, 200)
    .trim();
}

const FOLD: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', ä: 'a', ö: 'o', ü: 'u', é: 'e', è: 'e' };

/** A knowledge-entry id from a question: a–z, 0–9 and hyphens, the first words, at most 60 characters. */
export function draftIdFrom(question: string): string {
  const words = question
    .toLowerCase()
    .replace(/[æøåäöüéè]/g, (c) => FOLD[c] ?? c)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let id = '';
  for (const w of words) {
    const next = id ? `${id}-${w}` : w;
    if (next.length > 60) break;
    id = next;
  }
  return id || 'sporsmal-fra-hr';
}

const STOPWORDS = new Set(['hvordan', 'hvilke', 'hvilken', 'hvilket', 'skal', 'kan', 'har', 'ikke', 'eller', 'som', 'det', 'den', 'med', 'for', 'til', 'jeg', 'meg', 'min', 'mitt', 'mine', 'vår', 'våre', 'når', 'hvor', 'hva', 'hvem', 'må', 'være', 'blir', 'etter', 'noen', 'finnes', 'gjelder']);

/** Suggested tags for the draft form: the question's longer words, at most five. */
export function suggestTags(question: string): string[] {
  const words = question.toLowerCase().match(/[\p{L}\p{N}§-]+/gu) ?? [];
  const out: string[] = [];
  for (const w of words) if (w.length >= 4 && !STOPWORDS.has(w) && !out.includes(w) && out.length < 5) out.push(w);
  return out;
}

/** What HR fills in on the draft form. `document`/`section` empty = not chosen yet. */
export interface DraftFormInput {
  title: string;
  summary: string;
  tags: string[];
  audience: Audience[];
  document?: DocumentId;
  section?: string;
}

/** The form plus what the service adds: the entry id, the question, the date. */
export interface DraftInput extends DraftFormInput {
  id: string;
  /** The asked question: the draft's first example. */
  question: string;
  /** `YYYY-MM-DD` (Oslo). */
  today: string;
  /** For the comment at the top: where the draft came from. */
  questionId: string;
}

/** The note on a draft without a source; `kb:check` fails on the empty `sources` until it is filled in. */
export const MISSING_SOURCE_NOTE = 'MANGLER KILDE: fyll inn dokument (000–004) og avsnitt under «sources» – kb:check feiler til det er gjort';

/**
 * The draft as a Markdown file. The front matter has every field of a live entry; without a
 * source, `sources` is empty and marked, so the draft cannot go live unnoticed.
 */
export function draftMarkdown(d: DraftInput): string {
  const hasSource = Boolean(d.document && d.section?.trim());
  const front = {
    id: d.id,
    title: d.title.trim(),
    summary: d.summary.trim(),
    tags: d.tags,
    audience: d.audience,
    sources: hasSource ? [{ document: d.document, section: d.section!.trim() }] : [],
    lastReviewed: d.today,
    examples: [d.question.trim()],
  };
  const yaml = stringifyYaml(front, { lineWidth: 0 }).trimEnd();
  const header = [
    `# Utkast fra «Send spørsmålet til HR» (spørsmål ${d.questionId}), laget ${d.today}.`,
    '# Boten leser ikke utkast. Kjør `npm run kb:check`, legg til flere eksempler (minst 5), og flytt filen til',
    '# content/knowledge/<tema>/ når den er klar.',
    ...(hasSource ? [] : [`# ${MISSING_SOURCE_NOTE}`]),
  ];
  return ['---', ...header, yaml, '---', ''].join('\n');
}

/** What `kb:check` says about the drafts folder. */
export interface DraftCheck {
  drafts: number;
  problems: string[];
}

/**
 * Validates every draft in `draftsDir` with the live schema, and that its id is free (not in
 * the knowledge base, not in another draft). A missing folder has no drafts.
 */
export function checkDrafts(draftsDir: string, kb: Pick<KnowledgeBase, 'byId'>): DraftCheck {
  if (!existsSync(draftsDir)) return { drafts: 0, problems: [] };
  const files = listMarkdown(draftsDir);
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const path of files) {
    const file = relative(draftsDir, path);
    const text = readFileSync(path, 'utf8');
    const { entry, problems: p } = parseEntry(file, text);
    problems.push(...p.map((x) => `utkast ${x}`));
    if (/MANGLER KILDE/.test(text) && p.length === 0) problems.push(`utkast ${file}: har fortsatt merknaden «MANGLER KILDE» – fjern den når kilden er fylt inn`);
    if (!entry) continue;
    if (kb.byId.has(entry.id)) problems.push(`utkast ${file}: feltet «id» (${entry.id}) er allerede brukt i kunnskapsbasen`);
    const clash = seen.get(entry.id);
    if (clash) problems.push(`utkast ${file}: feltet «id» (${entry.id}) er allerede brukt i utkastet ${clash}`);
    seen.set(entry.id, file);
  }
  return { drafts: files.length, problems };
}

export const AUDIENCES = audienceSchema.options;

// ---------------------------------------------------------------------------------------------
// Stored records

/** One question a person sent to HR. Texts are deleted after the retention time (the record with them). */
export interface HrQuestionRecord {
  /** Chosen by the asker's card (a double click sends once). */
  id: string;
  /** What the asker sent (edited by them on the card). */
  question: string;
  /** Who gets HR's answer; never shown to HR unless `askerName` is set. */
  askerEmployeeId: string;
  /** Only when the asker chose «Ta med navnet mitt». */
  askerName?: string;
  /** How many HR people it was sent to. */
  sentTo: number;
  /** UTC ISO-8601. */
  askedAt: string;
  answer?: string;
  /** Employee id of the HR person who answered. */
  answeredBy?: string;
  answeredAt?: string;
}

/** Declined Q&A questions counted per day and normalised text (no user, no time of day). */
export interface DeclinedQuestionCount {
  text: string;
  count: number;
}

/** The stored shape of an {@link HrQuestionRecord}. */
export const hrQuestionRecordSchema: z.ZodType<HrQuestionRecord> = z.object({
  id: z.string(),
  question: z.string(),
  askerEmployeeId: z.string(),
  askerName: z.string().optional(),
  sentTo: z.number(),
  askedAt: z.string(),
  answer: z.string().optional(),
  answeredBy: z.string().optional(),
  answeredAt: z.string().optional(),
});
