import { z } from 'zod';

/**
 * GA4_* env → the connector's settings: the property, credentials (a service-account key file, or a ready access
 * token such as `gcloud auth print-access-token` gives), the Data API base URL (tests point it at a local fake),
 * the key event counted as leads, and how far back the first sync reads.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());

export const ga4ConfigSchema = z
  .object({
    GA4_PROPERTY_ID: z.preprocess(
      blankToUndefined,
      z
        .string({ error: 'GA4_PROPERTY_ID is required: the numeric id in GA4 Admin → Property details' })
        .trim()
        .transform((v) => v.replace(/^properties\//, ''))
        .refine((v) => /^\d+$/.test(v), {
          error:
            'GA4_PROPERTY_ID must be the numeric property id (e.g. 123456789), not the G-… measurement id',
        }),
    ),
    GA4_CREDENTIALS_JSON: optionalText,
    GA4_ACCESS_TOKEN: optionalText,
    GA4_BASE_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
          error: 'GA4_BASE_URL must be an http(s) URL, e.g. https://analyticsdata.googleapis.com',
        })
        .default('https://analyticsdata.googleapis.com'),
    ),
    GA4_LEAD_EVENT: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^[A-Za-z][\w]*$/, { error: 'GA4_LEAD_EVENT must be an event name such as generate_lead' })
        .optional(),
    ),
    GA4_BACKFILL_DAYS: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: 'GA4_BACKFILL_DAYS must be a whole number of days' })
        .int({ error: 'GA4_BACKFILL_DAYS must be a whole number of days' })
        .min(1, { error: 'GA4_BACKFILL_DAYS must be at least 1' })
        .max(3650, { error: 'GA4_BACKFILL_DAYS must be at most 3650' })
        .default(365),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.GA4_CREDENTIALS_JSON === undefined && env.GA4_ACCESS_TOKEN === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['GA4_CREDENTIALS_JSON'],
        message: 'set GA4_CREDENTIALS_JSON (path to a service-account key file) or GA4_ACCESS_TOKEN',
      });
    }
  })
  .transform(
    (env): Ga4Config => ({
      propertyId: env.GA4_PROPERTY_ID,
      credentials:
        env.GA4_CREDENTIALS_JSON !== undefined
          ? { kind: 'service-account', keyFile: env.GA4_CREDENTIALS_JSON }
          : { kind: 'access-token', accessToken: env.GA4_ACCESS_TOKEN ?? '' },
      baseUrl: env.GA4_BASE_URL.replace(/\/+$/, ''),
      leadEvent: env.GA4_LEAD_EVENT ?? null,
      backfillDays: env.GA4_BACKFILL_DAYS,
    }),
  );

export type Ga4Credentials =
  | { kind: 'service-account'; keyFile: string }
  | { kind: 'access-token'; accessToken: string };

export interface Ga4Config {
  propertyId: string;
  credentials: Ga4Credentials;
  baseUrl: string;
  /** A key event whose count is the day's leads; null = all key events. */
  leadEvent: string | null;
  /** Days the first sync reads back. */
  backfillDays: number;
}

export function parseGa4Config(env: Record<string, string | undefined>): Ga4Config {
  const result = ga4ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'GA4');
    return issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
  });
  throw new Error(`GA4 connector configuration: ${lines.join('; ')}`);
}
