/**
 * English questions: the English→Norwegian domain glossary (content/glossary-en.yml), detection
 * of a question written in English, and its translation into the Norwegian words the search
 * understands. Validated with zod; a bad file throws naming file and problem.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { foldText, STOP_WORDS, tokenize } from './normalize.js';
import { ContentFileError } from './load-error.js';
import { fieldProblems, yamlProblem } from '../../../shared/content-file.js';

const englishPhrase = z
  .string()
  .trim()
  .min(1, 'tom tekst')
  .refine((s) => s === s.toLowerCase(), 'skriv med små bokstaver')
  .refine((s) => {
    const n = tokenize(s).length;
    return n >= 1 && n <= 5;
  }, 'må være 1–5 ord');

export const glossaryFileSchema = z
  .object({
    functionWords: z.array(z.string().trim().min(1)).default([]),
    terms: z.record(englishPhrase, z.string().trim().min(1, 'tom oversettelse')),
  })
  .strict();

/** The validated glossary the engine uses. */
export interface Glossary {
  /** Folded English phrase (tokens joined by one space) → Norwegian text. */
  terms: Map<string, string>;
  /** Longest phrase in tokens. */
  maxPhrase: number;
  /** English function words, dropped when translating (folded). */
  functionWords: Set<string>;
}

export class GlossaryLoadError extends ContentFileError {}

const key = (s: string): string =>
  tokenize(s)
    .map((t) => t.text)
    .join(' ');

export function parseGlossary(data: unknown, file = 'glossary-en.yml'): Glossary {
  const parsed = glossaryFileSchema.safeParse(data ?? {});
  if (!parsed.success) throw new GlossaryLoadError(file, fieldProblems(file, parsed.error, ''));
  const terms = new Map<string, string>();
  const problems: string[] = [];
  let maxPhrase = 1;
  for (const [from, to] of Object.entries(parsed.data.terms)) {
    const k = key(from);
    if (terms.has(k)) problems.push(`${file}: «terms.${from}»: står flere ganger`);
    terms.set(k, foldText(to));
    maxPhrase = Math.max(maxPhrase, k.split(' ').length);
  }
  if (problems.length) throw new GlossaryLoadError(file, problems);
  const functionWords = new Set<string>();
  for (const w of parsed.data.functionWords) for (const t of tokenize(w)) functionWords.add(t.text);
  return { terms, maxPhrase, functionWords };
}

export function loadGlossaryFile(file: string): Glossary {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new GlossaryLoadError(file, [yamlProblem(file, err, 'kan ikke leses eller er ikke gyldig YAML')]);
  }
  return parseGlossary(data, file);
}

export function emptyGlossary(): Glossary {
  return { terms: new Map(), maxPhrase: 1, functionWords: new Set() };
}

/**
 * Words that only English has (never a Norwegian word): their share decides the language.
 * Kept small and unambiguous; the glossary's function words add to it.
 */
const ENGLISH_MARKERS = new Set(
  'the what who whom whose which where why how is are was were does did do should would could must have has my our your their this that these those with about from into when can i'.split(' '),
);
/** Norwegian words that rule out English (a Norwegian question with an English term in it). */
const NORWEGIAN_MARKERS = new Set(
  'hva hvem hvor hvordan hvorfor hvilke hvilken hvilket når er og eller jeg vi ikke kan må skal bør har en et ei som på til med av det den de kva kven korleis kvifor kor eg ikkje ein eit dei sin mitt min mine våre vår'.split(' '),
);

/**
 * True when the question is written in English: more English-only words than Norwegian
 * function words, and at least two of them (or one in a very short question).
 */
export function isEnglish(question: string, glossary: Glossary): boolean {
  const tokens = tokenize(question, 60).filter((t) => !t.numeric);
  if (tokens.length === 0) return false;
  let en = 0;
  let no = 0;
  for (const t of tokens) {
    // "i", "can", "for" are Norwegian too: only count as English when the other side is silent.
    if (NORWEGIAN_MARKERS.has(t.text) && t.text !== 'i') no++;
    else if (ENGLISH_MARKERS.has(t.text) || (glossary.functionWords.has(t.text) && !STOP_WORDS.has(t.text))) en++;
  }
  if (/[æøå]/.test(question.toLowerCase()) && en <= no + 1) return false;
  return en >= 2 ? en > no : en === 1 && no === 0 && tokens.length <= 3 && glossary.terms.size > 0 && tokens.some((t) => glossary.terms.has(t.text));
}

/** Regular English endings tried when a word is not in the glossary as written. */
function baseForms(word: string): string[] {
  const out: string[] = [];
  if (word.endsWith('ies') && word.length > 4) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es') && word.length > 4) out.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) out.push(word.slice(0, -1));
  if (word.endsWith("'s")) out.push(word.slice(0, -2));
  if (word.endsWith('ing') && word.length > 5) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (word.endsWith('ed') && word.length > 4) out.push(word.slice(0, -2), word.slice(0, -1));
  return out;
}

/** Articles are skipped before phrase matching («head of a kindergarten» = «head of kindergarten»). */
const ARTICLES = new Set(['a', 'an', 'the']);

/** A translation and the English words it had to keep as they were (not in the glossary). */
export interface Translation {
  text: string;
  /** Folded words kept untranslated (names and abbreviations excluded: those start upper-case). */
  untranslated: string[];
}

/**
 * Translates an English question into Norwegian search words: glossary phrases (longest first),
 * function words dropped, anything else (names, abbreviations, Norwegian terms) kept as written.
 */
export function translateEnglishDetailed(question: string, glossary: Glossary): Translation {
  const tokens = tokenize(question).filter((t) => !ARTICLES.has(t.text));
  const out: string[] = [];
  const untranslated: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    let matched = false;
    for (let n = Math.min(glossary.maxPhrase, tokens.length - i); n >= 1 && !matched; n--) {
      const words = tokens.slice(i, i + n).map((t) => t.text);
      const candidates = [words.join(' ')];
      const last = words[n - 1] as string;
      for (const b of baseForms(last)) candidates.push([...words.slice(0, -1), b].join(' '));
      for (const c of candidates) {
        const to = glossary.terms.get(c);
        if (to !== undefined) {
          out.push(to);
          i += n;
          matched = true;
          break;
        }
      }
    }
    if (matched) continue;
    const t = tokens[i] as (typeof tokens)[number];
    i++;
    if (!t.numeric && glossary.functionWords.has(t.text)) continue;
    out.push(t.raw);
    if (!t.numeric && t.raw === t.text) untranslated.push(t.text);
  }
  return { text: out.join(' '), untranslated };
}

export function translateEnglish(question: string, glossary: Glossary): string {
  return translateEnglishDetailed(question, glossary).text;
}
