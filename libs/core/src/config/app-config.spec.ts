import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const DB = 'postgres://app@127.0.0.1:5432/zhulian';
const SECRET = 'a'.repeat(32);

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ DATABASE_URL: DB, JWT_SECRET: SECRET });
    expect(config).toMatchObject({ nodeEnv: 'development', port: 3000, host: '127.0.0.1', logLevel: 'info', trustProxy: false, firstScreenWaitMs: 1500 });
  });

  it('takes how long a page waits for its first screen, within bounds', () => {
    expect(loadConfig({ DATABASE_URL: DB, JWT_SECRET: SECRET, FIRST_SCREEN_WAIT_MS: '0' }).firstScreenWaitMs).toBe(0);
    expect(() => loadConfig({ DATABASE_URL: DB, JWT_SECRET: SECRET, FIRST_SCREEN_WAIT_MS: '90000' })).toThrow('FIRST_SCREEN_WAIT_MS must be between 0 and 60000 milliseconds');
    expect(() => loadConfig({ DATABASE_URL: DB, JWT_SECRET: SECRET, FIRST_SCREEN_WAIT_MS: 'soon' })).toThrow('FIRST_SCREEN_WAIT_MS must be a whole number of milliseconds');
  });

  it('reports every bad value at once, each with what was expected, and never echoes a value', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short-secret', LOG_LEVEL: 'loud', NODE_ENV: 'staging' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(expect.arrayContaining([
      'PORT must be a whole number',
      'DATABASE_URL must be a postgres:// or postgresql:// URL',
      'JWT_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)',
      expect.stringMatching(/^LOG_LEVEL must be one of fatal, error/),
      'NODE_ENV must be one of development, test, production',
    ]));
    expect((error as Error).message).not.toContain('short-secret');
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000', DATABASE_URL: DB, JWT_SECRET: SECRET })).toThrow('PORT must be between 1 and 65535');
  });

  it('requires DATABASE_URL', () => {
    expect(() => loadConfig({ JWT_SECRET: SECRET })).toThrow(/DATABASE_URL is required/);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: DB })).toThrow(/JWT_SECRET is required when NODE_ENV=production/);
  });

  it('generates a development secret once under the data directory and keeps it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhulian-config-'));
    const first = loadConfig({ DATABASE_URL: DB, DATA_DIR: dir });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(existsSync(join(dir, 'jwt-secret'))).toBe(true);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first.jwtSecret);
    expect(loadConfig({ DATABASE_URL: DB, DATA_DIR: dir }).jwtSecret).toBe(first.jwtSecret);
  });
});
