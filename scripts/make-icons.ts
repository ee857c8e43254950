/**
 * Draws the Teams app icons: appPackage/color.png (192×192, full colour) and
 * appPackage/outline.png (32×32, white on transparent). `npm run icons` regenerates them.
 *
 * The glyph – a person next to a rising arrow – is described once as a signed distance field in
 * a unit square and rendered at both sizes with 8×8 supersampling per pixel for anti-aliasing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';

type Vec = readonly [number, number];
/** Signed distance: negative inside the shape, positive outside. */
type Sdf = (x: number, y: number) => number;

const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

const roundedBox =
  (cx: number, cy: number, hw: number, hh: number, r: number): Sdf =>
  (x, y) => {
    const qx = Math.abs(x - cx) - hw + r;
    const qy = Math.abs(y - cy) - hh + r;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };

/** A line from a to b with round caps, `r` = half the stroke width. */
const capsule =
  ([ax, ay]: Vec, [bx, by]: Vec, r: number): Sdf =>
  (x, y) => {
    const px = x - ax;
    const py = y - ay;
    const dx = bx - ax;
    const dy = by - ay;
    const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - dx * h, py - dy * h) - r;
  };

/** Convex or concave polygon (even-odd), exact distance to the nearest edge. */
const polygon =
  (pts: readonly Vec[]): Sdf =>
  (x, y) => {
    let d = Infinity;
    let inside = false;
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const [xi, yi] = pts[i]!;
      const [xj, yj] = pts[j]!;
      const ex = xj - xi;
      const ey = yj - yi;
      const wx = x - xi;
      const wy = y - yi;
      const h = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
      d = Math.min(d, Math.hypot(wx - ex * h, wy - ey * h));
      if (yi > y !== yj > y && x < (ex * (y - yi)) / ey + xi) inside = !inside;
    }
    return inside ? -d : d;
  };

const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));
const intersect =
  (a: Sdf, b: Sdf): Sdf =>
  (x, y) =>
    Math.max(a(x, y), b(x, y));
const halfPlaneAbove =
  (yMax: number): Sdf =>
  (_x, y) =>
    y - yMax;

/** The glyph in a unit square (y grows downwards): a person and a growth arrow. */
export function glyph(): Sdf {
  const head = circle(0.27, 0.33, 0.12);
  // Shoulders: the top of a tall rounded box, cut flat at the bottom.
  const body = intersect(roundedBox(0.27, 0.8, 0.185, 0.28, 0.185), halfPlaneAbove(0.86));
  const stroke = 0.058;
  const p0: Vec = [0.5, 0.92];
  const p1: Vec = [0.67, 0.6];
  const p2: Vec = [0.76, 0.69];
  const p3: Vec = [0.88, 0.38];
  // The arrow starts on the same flat baseline as the shoulders.
  const line = intersect(union(capsule(p0, p1, stroke), capsule(p1, p2, stroke), capsule(p2, p3, stroke)), halfPlaneAbove(0.86));
  // Arrow head along the last segment.
  const len = Math.hypot(p3[0] - p2[0], p3[1] - p2[1]);
  const dir: Vec = [(p3[0] - p2[0]) / len, (p3[1] - p2[1]) / len];
  const nrm: Vec = [-dir[1], dir[0]];
  const base: Vec = [p3[0] - dir[0] * 0.02, p3[1] - dir[1] * 0.02];
  const tip: Vec = [p3[0] + dir[0] * 0.17, p3[1] + dir[1] * 0.17];
  const w = 0.125;
  const arrowHead = polygon([tip, [base[0] + nrm[0] * w, base[1] + nrm[1] * w], [base[0] - nrm[0] * w, base[1] - nrm[1] * w]]);
  return union(head, body, line, arrowHead);
}

const SAMPLES = 8;

/** Fraction (0–1) of the pixel at (px, py) covered by `shape`, with the shape in pixel units. */
function coverage(shape: Sdf, px: number, py: number): number {
  let hits = 0;
  for (let j = 0; j < SAMPLES; j++) {
    for (let i = 0; i < SAMPLES; i++) {
      if (shape(px + (i + 0.5) / SAMPLES, py + (j + 0.5) / SAMPLES) <= 0) hits++;
    }
  }
  return hits / (SAMPLES * SAMPLES);
}

/** Bounding box of a unit-square shape, found on a fine grid. */
function bounds(shape: Sdf): { x0: number; y0: number; x1: number; y1: number } {
  const n = 500;
  let x0 = 1;
  let y0 = 1;
  let x1 = 0;
  let y1 = 0;
  for (let j = 0; j <= n; j++) {
    for (let i = 0; i <= n; i++) {
      const x = i / n;
      const y = j / n;
      if (shape(x, y) <= 0) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
  }
  return { x0, y0, x1, y1 };
}

/** Scales a unit-square shape so its longer side spans `side` pixels, centred on (cx, cy). */
function fitted(shape: Sdf, cx: number, cy: number, side: number): Sdf {
  const b = bounds(shape);
  const scale = side / Math.max(b.x1 - b.x0, b.y1 - b.y0);
  const mx = (b.x0 + b.x1) / 2;
  const my = (b.y0 + b.y1) / 2;
  return (x, y) => shape((x - cx) / scale + mx, (y - cy) / scale + my) * scale;
}

type Rgb = readonly [number, number, number];
const TEAL: Rgb = [0x1b, 0x9a, 0xaa];
const BLUE: Rgb = [0x0b, 0x4f, 0x8f];

/** 192×192: a rounded square with a teal-to-blue diagonal gradient and the glyph in white. */
export function renderColorIcon(size = 192): PNG {
  const png = new PNG({ width: size, height: size });
  const tile = roundedBox(size / 2, size / 2, size / 2, size / 2, size * 0.22);
  const mark = fitted(glyph(), size / 2, size / 2, size * 0.6);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const bg = coverage(tile, x, y);
      const g = bg > 0 ? coverage(mark, x, y) : 0;
      const t = (x + y + 1) / (2 * size);
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) {
        const base = TEAL[c]! + (BLUE[c]! - TEAL[c]!) * t;
        png.data[o + c] = Math.round(base * (1 - g) + 255 * g);
      }
      png.data[o + 3] = Math.round(255 * bg);
    }
  }
  return png;
}

/** 32×32: the glyph in white on a transparent background; every pixel is white, alpha = coverage. */
export function renderOutlineIcon(size = 32): PNG {
  const png = new PNG({ width: size, height: size });
  const mark = fitted(glyph(), size / 2, size / 2, size - 1);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      png.data[o] = 255;
      png.data[o + 1] = 255;
      png.data[o + 2] = 255;
      png.data[o + 3] = Math.round(255 * coverage(mark, x, y));
    }
  }
  return png;
}

function main(): void {
  const dir = join(process.cwd(), 'appPackage');
  const files = [
    ['color.png', renderColorIcon()],
    ['outline.png', renderOutlineIcon()],
  ] as const;
  for (const [name, png] of files) {
    const path = join(dir, name);
    writeFileSync(path, PNG.sync.write(png, { colorType: 6 }));
    console.log(`Skrev ${path} (${png.width}×${png.height})`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
