// `npm run deploy:stage [folder]`: the deployable app in build/deploy/ (or the folder given) — the
// compiled dist/, the content the bot reads at run time, package.json + package-lock.json, and
// production dependencies only (`npm ci --omit=dev`). This folder is what `atk deploy` zips to App
// Service, what the Dockerfile's run stage holds, and what CI starts and asks a question.
// Plain Node on purpose.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const target = resolve(process.argv[2] ?? 'build/deploy');
if (!existsSync('dist/main.js')) {
  console.error('dist/ mangler: kjør «npm run build» først.');
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const path of ['dist', 'content', 'cards', 'assets', 'appPackage', 'package.json', 'package-lock.json', 'scripts/preflight.mjs', 'scripts/build-if-stale.mjs']) {
  cpSync(path, join(target, path), { recursive: true });
}
// --ignore-scripts: the only install script among the production dependencies (botbuilder-dialogs)
// runs `npx rimraf` to tidy nested copies; it would fetch rimraf at deploy time and is not needed.
execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
  cwd: target,
  stdio: 'inherit',
  env: { ...process.env, npm_config_yes: 'true' },
});
console.log(`Klar til utrulling: ${target}`);
