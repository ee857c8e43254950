import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const storage = join(root, 'src', 'storage');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('storage boundaries', () => {
  it('When storage code imports from a module, then it is only that module’s model.ts (records and their schemas)', () => {
    const offending: string[] = [];
    for (const file of tsFiles(storage)) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
        if (spec!.includes('/modules/') && !/\/modules\/[a-z-]+\/model\.js$/.test(spec!)) offending.push(`${relative(root, file)} → ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
