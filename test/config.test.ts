import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

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
    const cloud = loadConfig({ BOT_APP_ID: 'abc', BOT_APP_PASSWORD: 'x' });
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
    expect(c.hrQuestions).toEqual({ retentionDays: 90, draftsDir: '/srv/bot/content/knowledge-drafts' });
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
    const c = loadConfig({ BOT_APP_ID: 'id', BOT_APP_PASSWORD: 'pw', PORT: '4000' });
    expect(c.mode).toBe('cloud');
    expect(c.bot.appId).toBe('id');
    expect(c.http).toEqual({ host: '0.0.0.0', port: 4000 });
  });
});
