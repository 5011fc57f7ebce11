import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('gives sane defaults for an empty environment', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      databaseUrl: undefined,
      dataDir: './.kpibot',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      tz: 'Europe/Paris',
      lang: 'en',
      weekStart: 1,
      fiscalYearStart: 1,
      logLevel: 'info',
    });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.slack)).toBe(true);
  });

  it('treats empty strings as unset (as .env.example leaves them)', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '', KPIBOT_TZ: ' ' }).port).toBe(3000);
  });

  it('accepts names for weekdays and months', () => {
    const c = parseConfig({ KPIBOT_WEEK_START: 'Sunday', KPIBOT_FISCAL_YEAR_START: 'april' });
    expect([c.weekStart, c.fiscalYearStart]).toEqual([7, 4]);
  });

  it.each([
    [{ KPIBOT_TZ: 'Europe/Pariss' }, /^KPIBOT_TZ = "Europe\/Pariss": must be an IANA time zone/],
    [{ PORT: 'eighty' }, /^PORT = "eighty"/],
    [{ PORT: '70000' }, /^PORT = "70000"/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /^DATABASE_URL = "\*\*\*": must be a postgresql: or postgres: URL/],
    [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL = "localhost:6379": must be a redis:\/\//],
    [{ KPIBOT_LANG: 'de' }, /^KPIBOT_LANG = "de": must be en or fr/],
    [{ KPIBOT_WEEK_START: 'someday' }, /^KPIBOT_WEEK_START = "someday": must be a weekday/],
    [{ KPIBOT_FISCAL_YEAR_START: '13' }, /^KPIBOT_FISCAL_YEAR_START = "13": must be a month/],
    [{ LOG_LEVEL: 'verbose' }, /^LOG_LEVEL = "verbose"/],
    [
      { SLACK_BOT_TOKEN: 'xoxp-user', SLACK_SIGNING_SECRET: 's' },
      /^SLACK_BOT_TOKEN = "\*\*\*": must be a bot token/,
    ],
    [{ KPIBOT_ENCRYPTION_KEY: 'short' }, /^KPIBOT_ENCRYPTION_KEY = "\*\*\*": must be 32 random bytes/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_SIGNING_SECRET is missing/],
    [{ SLACK_CLIENT_ID: 'a' }, /go together/],
    [
      { SLACK_CLIENT_ID: 'a', SLACK_CLIENT_SECRET: 'b', SLACK_STATE_SECRET: 'c', SLACK_SIGNING_SECRET: 'd' },
      /^KPIBOT_ENCRYPTION_KEY is missing/,
    ],
    [{ MICROSOFT_APP_ID: 'id' }, /^MICROSOFT_APP_PASSWORD is missing/],
    [{ MICROSOFT_APP_TYPE: 'Single' }, /^MICROSOFT_APP_TYPE = "Single"/],
  ])('rejects %o naming the variable', (env, message) => {
    const problems = problemsOf(env);
    expect(problems.length).toBeGreaterThan(0);
    expect(
      problems.some((p) => message.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('lists every problem at once and points to .env.example', () => {
    try {
      parseConfig({ PORT: 'x', KPIBOT_TZ: 'Mars/Olympus' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
      expect((error as Error).message).toMatch(/\.env\.example/);
    }
  });

  it('never echoes a secret value', () => {
    const message = problemsOf({ SLACK_BOT_TOKEN: 'xoxp-very-secret', SLACK_SIGNING_SECRET: 's' }).join('\n');
    expect(message).not.toContain('very-secret');
  });

  it('decodes the encryption key from hex or base64', () => {
    const hex = 'ab'.repeat(32);
    expect(parseConfig({ KPIBOT_ENCRYPTION_KEY: hex }).encryptionKey?.length).toBe(32);
    const b64 = Buffer.alloc(32, 7).toString('base64');
    expect(parseConfig({ KPIBOT_ENCRYPTION_KEY: b64 }).encryptionKey?.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const source = readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8');
    const used = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(15);
    expect(used.filter((v) => !documented.has(v))).toEqual([]);
  });
});
