import AdmZip from 'adm-zip';
import { Ajv } from 'ajv';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { PackageError, buildAppPackage, loadEnvironment, parseEnvFile, placeholderNames } from '../../scripts/package-app.js';
import { projectRoot } from '../../src/util/project-root.js';

interface Step {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Lifecycle {
  version: string;
  provision?: Step[];
  deploy?: Step[];
  publish?: Step[];
}

const yml = (name: string) => parseYaml(readFileSync(join(projectRoot, name), 'utf8')) as Lifecycle;
const tmpRoots: string[] = [];
afterAll(() => tmpRoots.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A scratch copy of appPackage/ and env/, so a build test never touches the working tree. */
function scratchRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kompetansebot-pakke-'));
  tmpRoots.push(dir);
  cpSync(join(projectRoot, 'appPackage'), join(dir, 'appPackage'), { recursive: true });
  cpSync(join(projectRoot, 'env'), join(dir, 'env'), { recursive: true, filter: (src) => !src.endsWith('.user') });
  return dir;
}

describe('Agents Toolkit files', () => {
  it('When the committed env files are read, then they parse, name their environment and hold no secret values', () => {
    const files = readdirSync(join(projectRoot, 'env')).filter((f) => !f.endsWith('.user'));
    expect(files).toEqual(expect.arrayContaining(['.env.local', '.env.dev', '.env.dev.user.example', '.env.playground']));
    for (const f of files) {
      const values = parseEnvFile(readFileSync(join(projectRoot, 'env', f), 'utf8'), f);
      for (const [name, value] of Object.entries(values)) {
        if (name.startsWith('SECRET_')) expect(value, `${f}: ${name}`).toBe('');
      }
      if (!f.endsWith('.example')) expect(values.TEAMSFX_ENV).toBe(f.replace('.env.', ''));
    }
    expect(loadEnvironment(projectRoot, 'local').values.BOT_ID).toBe('');
  });

  it('When the lifecycle files are validated against the toolkit schema v1.11, then they have no errors', () => {
    const schema = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/toolkit/m365agents-yaml.schema.v1.11.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const name of ['m365agents.yml', 'm365agents.local.yml', 'm365agents.playground.yml']) {
      const ok = validate(yml(name));
      expect(validate.errors ?? [], name).toEqual([]);
      expect(ok).toBe(true);
    }
    // The validator is live: a misspelt action is caught.
    const broken = { ...yml('m365agents.yml'), deploy: [{ uses: 'azureAppService/zipDeploi', with: {} }] };
    expect(validate(broken)).toBe(false);
  });

  it('When the cloud lifecycle runs, then provision creates the Azure resources from infra/azure.bicep and deploy uploads the production-only build', () => {
    const file = yml('m365agents.yml');
    expect(file.provision!.map((s) => s.uses)).toEqual([
      'teamsApp/create',
      'botAadApp/create',
      'arm/deploy',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    const arm = file.provision!.find((s) => s.uses === 'arm/deploy')!;
    expect(arm.with!.templates).toEqual([
      expect.objectContaining({ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json' }),
    ]);
    expect(file.deploy!.map((s) => [s.uses, (s.with as { args?: string }).args])).toEqual([
      ['cli/runNpmCommand', 'ci --no-audit --no-fund'],
      ['cli/runNpmCommand', 'run build'],
      ['cli/runNpmCommand', 'run deploy:stage'],
      ['azureAppService/zipDeploy', undefined],
    ]);
    expect(file.deploy!.at(-1)!.with).toMatchObject({ artifactFolder: './build/deploy', resourceId: '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}' });
  });

  it('When the lifecycle files are read, then they use schema v1.11 and the expected actions in order', () => {
    for (const name of ['m365agents.yml', 'm365agents.local.yml']) {
      const file = yml(name);
      expect(file.version).toBe('v1.11');
      const registration = name === 'm365agents.yml' ? 'arm/deploy' : 'botFramework/create';
      expect(file.provision!.map((s) => s.uses)).toEqual([
        'teamsApp/create',
        'botAadApp/create',
        registration,
        'teamsApp/validateManifest',
        'teamsApp/zipAppPackage',
        'teamsApp/validateAppPackage',
        'teamsApp/update',
      ]);
      const bot = file.provision!.find((s) => s.uses === 'botAadApp/create')!;
      expect(bot.writeToEnvironmentFile).toEqual({ botId: 'BOT_ID', botPassword: 'SECRET_BOT_PASSWORD' });
      const zip = file.provision!.find((s) => s.uses === 'teamsApp/zipAppPackage')!;
      expect(zip.with!.outputZipPath).toBe('./build/appPackage/appPackage.${{TEAMSFX_ENV}}.zip');
      expect(file.deploy!.length).toBeGreaterThan(0);
    }
    expect(yml('m365agents.playground.yml').provision).toBeUndefined();
  });

  it('When local debugging writes the runtime env, then the bot gets BOT_APP_ID, BOT_APP_PASSWORD, BOT_TENANT_ID and BOT_APP_TYPE', () => {
    const step = yml('m365agents.local.yml').deploy!.find((s) => s.uses === 'file/createOrUpdateEnvironmentFile')!;
    expect(step.with!.target).toBe('./.localConfigs');
    expect(step.with!.envs).toMatchObject({
      BOT_MODE: 'cloud',
      BOT_APP_ID: '${{BOT_ID}}',
      BOT_APP_PASSWORD: '${{SECRET_BOT_PASSWORD}}',
      BOT_TENANT_ID: '${{TEAMS_APP_TENANT_ID}}',
      BOT_APP_TYPE: 'MultiTenant',
    });
    const playground = yml('m365agents.playground.yml').deploy!.find((s) => s.uses === 'file/createOrUpdateEnvironmentFile')!;
    expect(playground.with!.envs).toMatchObject({ BOT_MODE: 'local' });
  });

  it('When a lifecycle file refers to a variable, then the env file declares it or an earlier step writes it', () => {
    const builtIn = new Set(['TEAMSFX_ENV', 'TEAMS_APP_TENANT_ID']);
    for (const [file, env] of [
      ['m365agents.yml', 'dev'],
      ['m365agents.local.yml', 'local'],
    ] as const) {
      const declared = new Set([...Object.keys(loadEnvironment(projectRoot, env).values), ...builtIn]);
      const text = readFileSync(join(projectRoot, file), 'utf8');
      const written = new Set(
        [...(yml(file).provision ?? []), ...(yml(file).deploy ?? [])].flatMap((s) => Object.values(s.writeToEnvironmentFile ?? {})),
      );
      for (const name of placeholderNames(text)) {
        expect(declared.has(name) || written.has(name), `${file}: \${{${name}}}`).toBe(true);
      }
    }
  });

  it('When the package is built, then the zip holds manifest.json, color.png and outline.png with the values filled in', () => {
    const root = scratchRoot();
    writeFileSync(join(root, 'env', '.env.local.user'), 'BOT_ID=3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\n');
    const result = buildAppPackage({ root, env: 'local' });
    expect(result.zipPath).toBe(join(root, 'build', 'appPackage', 'appPackage.local.zip'));
    expect(result.envFiles).toEqual(['env/.env.local', 'env/.env.local.user']);
    const zip = new AdmZip(result.zipPath);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as { id: string; bots: { botId: string }[] };
    expect(manifest.id).toBe('65952bd3-d84d-4cb5-bb17-e88df2c6169e');
    expect(manifest.bots[0]!.botId).toBe('3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d');
    expect(zip.readAsText('manifest.json')).not.toContain('${{');
  });

  it('When a variable has no value, then packaging fails in Norwegian naming it', () => {
    const root = scratchRoot();
    expect(() => buildAppPackage({ root, env: 'local' })).toThrow(PackageError);
    expect(() => buildAppPackage({ root, env: 'local' })).toThrow(/variabler uten verdi i env\/\.env\.local: BOT_ID/);
    expect(() => buildAppPackage({ root, env: 'finnes-ikke' })).toThrow(/Fant ikke env\/\.env\.finnes-ikke/);
  });
});
