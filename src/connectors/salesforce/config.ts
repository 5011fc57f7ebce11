import { z } from 'zod';

/**
 * SALESFORCE_* env → the connector's settings. Two ways in: a ready access token (SALESFORCE_INSTANCE_URL +
 * SALESFORCE_ACCESS_TOKEN, e.g. from `sf org display`), or a connected app's client-credentials flow
 * (SALESFORCE_CLIENT_ID + SALESFORCE_CLIENT_SECRET against SALESFORCE_LOGIN_URL, the org's My Domain URL).
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const httpUrl = (name: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
        error: `${name} must be an http(s) URL, e.g. https://acme.my.salesforce.com`,
      })
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
  );

const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const salesforceConfigSchema = z
  .object({
    SALESFORCE_INSTANCE_URL: httpUrl('SALESFORCE_INSTANCE_URL'),
    SALESFORCE_ACCESS_TOKEN: optionalText,
    SALESFORCE_CLIENT_ID: optionalText,
    SALESFORCE_CLIENT_SECRET: optionalText,
    SALESFORCE_LOGIN_URL: httpUrl('SALESFORCE_LOGIN_URL'),
    SALESFORCE_API_VERSION: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^\d{2,3}\.0$/, { error: 'SALESFORCE_API_VERSION must look like 60.0' })
        .default('60.0'),
    ),
    SALESFORCE_QUALIFIED_STATUS: z.preprocess(blankToUndefined, z.string().trim().default('Qualified')),
    /** The tenant's zone: Salesforce date-only fields (CloseDate…) become that day's start there, as in CSV import. */
    KPIBOT_TZ: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine(isIanaZone, { error: 'KPIBOT_TZ must be an IANA time zone, e.g. Europe/Paris' })
        .default('UTC'),
    ),
  })
  .superRefine((env, ctx) => {
    const withToken = env.SALESFORCE_ACCESS_TOKEN !== undefined;
    const withClient = env.SALESFORCE_CLIENT_ID !== undefined || env.SALESFORCE_CLIENT_SECRET !== undefined;
    if (withToken && env.SALESFORCE_INSTANCE_URL === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['SALESFORCE_INSTANCE_URL'],
        message:
          'SALESFORCE_INSTANCE_URL is required with SALESFORCE_ACCESS_TOKEN (e.g. https://acme.my.salesforce.com)',
      });
    }
    if (!withToken && !withClient) {
      ctx.addIssue({
        code: 'custom',
        path: ['SALESFORCE_ACCESS_TOKEN'],
        message:
          'set SALESFORCE_ACCESS_TOKEN (with SALESFORCE_INSTANCE_URL), or SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET (client-credentials flow)',
      });
    }
    if (!withToken && withClient) {
      for (const name of ['SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET'] as const) {
        if (env[name] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `${name} is required for the client-credentials flow`,
          });
        }
      }
      if (env.SALESFORCE_LOGIN_URL === undefined && env.SALESFORCE_INSTANCE_URL === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['SALESFORCE_LOGIN_URL'],
          message:
            "SALESFORCE_LOGIN_URL (your org's My Domain URL) is required for the client-credentials flow",
        });
      }
    }
  })
  .transform(
    (env): SalesforceConfig => ({
      auth:
        env.SALESFORCE_ACCESS_TOKEN !== undefined
          ? {
              kind: 'access-token',
              instanceUrl: env.SALESFORCE_INSTANCE_URL ?? '',
              accessToken: env.SALESFORCE_ACCESS_TOKEN,
            }
          : {
              kind: 'client-credentials',
              loginUrl: env.SALESFORCE_LOGIN_URL ?? env.SALESFORCE_INSTANCE_URL ?? '',
              clientId: env.SALESFORCE_CLIENT_ID ?? '',
              clientSecret: env.SALESFORCE_CLIENT_SECRET ?? '',
            },
      apiVersion: env.SALESFORCE_API_VERSION,
      qualifiedStatus: env.SALESFORCE_QUALIFIED_STATUS,
      timeZone: env.KPIBOT_TZ,
    }),
  );

export type SalesforceAuth =
  | { kind: 'access-token'; instanceUrl: string; accessToken: string }
  | { kind: 'client-credentials'; loginUrl: string; clientId: string; clientSecret: string };

export interface SalesforceConfig {
  auth: SalesforceAuth;
  /** REST API version without the "v", e.g. '60.0'. */
  apiVersion: string;
  /** The Lead Status value that means "qualified" in this org. */
  qualifiedStatus: string;
  /** IANA zone in which date-only fields (CloseDate, ConvertedDate, StartDate) are read. */
  timeZone: string;
}

/** Env → config, throwing one message that names every bad variable. */
export function parseSalesforceConfig(env: Record<string, string | undefined>): SalesforceConfig {
  const result = salesforceConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'SALESFORCE');
    return issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
  });
  throw new Error(`Salesforce connector configuration: ${lines.join('; ')}`);
}
