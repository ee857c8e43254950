import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../../src/modules/qa/knowledge.js';
import { loadSamtaleTemplates, parseSamtaleTemplate, SamtaleTemplateError } from '../../../src/modules/samtale/template.js';
import { projectRoot } from '../../../src/util/project-root.js';
import { TEMPLATE_YML } from './fixtures.js';

const CONTENT = join(projectRoot, 'content');
const kbOf = (...ids: string[]) => ({ byId: new Set(ids) });

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof SamtaleTemplateError) return err.problems;
    throw err;
  }
  throw new Error('expected a SamtaleTemplateError');
}

describe('samtale templates', () => {
  it('When the default template is loaded with the knowledge base, then it has the five KS-based sections and every Q&A link exists', () => {
    const kb = loadKnowledgeBase(join(CONTENT, 'knowledge'), join(CONTENT, 'documents.yml'));
    const { defaultTemplate } = loadSamtaleTemplates(CONTENT, kb);
    expect(defaultTemplate.sections.map((s) => s.title)).toEqual([
      'Arbeidssituasjon og trivsel',
      'Kompetanse og læring',
      'Mål og oppgaver',
      'Utvikling og karriere',
      'Oppfølging fra forrige samtale',
    ]);
    // the four KS questions on kompetanse og læring
    expect(defaultTemplate.sections[1]!.questions).toHaveLength(4);
    const career = defaultTemplate.sections.find((s) => s.id === 'utvikling')!;
    expect(career.qaEntryIds).toEqual(expect.arrayContaining(['lovkrav-utdanningspermisjon', 'samtale-lonnsutviklingssamtale']));
    expect(defaultTemplate.sections.filter((s) => s.kind === 'oppfolging')).toHaveLength(1);
    for (const s of defaultTemplate.sections) for (const id of s.qaEntryIds) expect(kb.byId.has(id)).toBe(true);
  });

  it('When the default template is loaded, then every section opens with a text for the leader that is not the employee\'s, and no text promises links the card does not show', () => {
    const { defaultTemplate } = loadSamtaleTemplates(CONTENT);
    for (const s of defaultTemplate.sections) {
      expect(s.leaderIntro, s.id).toBeTruthy();
      expect(s.leaderIntro).not.toBe(s.intro);
      // Written to the leader: about «medarbeideren», not «du» in the employee's job.
      expect(s.leaderIntro).not.toMatch(/jobben din|Hvor vil du/);
      // The preparation card shows no Q&A links, so no text may point to them.
      expect(`${s.intro} ${s.leaderIntro}`).not.toMatch(/lenkene under|se lenken/i);
    }
  });

  it('When a section links to a Q&A entry that does not exist, then loading fails naming the file and the field', () => {
    const bad = TEMPLATE_YML.replace('    kind: oppfolging\n', '    kind: oppfolging\n    qaEntryIds: [finnes-ikke]\n');
    expect(problemsOf(() => parseSamtaleTemplate('samtale/default-template.yml', bad, kbOf('x')))).toEqual([
      'samtale/default-template.yml: feltet «sections.2.qaEntryIds.0»: ukjent Q&A-oppføring «finnes-ikke»',
    ]);
  });

  it.each([
    ['a section id used twice', TEMPLATE_YML.replace('id: kompetanse', 'id: trivsel'), /feltet «sections\.1\.id» \(trivsel\) er allerede brukt i sections\.0/],
    ['a question id used twice in a section', TEMPLATE_YML.replace('id: ubrukt', 'id: egenvurdering'), /feltet «sections\.1\.questions\.1\.id» \(egenvurdering\) er allerede brukt/],
    ['two follow-up sections', TEMPLATE_YML.replace('title: Kompetanse og læring', 'title: Kompetanse og læring\n    kind: oppfolging'), /bare én del kan ha kind: oppfolging/],
    ['an unknown field', TEMPLATE_YML.replace('title: Testsamtale', 'title: Testsamtale\ntittel: feil'), /feltet «\(rot\)»: Unrecognized key/],
    ['a section without questions', TEMPLATE_YML.replace(/questions:\n      - \{ id: status.*\n/, 'questions: []\n'), /feltet «sections\.2\.questions»: en del må ha minst ett spørsmål/],
    ['an id with capitals', TEMPLATE_YML.replace('id: trivsel', 'id: Trivsel'), /feltet «sections\.0\.id»: må være små bokstaver/],
    ['broken YAML', 'id: [', /er ikke gyldig YAML/],
  ])('When a template has %s, then loading fails with the file and the field', (_label, text, message) => {
    const problems = problemsOf(() => parseSamtaleTemplate('samtale/x.yml', text));
    expect(problems.join('\n')).toMatch(message);
    expect(problems.every((p) => p.startsWith('samtale/x.yml: '))).toBe(true);
  });

  it('When the default template file is missing or two files use the same id, then loading fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samtale-'));
    mkdirSync(join(dir, 'samtale'));
    writeFileSync(join(dir, 'samtale', 'annen.yml'), TEMPLATE_YML);
    expect(problemsOf(() => loadSamtaleTemplates(dir))).toEqual(['samtale/default-template.yml: mangler (standardmalen må finnes)']);
    writeFileSync(join(dir, 'samtale', 'default-template.yml'), TEMPLATE_YML);
    expect(problemsOf(() => loadSamtaleTemplates(dir))).toEqual(['samtale/default-template.yml: feltet «id» (test) er allerede brukt i samtale/annen.yml']);
  });

  it('When a question has no leader text, then the leader is asked the same question', () => {
    const t = parseSamtaleTemplate('samtale/x.yml', TEMPLATE_YML);
    expect(t.sections[1]!.questions[0]).toEqual({ id: 'egenvurdering', text: 'Hvordan vurderer du din egen kompetanse?', leaderText: 'Hvordan vurderer du din egen kompetanse?' });
    expect(t.sections[0]!.questions[0]!.leaderText).toBe('Hvordan har medarbeideren det?');
  });
});
