import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDrafts, draftIdFrom, draftMarkdown, normalizeQuestion, suggestTags } from '../../../src/modules/hr-questions/model.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kb-drafts-'));
  dirs.push(d);
  return d;
};

const draft = (over: Partial<Parameters<typeof draftMarkdown>[0]> = {}) =>
  draftMarkdown({
    id: 'provetid-for-nyansatte',
    title: 'Prøvetid for nyansatte',
    summary: 'Prøvetiden er høyst seks måneder, og den må avtales skriftlig.',
    tags: ['prøvetid', 'nyansatt'],
    audience: ['leder', 'hr'],
    document: '002',
    section: 'Kapittel 5',
    question: 'Hvor lang prøvetid kan en nyansatt ha?',
    today: '2026-11-23',
    questionId: 'q-1',
    ...over,
  });

describe('hr-questions model', () => {
  it('When declined questions differ only in case, spacing and trailing punctuation, then they count as one text', () => {
    expect(normalizeQuestion('  Hva er  LØNNA\tmi?! ')).toBe('hva er lønna mi');
    expect(normalizeQuestion('Hva er lønna mi')).toBe('hva er lønna mi');
    expect(normalizeQuestion('?')).toBe('');
  });

  it('When an id is made from a question, then it is a–z, 0–9 and hyphens, æøå folded, at most 60 characters', () => {
    expect(draftIdFrom('Hvor lang prøvetid får en nyansatt i barnehagen – og hva med vikarer på Æra skole?')).toBe('hvor-lang-provetid-far-en-nyansatt-i-barnehagen-og-hva-med');
    expect(draftIdFrom('???')).toBe('sporsmal-fra-hr');
    expect(suggestTags('Hvor lang prøvetid kan en nyansatt ha?')).toEqual(['lang', 'prøvetid', 'nyansatt']);
  });

  it('When drafts are checked, then a valid one passes, and a missing source, a taken id and a clash between drafts are named by file and field', () => {
    const dir = tmp();
    const kb = { byId: new Map([['rektor-kompetansekrav', {}]]) } as never;
    writeFileSync(join(dir, 'provetid-for-nyansatte.md'), draft());
    expect(checkDrafts(dir, kb)).toEqual({ drafts: 1, problems: [] });

    writeFileSync(join(dir, 'uten-kilde.md'), draft({ id: 'uten-kilde', document: undefined, section: '' }));
    writeFileSync(join(dir, 'rektor-kompetansekrav.md'), draft({ id: 'rektor-kompetansekrav' }));
    mkdirSync(join(dir, 'kopi'));
    writeFileSync(join(dir, 'kopi', 'provetid-for-nyansatte.md'), draft());
    const { drafts, problems } = checkDrafts(dir, kb);
    expect(drafts).toBe(4);
    expect(problems).toEqual([
      // kopi/ is read first (sorted), so the later file is the one named.
      'utkast provetid-for-nyansatte.md: feltet «id» (provetid-for-nyansatte) er allerede brukt i utkastet kopi/provetid-for-nyansatte.md',
      expect.stringMatching(/^utkast rektor-kompetansekrav\.md: feltet «id» \(rektor-kompetansekrav\) er allerede brukt i kunnskapsbasen$/),
      expect.stringMatching(/^utkast uten-kilde\.md: feltet «sources»/),
    ]);
  });

  it('When a draft had its source filled in but kept the «MANGLER KILDE» note, then it is flagged; with no drafts folder there is nothing to check', () => {
    const dir = tmp();
    const kb = { byId: new Map() } as never;
    writeFileSync(join(dir, 'fylt-inn.md'), draft({ id: 'fylt-inn', document: undefined }).replace('sources: []', 'sources:\n  - document: "002"\n    section: "Kapittel 5"'));
    expect(checkDrafts(dir, kb).problems).toEqual([expect.stringContaining('MANGLER KILDE')]);
    expect(checkDrafts(join(dir, 'finnes-ikke'), kb)).toEqual({ drafts: 0, problems: [] });
  });
});
