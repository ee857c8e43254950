/**
 * The arrows of ARCHITECTURE.md, checked on the source: which room of src/ may import which. Each
 * rule lists the offending imports (`file → specifier`), so a failure says what to move.
 * Imports are read with TypeScript's own pre-processor (static, `export … from`, dynamic
 * `import()`; comments ignored).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');

interface SourceFile {
  /** Path below src/, with `/`: `modules/qa/teams.ts`. */
  path: string;
  lines: number;
  imports: { spec: string; /** Path below src/ for a relative import, else undefined (a package). */ target?: string }[];
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const files: SourceFile[] = tsFiles(src).map((file) => {
  const text = readFileSync(file, 'utf8');
  const path = relative(src, file).split(sep).join('/');
  const imports = ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: spec }) => ({
    spec,
    ...(spec.startsWith('.') ? { target: relative(src, join(dirname(file), spec)).split(sep).join('/') } : {}),
  }));
  return { path, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), imports };
});

const offending = (rule: (file: SourceFile, imp: SourceFile['imports'][number]) => boolean): string[] =>
  files.flatMap((f) => f.imports.filter((imp) => rule(f, imp)).map((imp) => `${f.path} → ${imp.spec}`));

const isSdk = (spec: string) => /^(botbuilder|botframework-|@microsoft\/teams-ai)/.test(spec);
const isTeamsAdapter = (path: string) => /^modules\/[^/]+\/teams\.ts$/.test(path);
const inRoom = (path: string | undefined, room: string) => path !== undefined && (path === room || path.startsWith(`${room}/`));

describe('architecture: the arrows between the rooms of src/', () => {
  it('reads the imports it checks (the rules below are not vacuous)', () => {
    const adapter = files.find((f) => f.path === 'bot/adapter.ts');
    expect(adapter?.imports.some((i) => i.spec === 'botbuilder')).toBe(true);
    expect(files.find((f) => f.path === 'main.ts')?.imports.some((i) => i.target === 'http/server.js')).toBe(true);
    expect(files.length).toBeGreaterThan(100);
  });

  it('When a file imports the Teams SDK (botbuilder, @microsoft/teams-ai), then it is in src/bot/ or is a module’s teams.ts', () => {
    expect(offending((f, i) => isSdk(i.spec) && !inRoom(f.path, 'bot') && !isTeamsAdapter(f.path))).toEqual([]);
  });

  it('When a module file other than teams.ts imports from the app, then never from src/http or src/bot', () => {
    expect(
      offending((f, i) => inRoom(f.path, 'modules') && !isTeamsAdapter(f.path) && (inRoom(i.target, 'http') || inRoom(i.target, 'bot'))),
    ).toEqual([]);
  });

  it('When storage code imports from a module, then only that module’s model.ts (its records and their schemas)', () => {
    expect(offending((f, i) => inRoom(f.path, 'storage') && inRoom(i.target, 'modules') && !/^modules\/[^/]+\/model\.js$/.test(i.target!))).toEqual([]);
  });

  it('When src/bot imports from the app, then never from src/http (http knows the bot, not the other way round)', () => {
    expect(offending((f, i) => inRoom(f.path, 'bot') && inRoom(i.target, 'http'))).toEqual([]);
  });

  it('When src/shared, src/texts or src/cards import from the app, then only from src/shared, src/texts, src/cards and src/util', () => {
    const base = ['shared', 'texts', 'cards', 'util'];
    expect(
      offending((f, i) => base.some((r) => inRoom(f.path, r)) && i.target !== undefined && !base.some((r) => inRoom(i.target, r))),
    ).toEqual([]);
  });

  it('No file under src/ is over 500 lines', () => {
    expect(files.filter((f) => f.lines > 500).map((f) => `${f.path}: ${f.lines} lines`)).toEqual([]);
  });
});
