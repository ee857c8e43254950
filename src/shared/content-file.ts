/**
 * How every content loader (knowledge base, catalogue, samtale templates, kommune profiles …)
 * names a fault in a file HR edits: `<file>: feltet «a.b»: <message>`, one line per problem.
 */
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

/**
 * One line per zod issue, naming the file and the field (`(rot)` for the whole file); `word`
 * goes before the field (the word lists say `file: «words.x»: …`, without «feltet»).
 */
export function fieldProblems(file: string, error: z.ZodError, word = 'feltet '): string[] {
  return error.issues.map((i) => `${file}: ${word}«${i.path.join('.') || '(rot)'}»: ${i.message}`);
}

/** The line for text the YAML parser refuses: the first line of its message. */
export function yamlProblem(file: string, err: unknown, what = 'er ikke gyldig YAML'): string {
  return `${file}: ${what} (${(err as Error).message.split('\n')[0]})`;
}

/** Parses YAML text and validates it with `schema`; pure, so tests can feed broken variants. */
export function parseYamlWith<S extends z.ZodTypeAny>(
  schema: S,
  source: string,
  file: string,
): { ok: true; data: z.output<S> } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (err) {
    return { ok: false, problems: [yamlProblem(file, err)] };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, problems: fieldProblems(file, parsed.error) };
}
