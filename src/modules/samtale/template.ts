/**
 * Templates for the medarbeidersamtale (content/samtale/*.yml): zod schema, cross-checks and
 * loader. HR edits the YAML; a broken edit stops the start with an error naming the file and
 * the field, like the knowledge base and the competence catalogue do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseYamlWith } from '../../shared/content-file.js';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'må være små bokstaver a–z, tall og bindestrek');
const text = (min: number, max: number) => z.string().trim().min(min, `må ha minst ${min} tegn`).max(max, `kan ikke være lengre enn ${max} tegn`);

/** The section where open actions from the previous samtale are shown. */
export const SECTION_KINDS = ['oppfolging'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const questionSchema = z
  .object({
    id: slug,
    /** Asked of the employee. */
    text: text(5, 400),
    /** Asked of the leader; the employee's text when absent. */
    leaderText: text(5, 400).optional(),
  })
  .strict();

export const sectionSchema = z
  .object({
    id: slug,
    title: text(2, 80),
    intro: text(5, 500).optional(),
    /** The leader's opening of the section (the intro speaks to the employee); without it the leader gets no intro. */
    leaderIntro: text(5, 500).optional(),
    kind: z.enum(SECTION_KINDS).optional(),
    questions: z.array(questionSchema).min(1, 'en del må ha minst ett spørsmål').max(6, 'en del kan ha høyst 6 spørsmål (kortet blir ellers for langt)'),
    /** Knowledge-base entries shown as «Les mer» links. */
    qaEntryIds: z.array(slug).max(4, 'høyst 4 lenker per del').default([]),
  })
  .strict();

export const templateFileSchema = z
  .object({
    id: slug,
    title: text(2, 80),
    description: text(10, 700).optional(),
    sections: z.array(sectionSchema).min(1).max(8, 'høyst 8 deler'),
  })
  .strict();

export interface TemplateQuestion {
  id: string;
  text: string;
  leaderText: string;
}

export interface TemplateSection {
  id: string;
  title: string;
  intro?: string;
  leaderIntro?: string;
  kind?: SectionKind;
  questions: TemplateQuestion[];
  qaEntryIds: string[];
}

export interface SamtaleTemplate {
  id: string;
  title: string;
  description?: string;
  sections: TemplateSection[];
  /** File name relative to the content directory, for HR and error messages. */
  file: string;
}

export interface SamtaleTemplates {
  /** The template new samtaler get (content/samtale/default-template.yml). */
  defaultTemplate: SamtaleTemplate;
  byId: ReadonlyMap<string, SamtaleTemplate>;
}

/** Raised when a template is invalid; `problems` names every file and field at fault. */
export class SamtaleTemplateError extends Error {
  constructor(readonly problems: string[]) {
    super(`Malen for medarbeidersamtalen har ${problems.length} feil:\n- ${problems.join('\n- ')}`);
    this.name = 'SamtaleTemplateError';
  }
}

/** What the loader needs from the knowledge base: which Q&A ids exist. */
export interface KnowledgeIds {
  byId: { has(id: string): boolean };
}

export const TEMPLATE_DIR = 'samtale';
export const DEFAULT_TEMPLATE_FILE = 'default-template.yml';

/**
 * Validates one template from its text. Pure (no file access), so tests feed broken variants.
 * With `kb`, every qaEntryId must exist. Throws {@link SamtaleTemplateError} listing every problem.
 */
export function parseSamtaleTemplate(file: string, source: string, kb?: KnowledgeIds): SamtaleTemplate {
  const parsed = parseYamlWith(templateFileSchema, source, file);
  if (!parsed.ok) throw new SamtaleTemplateError(parsed.problems);
  const t = parsed.data;
  const problems: string[] = [];
  const sectionIds = new Map<string, number>();
  let followUp = -1;
  t.sections.forEach((s, i) => {
    const at = `sections.${i}`;
    const first = sectionIds.get(s.id);
    if (first !== undefined) problems.push(`${file}: feltet «${at}.id» (${s.id}) er allerede brukt i sections.${first}`);
    else sectionIds.set(s.id, i);
    if (s.kind === 'oppfolging') {
      if (followUp >= 0) problems.push(`${file}: feltet «${at}.kind»: bare én del kan ha kind: oppfolging (sections.${followUp} har det allerede)`);
      else followUp = i;
    }
    const questionIds = new Map<string, number>();
    s.questions.forEach((q, j) => {
      const seen = questionIds.get(q.id);
      if (seen !== undefined) problems.push(`${file}: feltet «${at}.questions.${j}.id» (${q.id}) er allerede brukt i ${at}.questions.${seen}`);
      else questionIds.set(q.id, j);
    });
    s.qaEntryIds.forEach((id, j) => {
      if (kb && !kb.byId.has(id)) problems.push(`${file}: feltet «${at}.qaEntryIds.${j}»: ukjent Q&A-oppføring «${id}»`);
    });
  });
  if (problems.length) throw new SamtaleTemplateError(problems);
  return {
    id: t.id,
    title: t.title,
    ...(t.description ? { description: t.description } : {}),
    sections: t.sections.map((s) => ({
      id: s.id,
      title: s.title,
      ...(s.intro ? { intro: s.intro } : {}),
      ...(s.leaderIntro ? { leaderIntro: s.leaderIntro } : {}),
      ...(s.kind ? { kind: s.kind } : {}),
      questions: s.questions.map((q) => ({ id: q.id, text: q.text, leaderText: q.leaderText ?? q.text })),
      qaEntryIds: [...s.qaEntryIds],
    })),
    file,
  };
}

/**
 * Loads every `*.yml` in `<contentDir>/samtale/`. `default-template.yml` must exist and is the
 * template new samtaler get. Template ids must be unique across files. Pass the knowledge base
 * to check that every qaEntryId exists. Throws {@link SamtaleTemplateError} on any problem.
 */
export function loadSamtaleTemplates(contentDir: string, kb?: KnowledgeIds): SamtaleTemplates {
  const dir = join(contentDir, TEMPLATE_DIR);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch (err) {
    throw new SamtaleTemplateError([`${TEMPLATE_DIR}/: kan ikke leses (${(err as Error).message.split('\n')[0]})`]);
  }
  if (!names.includes(DEFAULT_TEMPLATE_FILE)) throw new SamtaleTemplateError([`${TEMPLATE_DIR}/${DEFAULT_TEMPLATE_FILE}: mangler (standardmalen må finnes)`]);
  const problems: string[] = [];
  const byId = new Map<string, SamtaleTemplate>();
  let defaultTemplate: SamtaleTemplate | undefined;
  for (const name of names) {
    const file = `${TEMPLATE_DIR}/${name}`;
    try {
      const template = parseSamtaleTemplate(file, readFileSync(join(dir, name), 'utf8'), kb);
      const clash = byId.get(template.id);
      if (clash) {
        problems.push(`${file}: feltet «id» (${template.id}) er allerede brukt i ${clash.file}`);
        continue;
      }
      byId.set(template.id, template);
      if (name === DEFAULT_TEMPLATE_FILE) defaultTemplate = template;
    } catch (err) {
      if (err instanceof SamtaleTemplateError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length || !defaultTemplate) throw new SamtaleTemplateError(problems);
  return { defaultTemplate, byId };
}

/** A section of a template by id. */
export function sectionOf(template: SamtaleTemplate, sectionId: string): TemplateSection | undefined {
  return template.sections.find((s) => s.id === sectionId);
}
