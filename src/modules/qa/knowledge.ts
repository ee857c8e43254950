import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { KommuneProfile } from '../kommune/profile.js';
import { parseLineSpan, SectionIndex } from './sections.js';
import { fieldProblems, yamlProblem } from '../../shared/content-file.js';

/** Codes of the five source documents (see content/documents.yml). */
export const documentIdSchema = z.enum(['000', '001', '002', '003', '004']);
export type DocumentId = z.infer<typeof documentIdSchema>;

const lineSpanSchema = z
  .string()
  .refine((v) => parseLineSpan(v) !== undefined, 'må være et linjespenn som «123–140» (første linje ≤ siste)');
const pageSchema = z.number().int().min(1).max(2000);

/** One named part inside a section (a sub-heading, a numbered point, a table). */
export const sectionPartSchema = z
  .object({ title: z.string().trim().min(1), line: z.number().int().min(1), page: pageSchema.optional() })
  .strict();

/** One section of a source document, as entries cite it (`id`) and as the document titles it. */
export const documentSectionSchema = z
  .object({
    id: z.string().trim().min(1),
    title: z.string().trim().min(1),
    lines: lineSpanSchema,
    page: pageSchema.optional(),
    parts: z.array(sectionPartSchema).optional(),
  })
  .strict();

export const sourceDocumentSchema = z
  .object({
    id: documentIdSchema,
    owner: z.string().min(2),
    title: z.string().min(2),
    year: z.number().int().min(1990).max(2100),
    short: z.string().min(2),
    /** The seed file the line spans refer to (../shared/seeds/). */
    file: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/, 'må være navnet på kildefilen, f.eks. 003_9c3211eee2cb2027.txt'),
    lineCount: z.number().int().min(1),
    sections: z.array(documentSectionSchema).min(1),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.sections.forEach((section, i) => {
      const key = section.id.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['sections', i, 'id'], message: `«${section.id}» er oppført to ganger` });
      seen.add(key);
      const span = parseLineSpan(section.lines);
      if (span && span[1] > doc.lineCount) {
        ctx.addIssue({ code: 'custom', path: ['sections', i, 'lines'], message: `går forbi siste linje (${doc.lineCount})` });
      }
      section.parts?.forEach((part, j) => {
        if (span && (part.line < span[0] || part.line > span[1])) {
          ctx.addIssue({ code: 'custom', path: ['sections', i, 'parts', j, 'line'], message: `ligger utenfor seksjonen (${section.lines})` });
        }
      });
    });
  });
export type SourceDocument = z.infer<typeof sourceDocumentSchema>;

export const audienceSchema = z.enum(['leder', 'ansatt', 'hr', 'tillitsvalgt']);

/**
 * Whose rule an entry states (issue #13): `lov` act or regulation, `avtale` HTA/Hovedavtalen,
 * `ks` KS guidance, `kommune:<id>` one municipality's own rule or practice.
 */
export const scopeSchema = z
  .string()
  .regex(/^(lov|avtale|ks|kommune:[a-z0-9]+(?:-[a-z0-9]+)*)$/, 'må være lov, avtale, ks eller kommune:<id> (f.eks. kommune:kristiansund)');
export type Scope = 'lov' | 'avtale' | 'ks' | `kommune:${string}`;
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
    /** Required by loadKnowledgeBase (and so by kb:check and the start); optional for entries built in tests. */
    scope: scopeSchema.optional(),
    sources: z
      .array(
        z
          .object({
            document: documentIdSchema,
            section: z.string().min(1),
            /** Optional line span in the document's seed file, inside the cited section. */
            lines: lineSpanSchema.optional(),
            /** Optional page, only for documents with page numbers. */
            page: pageSchema.optional(),
          })
          .strict(),
      )
      .min(1),
    lastReviewed: isoDate,
    related: z.array(z.string()).optional(),
    /** Ways a person might ask for this entry (chat, situation, nynorsk, English, abbreviation). */
    examples: z.array(z.string().trim().min(8).max(300)).optional(),
  })
  .strict();

export interface KnowledgeSource {
  document: DocumentId;
  section: string;
  lines?: string;
  page?: number;
}

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
  /** Whose rule this is; always set for entries loaded from content/knowledge. */
  scope?: Scope;
  /** `page` is the cited page, or else the page documents.yml gives for the section (if any). */
  sources: KnowledgeSource[];
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
  /** The municipality answers are presented for (labels and order by scope, system names); see qa/scope.ts. */
  kommune?: KommuneProfile;
}

/** Raised when content is invalid; `problems` names every file and field at fault. */
export class KnowledgeLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`Kunnskapsbasen har ${problems.length} feil:\n- ${problems.join('\n- ')}`);
    this.name = 'KnowledgeLoadError';
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Every `.md` file below `dir` (README.md files left out), in a stable order. */
export function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listMarkdown(path));
    else if (name.endsWith('.md') && name !== 'README.md') out.push(path);
  }
  return out;
}

/** Parses one entry file's text; returns the entry or the problems found. */
export function parseEntry(file: string, text: string): { entry?: KnowledgeEntry; problems: string[] } {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { problems: [`${file}: mangler front matter mellom to linjer med ---`] };
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (err) {
    return { problems: [yamlProblem(file, err, 'front matter er ikke gyldig YAML')] };
  }
  const parsed = entryFrontMatterSchema.safeParse(data);
  if (!parsed.success) return { problems: fieldProblems(file, parsed.error) };
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
      ...(fm.scope ? { scope: fm.scope as Scope } : {}),
      sources: fm.sources.map((s) => ({ ...s })),
      lastReviewed: fm.lastReviewed,
      related: fm.related ?? [],
      examples: fm.examples ?? [],
      file,
    },
  };
}

/** An entry must say whose rule it is; a law needs its paragraph and an agreement its chapter. */
function scopeProblems(entry: KnowledgeEntry): string[] {
  const { file, scope } = entry;
  if (!scope) return [`${file}: feltet «scope» mangler: lov, avtale, ks eller kommune:<id> (se content/knowledge/README.md)`];
  const all = [entry.title, entry.summary, entry.body, ...entry.tags].join('\n');
  if (scope === 'lov' && !all.includes('§')) return [`${file}: feltet «scope» er lov, men oppføringen nevner ingen paragraf (§)`];
  if (scope === 'avtale' && !/(kap\.?|kapittel|pkt\.?|§|\b\d+\.\d+)/i.test(all)) return [`${file}: feltet «scope» er avtale, men oppføringen nevner ikke kapittel eller punkt i avtalen`];
  return [];
}

/**
 * Checks that each of the entry's sources names a section listed for its document (see
 * src/modules/qa/sections.ts for the rule), that a line span lies inside that section and that a page is
 * only given for a document with page numbers. Fills in the section's page when the source gives none.
 */
export function checkSources(
  entry: KnowledgeEntry,
  documents: ReadonlyMap<DocumentId, SourceDocument>,
  indexes: ReadonlyMap<DocumentId, SectionIndex> = new Map(
    [...documents].map(([id, doc]) => [id, new SectionIndex(doc.sections)]),
  ),
): string[] {
  const problems: string[] = [];
  entry.sources.forEach((source, i) => {
    const where = `${entry.file}: feltet «sources.${i}.section»`;
    const doc = documents.get(source.document);
    const index = indexes.get(source.document);
    if (!doc || !index) {
      problems.push(`${entry.file}: feltet «sources.${i}.document»: dokument ${source.document} finnes ikke i documents.yml`);
      return;
    }
    if (/[;]/.test(source.section)) {
      problems.push(
        `${where}: «${source.section}» nevner flere seksjoner; skriv én kilde (document + section) per seksjon`,
      );
      return;
    }
    const found = index.match(source.section);
    if (!found) {
      const nearest = index.nearest(source.section).join(', ');
      problems.push(
        `${where}: seksjonen «${source.section}» finnes ikke i dokument ${doc.id} (${doc.short}) i documents.yml. ` +
          `Nærmeste kjente seksjoner: ${nearest}`,
      );
      return;
    }
    const span = parseLineSpan(found.section.lines);
    const cited = source.lines === undefined ? undefined : parseLineSpan(source.lines);
    if (cited && span && (cited[0] < span[0] || cited[1] > span[1])) {
      problems.push(
        `${entry.file}: feltet «sources.${i}.lines»: ${source.lines} ligger utenfor seksjonen «${found.section.id}» ` +
          `(linje ${found.section.lines} i ${doc.file})`,
      );
    }
    const hasPages = doc.sections.some((s) => s.page !== undefined || s.parts?.some((p) => p.page !== undefined));
    if (source.page !== undefined && !hasPages) {
      problems.push(`${entry.file}: feltet «sources.${i}.page»: dokument ${doc.id} (${doc.short}) har ikke sidetall`);
    }
    if (source.page === undefined) {
      const page = found.part?.page ?? found.section.page;
      if (page !== undefined) source.page = page;
    }
  });
  return problems;
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
    if (!docs.success) problems.push(...fieldProblems(documentsFile, docs.error));
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
    problems.push(...scopeProblems(entry));
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
  if (documents.size > 0) {
    const indexes = new Map([...documents].map(([id, doc]) => [id, new SectionIndex(doc.sections)]));
    for (const entry of entries) problems.push(...checkSources(entry, documents, indexes));
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
