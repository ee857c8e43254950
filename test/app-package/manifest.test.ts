import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expandPlaceholders,
  loadEnvironment,
  manifestSchemaPath,
  placeholderNames,
  validateManifest,
} from '../../scripts/package-app.js';
import { projectRoot } from '../../src/util/project-root.js';

const template = readFileSync(join(projectRoot, 'appPackage/manifest.json'), 'utf8');

/** What botAadApp/create writes to env/.env.<env> at the first «provision»; the committed files leave it empty. */
const PROVISIONED = { BOT_ID: '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' };

function expanded(env: string, extra: Record<string, string> = {}): Record<string, unknown> {
  const { values } = loadEnvironment(projectRoot, env);
  const { text, missing } = expandPlaceholders(template, { ...values, ...extra });
  expect(missing).toEqual([]);
  return JSON.parse(text) as Record<string, unknown>;
}

interface Command {
  title: string;
  description?: string;
}
interface Bot {
  botId: string;
  scopes: string[];
  supportsFiles?: boolean;
  commandLists: { scopes: string[]; commands: Command[] }[];
}

describe('Teams app manifest', () => {
  it('When the manifest is read, then it uses the newest stable schema that @microsoft/app-manifest bundles', () => {
    const manifest = JSON.parse(template) as { $schema: string; manifestVersion: string };
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    // The Teams schemas are draft-04, which is why the validator is ajv-draft-04 and not ajv's default draft-07.
    const schema = JSON.parse(readFileSync(manifestSchemaPath('1.30'), 'utf8')) as { $schema: string };
    expect(schema.$schema).toContain('draft-04');
  });

  it('When env/.env.local is substituted, then the only gap is BOT_ID, which provisioning fills in', () => {
    const { values } = loadEnvironment(projectRoot, 'local');
    expect(expandPlaceholders(template, values).missing).toEqual(['BOT_ID']);
  });

  it('When env/.env.local (plus the provisioned BOT_ID) is substituted, then the manifest validates against the bundled schema', () => {
    const manifest = expanded('local', PROVISIONED);
    expect(validateManifest(manifest)).toEqual([]);
    expect((manifest.name as { short: string }).short).toBe('Kompetansebot-lokal');
  });

  it('When env/.env.dev (plus the provisioned BOT_ID) is substituted, then the manifest validates too', () => {
    expect(validateManifest(expanded('dev', PROVISIONED))).toEqual([]);
  });

  it('When a value is wrong, then the validator names the field (it is not vacuous)', () => {
    const manifest = expanded('local', { BOT_ID: 'ikke-en-guid' });
    const errors = validateManifest(manifest);
    expect(errors.some((e) => e.startsWith('/bots/0/botId'))).toBe(true);
    expect(validateManifest({ ...manifest, ukjentFelt: true }).join('\n')).toContain('ukjentFelt');
  });

  it('When the placeholders are listed, then they are Agents Toolkit variables and never secrets', () => {
    const names = placeholderNames(template);
    expect(names).toEqual(['APP_NAME_SUFFIX', 'BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
    expect(names.filter((n) => n.startsWith('SECRET_'))).toEqual([]);
  });

  it('When the bot is read, then it is conversational in personal, team and group chat and takes no files', () => {
    const manifest = JSON.parse(template) as { bots: Bot[]; name: { short: string; full: string } };
    const bot = manifest.bots[0]!;
    expect(manifest.bots).toHaveLength(1);
    expect(bot.botId).toBe('${{BOT_ID}}');
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    expect(manifest.name.full).toBe('Kompetansebot – strategisk kompetansearbeid i kommunen');
    // Every scope the bot runs in has its own command list.
    expect(bot.commandLists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('When the command lists are read, then every command has a Norwegian title and a Norwegian description', () => {
    const bot = (JSON.parse(template) as { bots: Bot[] }).bots[0]!;
    const norwegianCommands = ['hjelp', 'spør', 'min kompetanse', 'kompetansegap', 'medarbeidersamtale', 'årshjul'];
    const bokmalWords = /\b(og|i|på|for|med|om|du|deg|din|ditt|hva|hvor|se|vis|til|av|en|et|som)\b/i;
    const englishWords = /\b(the|your|and|with|show|help|ask|my|skills|gap|annual|appraisal)\b/i;
    const commands = bot.commandLists.flatMap((l) => l.commands);
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const c of commands) {
      expect(norwegianCommands, `tittel «${c.title}»`).toContain(c.title);
      // Older Teams clients cut titles at 32 and descriptions at 128 characters.
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description, `beskrivelse av «${c.title}»`).toMatch(bokmalWords);
      expect(c.description).not.toMatch(englishWords);
      expect(c.description!.length).toBeLessThanOrEqual(128);
    }
    for (const list of bot.commandLists) {
      const titles = list.commands.map((c) => c.title);
      expect(new Set(titles).size).toBe(titles.length);
    }
    // Personal data stays in the personal chat: these commands are not offered in team or group chat.
    const group = bot.commandLists.filter((l) => !l.scopes.includes('personal')).flatMap((l) => l.commands.map((c) => c.title));
    expect(group).not.toContain('min kompetanse');
    expect(group).not.toContain('medarbeidersamtale');
    expect(group).not.toContain('kompetansegap');
    expect(bot.commandLists.find((l) => l.scopes.includes('personal'))!.commands.map((c) => c.title)).toEqual(norwegianCommands);
  });
});
