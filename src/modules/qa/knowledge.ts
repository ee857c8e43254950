import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Codes of the five source documents (see content/documents.yml). */
export const documentIdSchema = z.enum(['000', '001', '002', '003', '004']);
export type DocumentId = z.infer<typeof documentIdSchema>;

export const sourceDocumentSchema = z
  .object({
    id: documentIdSchema,
    owner: z.string().min(2),
    title: z.string().min(2),
    year: z.number().int().min(1990).max(2100),
    short: z.string().min(2),
  })
  .strict();
export type SourceDocument = z.infer<typeof sourceDocumentSchema>;

export const audienceSchema = z.enum(['leder', 'ansatt', 'hr', 'tillitsvalgt']);
export type Audience = z.infer<typeof audienceSchema>;

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'må være en dato på formen ÅÅÅÅ-MM-DD'));

/** Front matter of one knowledge entry (content/knowledge/**.md). */
export const entryFrontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'må være små bokstaver a–z, tall og bindestrek'),
    title: z.string().min(3).max(120),
    summary: z.string().min(10).max(450),
    tags: z.array(z.string().min(1)).min(1),
    audience: z.array(audienceSchema).min(1),
    sources: z
      .array(
        z
          .object({ document: documentIdSchema, section: z.string().min(1) })
          .strict(),
      )
      .min(1),
    lastReviewed: isoDate,
    related: z.array(z.string()).optional(),
    /** Ways a person might ask for this entry (chat, situation, nynorsk, English, abbreviation). */
    examples: z.array(z.string().trim().min(8).max(300)).optional(),
  })
  .strict();

/** A validated knowledge entry as the rest of the code sees it. */
export interface KnowledgeEntry {
  id: string;
  title: string;
  /** The short, direct answer shown first. */
  summary: string;
  /** Details in Markdown, shown after the summary. May be empty. */
  body: string;
  tags: string[];
  audience: Audience[];
  sources: { document: DocumentId; section: string }[];
  lastReviewed: string;
  related: string[];
  /** Example questions this entry answers, indexed as their own field. */
  examples: string[];
  /** Path relative to the knowledge directory, for error messages and HR. */
  file: string;
}

export interface KnowledgeBase {
  entries: KnowledgeEntry[];
  byId: Map<string, KnowledgeEntry>;
  documents: Map<DocumentId, SourceDocument>;
}

/** Raised when content is invalid; `problems` names every file and field at fault. */
export class KnowledgeLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`Kunnskapsbasen har ${problems.length} feil:\n- ${problems.join('\n- ')}`);
    this.name = 'KnowledgeLoadError';
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listMarkdown(path));
    else if (name.endsWith('.md') && name !== 'README.md') out.push(path);
  }
  return out;
}

function describeZodIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${file}: feltet «${issue.path.join('.') || '(rot)'}»: ${issue.message}`);
}

/** Parses one entry file's text; returns the entry or the problems found. */
export function parseEntry(file: string, text: string): { entry?: KnowledgeEntry; problems: string[] } {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { problems: [`${file}: mangler front matter mellom to linjer med ---`] };
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (err) {
    return { problems: [`${file}: front matter er ikke gyldig YAML (${(err as Error).message.split('\n')[0]})`] };
  }
  const parsed = entryFrontMatterSchema.safeParse(data);
  if (!parsed.success) return { problems: describeZodIssues(file, parsed.error) };
  const fm = parsed.data;
  const problems: string[] = [];
  if (basename(file, '.md') !== fm.id) problems.push(`${file}: feltet «id» (${fm.id}) må være lik filnavnet`);
  const body = (match[2] ?? '').trim();
  if (problems.length) return { problems };
  return {
    problems,
    entry: {
      id: fm.id,
      title: fm.title.trim(),
      summary: fm.summary.trim(),
      body,
      tags: fm.tags.map((t) => t.trim()).filter(Boolean),
      audience: fm.audience,
      sources: fm.sources,
      lastReviewed: fm.lastReviewed,
      related: fm.related ?? [],
      examples: fm.examples ?? [],
      file,
    },
  };
}

/**
 * Loads and validates every entry below `knowledgeDir` and the document list.
 * Throws {@link KnowledgeLoadError} naming each bad file and field, so a broken
 * edit stops the start instead of silently dropping an answer.
 */
export function loadKnowledgeBase(knowledgeDir: string, documentsFile: string): KnowledgeBase {
  const problems: string[] = [];
  const documents = new Map<DocumentId, SourceDocument>();
  try {
    const docs = z.array(sourceDocumentSchema).safeParse(parseYaml(readFileSync(documentsFile, 'utf8')));
    if (!docs.success) problems.push(...describeZodIssues(documentsFile, docs.error));
    else for (const d of docs.data) documents.set(d.id, d);
  } catch (err) {
    problems.push(`${documentsFile}: kan ikke leses (${(err as Error).message.split('\n')[0]})`);
  }

  const entries: KnowledgeEntry[] = [];
  const byId = new Map<string, KnowledgeEntry>();
  let files: string[] = [];
  try {
    files = listMarkdown(knowledgeDir);
  } catch (err) {
    problems.push(`${knowledgeDir}: kan ikke leses (${(err as Error).message.split('\n')[0]})`);
  }
  for (const path of files) {
    const file = relative(knowledgeDir, path);
    const { entry, problems: p } = parseEntry(file, readFileSync(path, 'utf8'));
    problems.push(...p);
    if (!entry) continue;
    const clash = byId.get(entry.id);
    if (clash) {
      problems.push(`${file}: feltet «id» (${entry.id}) er allerede brukt i ${clash.file}`);
      continue;
    }
    byId.set(entry.id, entry);
    entries.push(entry);
  }
  for (const entry of entries) {
    for (const rel of entry.related) {
      if (!byId.has(rel)) problems.push(`${entry.file}: feltet «related» peker på ukjent id «${rel}»`);
    }
  }
  if (files.length === 0 && problems.length === 0) problems.push(`${knowledgeDir}: ingen oppføringer funnet`);
  if (problems.length) throw new KnowledgeLoadError(problems);
  return { entries, byId, documents };
}

/** Least number of example questions per entry when they are required. */
export const MIN_EXAMPLES = 5;

/**
 * Problems with entries' example questions: always a duplicate within an entry; with `require`,
 * also fewer than {@link MIN_EXAMPLES}. (`require` is off until every entry has them; kb:check
 * turns it on with KB_REQUIRE_EXAMPLES=1.)
 */
export function exampleProblems(entries: readonly KnowledgeEntry[], require: boolean): string[] {
  const problems: string[] = [];
  for (const e of entries) {
    const seen = new Set<string>();
    for (const ex of e.examples) {
      const k = ex.toLowerCase().replace(/\s+/g, ' ').trim();
      if (seen.has(k)) problems.push(`${e.file}: feltet «examples» har «${ex}» to ganger`);
      seen.add(k);
    }
    if (require && e.examples.length < MIN_EXAMPLES) {
      problems.push(`${e.file}: feltet «examples» har ${e.examples.length} eksempelspørsmål; minst ${MIN_EXAMPLES} kreves`);
    }
  }
  return problems;
}
