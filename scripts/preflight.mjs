// Installs dependencies when they are missing or older than package-lock.json, so the README's
// commands work straight after cloning. Plain Node (no dependencies) on purpose.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs + 1000;
if (stale) {
  console.log('Installerer avhengigheter (npm ci) …');
  // botbuilder-dialogs' postinstall calls npx; npm_config_yes lets it run without a prompt.
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit', env: { ...process.env, npm_config_yes: 'true' } });
}
