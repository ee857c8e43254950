/**
 * The synonym table HR can edit (content/synonyms.yml): groups of words and phrases that mean
 * the same (abbreviations, bokmål/nynorsk pairs, old and new titles) and a map from nynorsk and
 * dialect word forms to bokmål. Validated with zod; a bad file throws naming file and problem.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { foldText, tokenize } from './normalize.js';
import { ContentFileError } from './load-error.js';
import { fieldProblems, yamlProblem } from '../../../shared/content-file.js';

const phrase = z
  .string()
  .trim()
  .min(1, 'tom tekst')
  .refine((s) => tokenize(s).length > 0, 'inneholder ingen ord');

const wordKey = z.string().refine((s) => tokenize(s).length === 1, 'må være ett enkelt ord');

export const synonymFileSchema = z
  .object({
    groups: z.array(z.array(phrase).min(2, 'en gruppe må ha minst to ord')).default([]),
    words: z.record(wordKey, phrase).default({}),
  })
  .strict();

export type SynonymFile = z.infer<typeof synonymFileSchema>;

/** The validated, folded synonym table the search engine uses. */
export interface SynonymTable {
  /** Each group lists phrases with the same meaning, as written in the file. */
  groups: string[][];
  /** Folded nynorsk/dialect word → folded bokmål word(s). */
  words: Map<string, string>;
}

/** Raised when content/synonyms.yml is unreadable or invalid. */
export class SynonymLoadError extends ContentFileError {}

/** Validates already-parsed YAML data; `file` is used in error messages only. */
export function parseSynonyms(data: unknown, file = 'synonyms.yml'): SynonymTable {
  const parsed = synonymFileSchema.safeParse(data ?? {});
  if (!parsed.success) throw new SynonymLoadError(file, fieldProblems(file, parsed.error, ''));
  const problems: string[] = [];
  const words = new Map<string, string>();
  for (const [from, to] of Object.entries(parsed.data.words)) {
    const key = foldText(from.trim());
    if (words.has(key)) problems.push(`${file}: «words.${from}»: står flere ganger`);
    words.set(key, foldText(to));
  }
  const seen = new Map<string, number>();
  parsed.data.groups.forEach((group, gi) => {
    for (const p of group) {
      const key = tokenize(p).map((t) => t.text).join(' ');
      const before = seen.get(key);
      if (before !== undefined && before !== gi) {
        problems.push(`${file}: «groups.${gi}»: «${p}» står også i gruppe ${before} (slå dem sammen)`);
      }
      seen.set(key, gi);
    }
  });
  if (problems.length) throw new SynonymLoadError(file, problems);
  return { groups: parsed.data.groups, words };
}

/** Reads and validates a synonym file; throws {@link SynonymLoadError} naming file and problem. */
export function loadSynonymFile(file: string): SynonymTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SynonymLoadError(file, [`${file}: kan ikke leses (${(err as Error).message.split('\n')[0]})`]);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new SynonymLoadError(file, [yamlProblem(file, err)]);
  }
  return parseSynonyms(data, file);
}

/** An empty table, for tests and for running without a synonym file. */
export function emptySynonyms(): SynonymTable {
  return { groups: [], words: new Map() };
}
