import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SynonymLoadError, loadSynonymFile, parseSynonyms } from '../../../../src/modules/qa/search/synonyms.js';

const dir = mkdtempSync(join(tmpdir(), 'synonyms-'));
function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('synonym file', () => {
  it('loads groups and a folded word map', () => {
    const table = loadSynonymFile(write('ok.yml', 'groups:\n  - [HTA, hovedtariffavtalen]\nwords:\n  Kva: hva\n'));
    expect(table.groups).toEqual([['HTA', 'hovedtariffavtalen']]);
    expect(table.words.get('kva')).toBe('hva');
  });

  it('the real content/synonyms.yml is valid', () => {
    const table = loadSynonymFile(join(process.cwd(), 'content/synonyms.yml'));
    expect(table.groups.length).toBeGreaterThan(10);
    expect(table.words.get('kva')).toBe('hva');
  });

  it.each([
    ['a group with one member', 'groups:\n  - [HTA]\n', 'minst to'],
    ['a word key of two words', 'words:\n  kva for: hvilke\n', 'ett enkelt ord'],
    ['an unknown top-level key', 'grupper:\n  - [a, b]\n', 'grupper'],
    ['the same phrase in two groups', 'groups:\n  - [lønn, løn]\n  - [løn, gasje]\n', 'også i gruppe'],
    ['an empty phrase', 'groups:\n  - [lønn, ""]\n', 'tom tekst'],
  ])('rejects %s, naming the file and the problem', (_name, text, problem) => {
    const file = write('bad.yml', text);
    let error: unknown;
    try {
      loadSynonymFile(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SynonymLoadError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(problem);
  });

  it('reports unreadable files and invalid YAML with the file name', () => {
    expect(() => loadSynonymFile(join(dir, 'missing.yml'))).toThrow(/missing\.yml.*kan ikke leses/);
    expect(() => loadSynonymFile(write('broken.yml', 'groups: [a, b\n'))).toThrow(/broken\.yml.*ikke gyldig YAML/);
  });

  it('accepts an empty document as an empty table', () => {
    const table = parseSynonyms(null);
    expect(table.groups).toEqual([]);
    expect(table.words.size).toBe(0);
  });
});
