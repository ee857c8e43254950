import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { iconProblems } from '../../scripts/package-app.js';
import { renderColorIcon, renderOutlineIcon } from '../../scripts/make-icons.js';
import { projectRoot } from '../../src/util/project-root.js';

const read = (name: string) => readFileSync(join(projectRoot, 'appPackage', name));

describe('app icons', () => {
  it('When color.png is read, then it is a 192×192 full-colour PNG', () => {
    const png = PNG.sync.read(read('color.png'));
    expect([png.width, png.height]).toEqual([192, 192]);
    const colours = new Set<string>();
    let opaque = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i + 3] === 255) opaque++;
      colours.add(`${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`);
    }
    expect(opaque / (192 * 192)).toBeGreaterThan(0.8);
    expect(colours.size).toBeGreaterThan(50);
    expect(iconProblems('color', read('color.png'))).toEqual([]);
  });

  it('When outline.png is read, then it is 32×32 with only white or fully transparent pixels', () => {
    const png = PNG.sync.read(read('outline.png'));
    expect([png.width, png.height]).toEqual([32, 32]);
    let visible = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const alpha = png.data[i + 3]!;
      if (alpha === 0) continue;
      visible++;
      expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(100);
    expect(iconProblems('outline', read('outline.png'))).toEqual([]);
  });

  it('When the icon script runs, then it draws exactly the committed icons (run `npm run icons` after changing it)', () => {
    expect(Buffer.compare(renderColorIcon().data, PNG.sync.read(read('color.png')).data)).toBe(0);
    expect(Buffer.compare(renderOutlineIcon().data, PNG.sync.read(read('outline.png')).data)).toBe(0);
  });

  it('When an outline icon has a coloured pixel or the wrong size, then the package check says so', () => {
    const png = new PNG({ width: 30, height: 30 });
    png.data.fill(0);
    png.data.set([255, 0, 0, 255], 0);
    const problems = iconProblems('outline', PNG.sync.write(png));
    expect(problems.join('\n')).toMatch(/32×32/);
    expect(problems.join('\n')).toMatch(/1 piksler/);
  });
});
