import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { demoOrgSchema } from '../../src/modules/org/demo-org.schema.js';
import { projectRoot } from '../../src/util/project-root.js';

interface MockUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}
interface PlaygroundConfig {
  version: string;
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: MockUser;
  users: MockUser[];
  team: { channels: unknown[] };
}

const config = parseYaml(readFileSync(join(projectRoot, '.m365agentsplayground.yml'), 'utf8')) as PlaygroundConfig;
const org = demoOrgSchema.parse(JSON.parse(readFileSync(join(projectRoot, 'content/org/demo-org.json'), 'utf8')));
const byAad = new Map(org.employees.map((e) => [e.aadObjectId, e]));
const everyone = [config.currentUser, ...config.users];

describe('Agents Playground mock users (.m365agentsplayground.yml)', () => {
  it('When the config is read, then it has the shape the Playground accepts (exactly five other users, one extra channel)', () => {
    expect(config.version).toBe('0.1.1');
    expect(config.users).toHaveLength(5);
    expect(config.team.channels.length).toBeLessThanOrEqual(1);
    expect(config.bot.name.length).toBeLessThanOrEqual(42);
    expect(new Set(everyone.map((u) => u.id)).size).toBe(everyone.length);
  });

  it('When each mock user is looked up, then it exists in the demo org with the same id, name and UPN', () => {
    expect(config.tenantId).toBe(org.tenantId);
    for (const u of everyone) {
      const e = byAad.get(u.aadObjectId);
      expect(e, `${u.name} finnes ikke i demo-org.json`).toBeDefined();
      expect(u.id).toBe(u.aadObjectId);
      expect(u.name).toBe(e!.name);
      expect(u.userPrincipleName).toBe(e!.upn);
      expect(u.email).toBe(e!.upn);
      expect(`${u.givenName} ${u.surname}`).toBe(e!.name);
    }
  });

  it('When the roles are read, then the current user is the rektor and the HR adviser and at least two employees are there', () => {
    const me = byAad.get(config.currentUser.aadObjectId)!;
    expect(me.position.title).toBe('Rektor');
    expect(me.roles).toContain('leder');
    const others = config.users.map((u) => byAad.get(u.aadObjectId)!);
    expect(others.some((e) => e.roles.includes('hr'))).toBe(true);
    expect(others.filter((e) => !e.roles.includes('leder') && !e.roles.includes('hr')).length).toBeGreaterThanOrEqual(2);
  });
});
