/**
 * The image cannot be built on this machine (no registry for base images), so this checks the recipe:
 * CI runs the same production-only install as the run stage outside Docker (`npm run deploy:stage` +
 * `npm run smoke:deploy` in .ci/run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/util/project-root.js';

const dockerfile = readFileSync(join(projectRoot, 'Dockerfile'), 'utf8');
const stages = dockerfile.split(/^FROM /m).slice(1);
const stageDeploy = readFileSync(join(projectRoot, 'scripts/stage-deploy.mjs'), 'utf8');

describe('Dockerfile and compose.yaml', () => {
  it('When the Dockerfile is read, then it builds with dev dependencies and runs on a supported Node LTS with production dependencies only, as a non-root user', () => {
    expect(stages).toHaveLength(2);
    for (const s of stages) expect(s).toMatch(/^node:(22|24)-/);
    const [build, run] = stages as [string, string];
    expect(build).toMatch(/npm ci\b(?![^\n]*--omit=dev)/);
    expect(build).toMatch(/npm run build/);
    expect(run).toMatch(/npm ci --omit=dev/);
    expect(run).toMatch(/^USER node$/m);
    expect(run).toMatch(/HEALTHCHECK[\s\S]*\/api\/health/);
    expect(run).toMatch(/CMD \["node", "--enable-source-maps", "dist\/main\.js"\]/);
  });

  it('When the run stage is compared with the deploy folder CI tests, then both ship the same files', () => {
    const copied = [...stages[1]!.matchAll(/^COPY (?:--from=build \/app\/)?(\S+) /gm)].map((m) => m[1]!).filter((p) => !p.startsWith('package'));
    for (const path of copied) expect(stageDeploy, path).toContain(`'${path}'`);
    for (const path of ['dist', 'content', 'cards', 'appPackage']) expect(copied).toContain(path);
  });

  it('When compose.yaml is read, then it runs the bot on PostgreSQL 15 and waits for the database to be healthy', () => {
    const compose = parseYaml(readFileSync(join(projectRoot, 'compose.yaml'), 'utf8')) as {
      services: Record<string, { image?: string; build?: string; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }> }>;
    };
    expect(compose.services.db!.image).toBe('postgres:15');
    expect(compose.services.bot!.build).toBe('.');
    expect(compose.services.bot!.environment).toMatchObject({ STORAGE: 'postgres', BOT_MODE: 'cloud' });
    expect(compose.services.bot!.environment!.DATABASE_URL).toMatch(/^postgres:\/\/.+@db:5432\//);
    expect(compose.services.bot!.depends_on).toEqual({ db: { condition: 'service_healthy' } });
  });
});
