import { z } from 'zod';

/**
 * Environment → a frozen, typed Config. `parseConfig(env)` takes env as a parameter so tests pass plain objects;
 * a wrong variable stops start-up with its name, the bad value and what to do.
 */

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const empty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(empty, z.string().optional());

function isIanaZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function namedNumber(names: string[], min: number, max: number, what: string) {
  return z.preprocess(
    (v) => {
      const s = empty(v);
      if (typeof s !== 'string') return s;
      const i = names.indexOf(s.trim().toLowerCase());
      return i >= 0 ? i + 1 : Number(s);
    },
    z
      .number({ error: `must be ${what}` })
      .int({ error: `must be ${what}` })
      .min(min, { error: `must be ${what}` })
      .max(max, { error: `must be ${what}` }),
  );
}

const urlWith = (protocols: string[], example: string) =>
  z.preprocess(
    empty,
    z
      .string()
      .refine(
        (v) => {
          try {
            return protocols.includes(new URL(v).protocol);
          } catch {
            return false;
          }
        },
        { error: `must be a ${protocols.join(' or ')} URL, e.g. ${example}` },
      )
      .optional(),
  );

const envSchema = z.object({
  DATABASE_URL: urlWith(['postgresql:', 'postgres:'], 'postgresql://user:pass@localhost:5432/kpibot'),
  KPIBOT_DATA_DIR: z.preprocess(empty, z.string().default('./.kpibot')),
  REDIS_URL: z.preprocess(
    empty,
    z
      .string()
      .refine((v) => /^rediss?:\/\//.test(v), { error: 'must be a redis:// or rediss:// URL' })
      .default('redis://127.0.0.1:6379'),
  ),
  PORT: z.preprocess(
    (v) => (empty(v) === undefined ? 3000 : Number(v)),
    z.number().int().min(0).max(65535, { error: 'must be a TCP port, 0–65535' }),
  ),
  KPIBOT_TZ: z.preprocess(
    empty,
    z
      .string()
      .refine(isIanaZone, { error: 'must be an IANA time zone such as Europe/Paris or America/New_York' })
      .default('Europe/Paris'),
  ),
  KPIBOT_LANG: z.preprocess(empty, z.enum(['en', 'fr'], { error: 'must be en or fr' }).default('en')),
  KPIBOT_WEEK_START: namedNumber(WEEKDAYS, 1, 7, 'a weekday (monday…sunday) or 1–7, 1 = Monday').default(1),
  KPIBOT_FISCAL_YEAR_START: namedNumber(MONTHS, 1, 12, 'a month (january…december) or 1–12').default(1),
  KPIBOT_METRICS: optionalString,
  KPIBOT_ALERTS: optionalString,
  KPIBOT_DIGESTS: optionalString,
  KPIBOT_QUEUE_BOARD_USER: optionalString,
  KPIBOT_QUEUE_BOARD_PASSWORD: optionalString,
  KPIBOT_ENCRYPTION_KEY: z.preprocess(
    empty,
    z
      .string()
      .refine((v) => decodeKey(v) !== null, {
        error: 'must be 32 random bytes as 64 hex characters or base64 (generate one: openssl rand -hex 32)',
      })
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    empty,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
  KPIBOT_SYNC_EVERY: z.preprocess(
    (v) => (empty(v) === undefined ? 15 : Number(v)),
    z
      .number({ error: 'must be a number of minutes (0 = no scheduled syncs)' })
      .int({ error: 'must be a whole number of minutes (0 = no scheduled syncs)' })
      .min(0, { error: 'must be a number of minutes (0 = no scheduled syncs)' })
      .max(7 * 24 * 60, { error: 'must be at most 10080 minutes (a week)' }),
  ),
  KPIBOT_SYNC_TENANT: z.preprocess(
    empty,
    z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'must be a tenant id (letters, digits, . _ -)' })
      .default('default'),
  ),
  KPIBOT_CSV_DIR: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: z.preprocess(
    empty,
    z
      .string()
      .refine((v) => v.startsWith('xoxb-'), { error: 'must be a bot token starting with xoxb-' })
      .optional(),
  ),
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_APP_TOKEN: z.preprocess(
    empty,
    z
      .string()
      .refine((v) => v.startsWith('xapp-'), { error: 'must be an app-level token starting with xapp-' })
      .optional(),
  ),
  SLACK_API_URL: urlWith(['http:', 'https:'], 'https://slack.com/api/'),
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z.preprocess(
    empty,
    z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        error: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
      })
      .default('MultiTenant'),
  ),
});

export function decodeKey(value: string): Buffer | null {
  const v = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  return bytes.length === 32 ? bytes : null;
}

export interface Config {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly redisUrl: string;
  readonly port: number;
  readonly tz: string;
  readonly lang: 'en' | 'fr';
  readonly weekStart: number;
  readonly fiscalYearStart: number;
  readonly metricsFile: string | undefined;
  /** YAML file of alert rules (KPIBOT_ALERTS), validated at start and synced as source 'file' rules. */
  readonly alertsFile: string | undefined;
  /** YAML file of digest subscriptions (KPIBOT_DIGESTS), validated at worker start and applied as 'file' ones. */
  readonly digestsFile: string | undefined;
  readonly encryptionKey: Buffer | undefined;
  readonly logLevel: string;
  /** Bull Board at /admin/queues behind basic auth (KPIBOT_QUEUE_BOARD_USER/PASSWORD); null = off (the default). */
  readonly queueBoard: Readonly<{ user: string; password: string }> | null;
  readonly sync: Readonly<{
    /** Minutes between scheduled syncs of each configured source; 0 = only `kpibot sync`. */
    everyMinutes: number;
    /** The tenant that sources configured in the environment sync into. */
    tenant: string;
    /** The CSV-drop folder: deals*.csv, leads-2026-11.csv… each imported once. */
    csvDir: string | undefined;
  }>;
  readonly slack: Readonly<{
    signingSecret: string | undefined;
    botToken: string | undefined;
    clientId: string | undefined;
    clientSecret: string | undefined;
    stateSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
  }>;
  readonly teams: Readonly<{
    appId: string | undefined;
    appPassword: string | undefined;
    appTenantId: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  }>;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`,
    );
  }
}

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      const raw = env[name];
      const shown = raw === undefined ? 'is missing' : `= ${JSON.stringify(isSecret(name) ? '***' : raw)}`;
      return `${name} ${shown}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const oauth = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET];
  if (oauth.some(Boolean) && !oauth.every(Boolean)) {
    problems.push(
      'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET go together for OAuth install: set all three or none',
    );
  }
  if (oauth.every(Boolean) && !e.KPIBOT_ENCRYPTION_KEY) {
    problems.push(
      'KPIBOT_ENCRYPTION_KEY is missing: Slack OAuth tokens are encrypted at rest (openssl rand -hex 32)',
    );
  }
  if ((e.SLACK_BOT_TOKEN || oauth.every(Boolean)) && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_SIGNING_SECRET is missing: Slack requests cannot be verified without it (Basic Information page)',
    );
  }
  if (e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_PASSWORD && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    problems.push(
      'MICROSOFT_APP_PASSWORD is missing: it goes with MICROSOFT_APP_ID (the Azure Bot client secret)',
    );
  }
  if (e.MICROSOFT_APP_TYPE === 'SingleTenant' && e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_TENANT_ID) {
    problems.push('MICROSOFT_APP_TENANT_ID is missing: a SingleTenant bot needs its Entra tenant id');
  }
  const board = [e.KPIBOT_QUEUE_BOARD_USER, e.KPIBOT_QUEUE_BOARD_PASSWORD];
  if (board.some(Boolean) && !board.every(Boolean)) {
    problems.push('KPIBOT_QUEUE_BOARD_USER and KPIBOT_QUEUE_BOARD_PASSWORD go together: set both or neither');
  }
  if (e.KPIBOT_QUEUE_BOARD_PASSWORD && e.KPIBOT_QUEUE_BOARD_PASSWORD.length < 16) {
    problems.push(
      'KPIBOT_QUEUE_BOARD_PASSWORD is too short: the queue board can retry and delete jobs, use 16+ characters (openssl rand -hex 16)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    dataDir: e.KPIBOT_DATA_DIR,
    redisUrl: e.REDIS_URL,
    port: e.PORT,
    tz: e.KPIBOT_TZ,
    lang: e.KPIBOT_LANG,
    weekStart: e.KPIBOT_WEEK_START,
    fiscalYearStart: e.KPIBOT_FISCAL_YEAR_START,
    metricsFile: e.KPIBOT_METRICS,
    alertsFile: e.KPIBOT_ALERTS,
    digestsFile: e.KPIBOT_DIGESTS,
    encryptionKey: e.KPIBOT_ENCRYPTION_KEY ? (decodeKey(e.KPIBOT_ENCRYPTION_KEY) ?? undefined) : undefined,
    logLevel: e.LOG_LEVEL,
    queueBoard:
      e.KPIBOT_QUEUE_BOARD_USER && e.KPIBOT_QUEUE_BOARD_PASSWORD
        ? Object.freeze({ user: e.KPIBOT_QUEUE_BOARD_USER, password: e.KPIBOT_QUEUE_BOARD_PASSWORD })
        : null,
    sync: Object.freeze({
      everyMinutes: e.KPIBOT_SYNC_EVERY,
      tenant: e.KPIBOT_SYNC_TENANT,
      csvDir: e.KPIBOT_CSV_DIR,
    }),
    slack: Object.freeze({
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET,
      stateSecret: e.SLACK_STATE_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    }),
    teams: Object.freeze({
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appTenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
    }),
  });
}

function isSecret(name: string): boolean {
  return /SECRET|TOKEN|PASSWORD|KEY/.test(name) || name === 'DATABASE_URL';
}
