import { join } from 'node:path';
import { projectRoot } from '../src/util/project-root.js';
import { describe, expect, it } from 'vitest';
import { ConfigError, estimatedEntropyBits, loadConfig } from '../src/config.js';

describe('config', () => {
  it('When several values are bad, then the error lists every bad key', () => {
    try {
      loadConfig({ BOT_MODE: 'prod', PORT: 'abc', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as ConfigError).message;
      expect(msg).toContain('BOT_MODE');
      expect(msg).toContain('PORT');
      expect(msg).toContain('LOG_LEVEL');
    }
  });

  it('When STORAGE is not set, then lowdb at DATA_FILE is used; STORAGE=postgres needs a PostgreSQL DATABASE_URL', () => {
    expect(loadConfig({ BOT_MODE: 'local' }).storage).toMatchObject({ kind: 'lowdb', dataFile: expect.stringMatching(/kompetansebot\.json$/) });
    expect(() => loadConfig({ BOT_MODE: 'local', STORAGE: 'postgres' })).toThrow(/DATABASE_URL.*må være satt når STORAGE=postgres/);
    expect(() => loadConfig({ BOT_MODE: 'local', STORAGE: 'postgres', DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL.*PostgreSQL-adresse/);
    expect(() => loadConfig({ BOT_MODE: 'local', STORAGE: 'mongo' })).toThrow(/STORAGE/);
    const url = 'postgres://bot:hemmelig@db:5432/kompetansebot';
    expect(loadConfig({ BOT_MODE: 'local', STORAGE: 'postgres', DATABASE_URL: url }).storage).toEqual({ kind: 'postgres', databaseUrl: url });
  });

  it('When KOMMUNE is not set, then local mode is the demo municipality Fjordvik and cloud mode the neutral profile; HR_CONTACT defaults to the profile’s', () => {
    const local = loadConfig({ BOT_MODE: 'local' });
    expect(local.kommune).toMatchObject({ id: 'fjordvik', name: 'Fjordvik kommune', adopts: [] });
    expect(local.hrContact).toBe(local.kommune.hrContact);
    const cloud = loadConfig({ BOT_APP_ID: 'abc', BOT_APP_PASSWORD: 'x', PUBLIC_BASE_URL: 'https://bot.example.no' });
    expect(cloud.kommune).toMatchObject({ id: 'generell', systems: {} });
    expect(loadConfig({ BOT_MODE: 'local', KOMMUNE: 'kristiansund', HR_CONTACT: 'HR på telefon 123' })).toMatchObject({ kommune: { id: 'kristiansund', systems: { rekruttering: 'Easycruit' } }, hrContact: 'HR på telefon 123' });
  });

  it('When KOMMUNE names no profile, then the start is refused in Norwegian, listing the known profiles, together with the other bad keys', () => {
    try {
      loadConfig({ BOT_MODE: 'local', KOMMUNE: 'fjordvk', PORT: 'abc' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as ConfigError).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('KOMMUNE=fjordvk: ukjent kommune. Kjente profiler: baerum, fjordvik, generell, kristiansund.');
    }
  });

  it('When HR_QUESTION_RETENTION_DAYS is not set, then questions to HR are kept 90 days, drafts go to content/knowledge-drafts; a bad number is refused', () => {
    const c = loadConfig({ BOT_MODE: 'local' }, '/srv/bot');
    expect(c.hrQuestions).toEqual({ retentionDays: 90, draftsDir: join(projectRoot, 'content/knowledge-drafts') });
    expect(loadConfig({ BOT_MODE: 'local', HR_QUESTION_RETENTION_DAYS: '30', KNOWLEDGE_DRAFTS_DIR: 'utkast' }, '/srv/bot').hrQuestions).toEqual({ retentionDays: 30, draftsDir: '/srv/bot/utkast' });
    expect(() => loadConfig({ BOT_MODE: 'local', HR_QUESTION_RETENTION_DAYS: '0' })).toThrow(/HR_QUESTION_RETENTION_DAYS: må være minst 1/);
    expect(() => loadConfig({ BOT_MODE: 'local', HR_QUESTION_RETENTION_DAYS: '7.5' })).toThrow(/HR_QUESTION_RETENTION_DAYS: må være et helt antall dager/);
  });

  it('When no app id is set outside local mode, then the bot refuses to start', () => {
    expect(() => loadConfig({})).toThrow(/BOT_APP_ID/);
  });

  it('When an app id is set without a password, then it is refused', () => {
    expect(() => loadConfig({ BOT_APP_ID: 'abc' })).toThrow(/BOT_APP_PASSWORD/);
  });

  it('When local mode is chosen, then it listens on 127.0.0.1 only and ignores any app id', () => {
    const c = loadConfig({ BOT_MODE: 'local', BOT_APP_ID: 'abc', BOT_APP_PASSWORD: 'x' });
    expect(c.http.host).toBe('127.0.0.1');
    expect(c.bot.appId).toBe('');
    expect(() => loadConfig({ BOT_MODE: 'local', HOST: '0.0.0.0' })).toThrow(/HOST/);
  });

  it('When cloud mode has credentials, then they are used and it listens on all interfaces', () => {
    const c = loadConfig({ BOT_APP_ID: 'id', BOT_APP_PASSWORD: 'pw', PORT: '4000', PUBLIC_BASE_URL: 'https://bot.example.no' });
    expect(c.mode).toBe('cloud');
    expect(c.bot.appId).toBe('id');
    expect(c.http).toEqual({ host: '0.0.0.0', port: 4000 });
  });

  it('When cloud mode has no PUBLIC_BASE_URL, or one without https, then it refuses to start with a Norwegian reason', () => {
    const cloud = { BOT_APP_ID: 'id', BOT_APP_PASSWORD: 'pw' };
    expect(() => loadConfig(cloud)).toThrow(/PUBLIC_BASE_URL: må være satt når BOT_MODE=cloud/);
    expect(() => loadConfig({ ...cloud, PUBLIC_BASE_URL: 'http://bot.example.no' })).toThrow(/PUBLIC_BASE_URL: må begynne med https:\/\//);
    expect(() => loadConfig({ ...cloud, PUBLIC_BASE_URL: 'bot.example.no' })).toThrow(/PUBLIC_BASE_URL: må være en fullstendig adresse/);
    expect(loadConfig({ ...cloud, PUBLIC_BASE_URL: 'https://bot.example.no' }).publicBaseUrl).toBe('https://bot.example.no');
    // Locally the bot makes its own http://127.0.0.1 links.
    expect(loadConfig({ BOT_MODE: 'local' }).publicBaseUrl).toBeUndefined();
  });

  it('When BROADCAST_API_KEY is one repeated character or has too little variety, then it is refused', () => {
    const local = { BOT_MODE: 'local' };
    expect(() => loadConfig({ ...local, BROADCAST_API_KEY: 'a'.repeat(32) })).toThrow(/BROADCAST_API_KEY: er for lett å gjette/);
    expect(() => loadConfig({ ...local, BROADCAST_API_KEY: 'ab'.repeat(24) })).toThrow(/BROADCAST_API_KEY: er for lett å gjette/);
    expect(() => loadConfig({ ...local, BROADCAST_API_KEY: 'passord'.repeat(6) })).toThrow(/BROADCAST_API_KEY: er for lett å gjette/);
    expect(() => loadConfig({ ...local, BROADCAST_API_KEY: 'kort' })).toThrow(/BROADCAST_API_KEY: må være minst 32 tegn/);
    const random = 'K2Vcm9q3gWOUV8zzbm2t8TUd/UH7F0hntyuCcKGBJi8=';
    expect(loadConfig({ ...local, BROADCAST_API_KEY: random }).broadcastApiKey).toBe(random);
    expect(estimatedEntropyBits('a'.repeat(64))).toBe(0);
    expect(estimatedEntropyBits(random)).toBeGreaterThan(128);
  });

  it('When USER_TURNS_PER_MINUTE is not set, then it is 30; 0 turns it off; nonsense is refused', () => {
    expect(loadConfig({ BOT_MODE: 'local' }).userTurnsPerMinute).toBe(30);
    expect(loadConfig({ BOT_MODE: 'local', USER_TURNS_PER_MINUTE: '0' }).userTurnsPerMinute).toBe(0);
    expect(() => loadConfig({ BOT_MODE: 'local', USER_TURNS_PER_MINUTE: '-1' })).toThrow(/USER_TURNS_PER_MINUTE/);
    expect(() => loadConfig({ BOT_MODE: 'local', USER_TURNS_PER_MINUTE: 'mange' })).toThrow(/USER_TURNS_PER_MINUTE/);
  });
});
