// `npm start` runs the compiled bot (dist/). This builds it first when dist/ is missing or older than
// src/ — the same courtesy preflight.mjs gives node_modules. In an installed copy without src/ (the
// deploy folder, the container) there is nothing to compare, and dist/ is used as shipped.
// Plain Node on purpose: it must run where only production dependencies are installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const stamp = 'dist/.build-stamp';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

const hasSource = existsSync('src/main.ts');
const force = process.argv.includes('--force');
const built = !force && existsSync('dist/main.js') && existsSync(stamp);
if (!hasSource) {
  if (!existsSync('dist/main.js')) {
    console.error('Fant verken dist/main.js eller src/: kopier den bygde appen (npm run build) hit.');
    process.exit(1);
  }
  process.exit(0);
}
const sources = Math.max(newestMtime('src'), statSync('tsconfig.json').mtimeMs, statSync('tsconfig.build.json').mtimeMs);
if (built && statSync(stamp).mtimeMs >= sources) process.exit(0);

if (!existsSync('node_modules/typescript/bin/tsc')) {
  console.error('dist/ mangler eller er eldre enn src/, og TypeScript er ikke installert (npm ci uten --omit=dev). Kjør «npm run build» der utviklingsavhengighetene finnes.');
  process.exit(1);
}
console.log(built ? 'src/ er endret: bygger dist/ på nytt …' : 'Bygger dist/ (første gang) …');
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
writeFileSync(stamp, new Date().toISOString() + '\n');
