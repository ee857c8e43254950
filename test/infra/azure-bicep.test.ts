/**
 * infra/azure.bicep cannot be compiled here (the Bicep CLI is not in the npm or Debian registries this
 * project can reach), so this is a structural check of our own: the template and its parameter file
 * agree, every toolkit variable they use is declared, the resources and settings the issue asks for are
 * there, and the app settings the template writes give a valid cloud config when the bot starts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironment, parseEnvFile, placeholderNames } from '../../scripts/package-app.js';
import { loadConfig } from '../../src/config.js';
import { projectRoot } from '../../src/util/project-root.js';

const bicep = readFileSync(join(projectRoot, 'infra/azure.bicep'), 'utf8');
const paramsText = readFileSync(join(projectRoot, 'infra/azure.parameters.json'), 'utf8');
const params = JSON.parse(paramsText) as { parameters: Record<string, { value: unknown }> };
/** Code without comments and string contents, for bracket and identifier checks. */
const code = bicep
  .split('\n')
  .map((l) => l.replace(/(^|\s)\/\/.*$/, '$1'))
  .join('\n');

interface Param {
  name: string;
  type: string;
  hasDefault: boolean;
  secure: boolean;
}
function declaredParams(): Param[] {
  const out: Param[] = [];
  const lines = code.split('\n');
  lines.forEach((line, i) => {
    const m = /^param (\w+) (\w+)( =)?/.exec(line);
    if (!m) return;
    const decorators = lines.slice(Math.max(0, i - 4), i).join('\n');
    out.push({ name: m[1]!, type: m[2]!, hasDefault: Boolean(m[3]), secure: /@secure\(\)/.test(decorators) });
  });
  return out;
}
const resources = [...code.matchAll(/^resource (\w+) '([\w.]+\/[\w./]+)@(\d{4}-\d{2}-\d{2}(?:-preview)?)'/gm)].map((m) => ({
  name: m[1]!,
  type: m[2]!,
  apiVersion: m[3]!,
}));
const outputs = [...code.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
/** `KEY: value` pairs of an object literal bound to `var <name> = {` … `}`. */
function objectVar(name: string): Record<string, string> {
  const start = code.indexOf(`var ${name} = {`);
  expect(start, `var ${name}`).toBeGreaterThanOrEqual(0);
  const body = code.slice(start, code.indexOf('\n}', start));
  return Object.fromEntries([...body.matchAll(/^\s+(\w+): (.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
}

describe('infra/azure.bicep (structural check; not compiled)', () => {
  it('When the template is read, then brackets, braces and quotes balance', () => {
    const noStrings = code.replace(/'(?:[^'\\\n]|\\.)*'/g, "''");
    expect(noStrings.split("'").length % 2, 'unbalanced quote').toBe(1);
    for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')']] as const) {
      expect(noStrings.split(open).length, `${open}${close}`).toBe(noStrings.split(close).length);
    }
  });

  it('When the parameter file and the template are compared, then every required parameter is given and nothing unknown is passed', () => {
    const declared = declaredParams();
    const names = new Set(declared.map((p) => p.name));
    for (const given of Object.keys(params.parameters)) expect(names.has(given), `unknown parameter ${given}`).toBe(true);
    for (const p of declared.filter((d) => !d.hasDefault)) expect(params.parameters[p.name], `missing ${p.name}`).toBeDefined();
    // Secrets arrive only through SECRET_ variables (kept in git-ignored .user files) and are @secure().
    for (const p of declared.filter((d) => /secret|password/i.test(d.name))) {
      expect(p.secure, `${p.name} must be @secure()`).toBe(true);
      const value = params.parameters[p.name]?.value;
      if (value !== undefined) expect(String(value)).toMatch(/^\$\{\{SECRET_[A-Z_]+\}\}$/);
    }
  });

  it('When the parameter file names toolkit variables, then env/.env.dev (or its .user template for secrets) declares each', () => {
    const declared = new Set([
      ...Object.keys(loadEnvironment(projectRoot, 'dev').values),
      ...Object.keys(parseEnvFile(readFileSync(join(projectRoot, 'env/.env.dev.user.example'), 'utf8'), '.env.dev.user.example')),
      'TEAMS_APP_TENANT_ID',
    ]);
    const used = placeholderNames(paramsText);
    expect(used.length).toBeGreaterThan(3);
    for (const name of used) expect(declared.has(name), `\${{${name}}}`).toBe(true);
  });

  it('When the resources are listed, then they are the App Service plan and Linux web app, Azure Bot with Teams channel, Key Vault, and optional PostgreSQL 15', () => {
    const types = resources.map((r) => r.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'Microsoft.Web/serverfarms',
        'Microsoft.Web/sites',
        'Microsoft.Web/sites/config',
        'Microsoft.BotService/botServices',
        'Microsoft.BotService/botServices/channels',
        'Microsoft.KeyVault/vaults',
        'Microsoft.KeyVault/vaults/secrets',
        'Microsoft.DBforPostgreSQL/flexibleServers',
        'Microsoft.DBforPostgreSQL/flexibleServers/databases',
      ]),
    );
    expect(new Set(resources.map((r) => r.name)).size).toBe(resources.length);
    for (const r of resources.filter((x) => x.type.startsWith('Microsoft.DBforPostgreSQL'))) {
      expect(bicep, `${r.name} is conditional`).toMatch(new RegExp(`resource ${r.name} [^\\n]+ = if \\(usePostgres\\)`));
    }
    expect(bicep).toMatch(/version: '15'/);
    expect(bicep).toMatch(/channelName: 'MsTeamsChannel'/);
    // Every `parent:` and `<symbol>.` reference names a declared resource, param or var.
    const symbols = new Set([...resources.map((r) => r.name), ...declaredParams().map((p) => p.name), ...[...code.matchAll(/^var (\w+) =/gm)].map((m) => m[1]!)]);
    for (const m of code.matchAll(/parent: (\w+)/g)) expect(symbols.has(m[1]!), `parent ${m[1]}`).toBe(true);
    for (const m of code.matchAll(/\b([a-z]\w*)\.(?:id|properties|identity|name)\b/g)) expect(symbols.has(m[1]!), `reference ${m[1]}`).toBe(true);
  });

  it('When the web app is configured, then it is HTTPS only, always on, health-checked on /api/health, on a supported Node LTS, in Norway East by default', () => {
    expect(bicep).toMatch(/httpsOnly: true/);
    expect(bicep).toMatch(/alwaysOn: true/);
    expect(bicep).toMatch(/healthCheckPath: '\/api\/health'/);
    expect(bicep).toMatch(/linuxFxVersion: 'NODE\|\$\{nodeVersion\}'/);
    expect(bicep).toMatch(/param nodeVersion string = '(22|24)-lts'/);
    expect(bicep).toMatch(/param location string = 'norwayeast'/);
    expect(bicep).toMatch(/appCommandLine: 'node --enable-source-maps dist\/main\.js'/);
  });

  it('When the app settings are written, then the password is a Key Vault reference and the settings give a valid cloud config', () => {
    const settings = objectVar('baseSettings');
    expect(settings.BOT_APP_PASSWORD).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=/);
    expect(settings.PUBLIC_BASE_URL).toMatch(/^'https:\/\//);
    expect(Object.values(settings).join('\n')).not.toMatch(/botAadAppClientSecret|postgresAdminPassword/);
    // What the bot sees at start: the same keys with plausible resolved values.
    const sample: Record<string, string> = {
      BOT_APP_ID: '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      BOT_APP_PASSWORD: 'resolved-from-key-vault',
      BOT_TENANT_ID: '11111111-2222-3333-4444-555555555555',
      BOT_APP_TYPE: 'SingleTenant',
      PUBLIC_BASE_URL: 'https://kompbot-dev.azurewebsites.net',
    };
    const env = Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, sample[k] ?? v.replace(/^'|'$/g, '')]));
    const config = loadConfig({ ...env, STORAGE: 'lowdb' });
    expect(config.mode).toBe('cloud');
    expect(config.bot.appId).toBe(sample.BOT_APP_ID);
    expect(config.dataFile).toBe('/home/data/kompetansebot.json');
    expect(config.publicBaseUrl).toBe('https://kompbot-dev.azurewebsites.net');
  });

  it('When the toolkit reads the outputs, then the names m365agents.yml and the env file use are there', () => {
    expect(outputs).toEqual(expect.arrayContaining(['BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT']));
    for (const r of resources) expect(r.apiVersion, r.name).toMatch(/^20(2[2-9]|3\d)-/);
  });
});
