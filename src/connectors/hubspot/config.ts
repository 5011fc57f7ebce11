import { z } from 'zod';

/**
 * HUBSPOT_* environment → HubspotConfig. The schema's issues carry the variable name as their path, so
 * `parseHubspotConfig` can say which variable is wrong and what to do.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const HUBSPOT_DEFAULT_BASE_URL = 'https://api.hubapi.com';

export const hubspotConfigSchema = z
  .object({
    HUBSPOT_ACCESS_TOKEN: z.preprocess(
      blankToUndefined,
      z.string({
        error:
          'is missing: create a HubSpot private app (Settings → Integrations → Private apps) and copy its token',
      }),
    ),
    HUBSPOT_BASE_URL: z.preprocess(
      blankToUndefined,
      z
        .url({ error: 'must be an http(s) URL, e.g. https://api.hubapi.com' })
        .default(HUBSPOT_DEFAULT_BASE_URL),
    ),
    HUBSPOT_QUALIFIED_STAGE: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[a-z0-9_]+$/i, {
          error: 'must be a lifecycle stage internal name, e.g. salesqualifiedlead or marketingqualifiedlead',
        })
        .default('salesqualifiedlead'),
    ),
    HUBSPOT_PIPELINES: z.preprocess(blankToUndefined, z.string().optional()),
    KPIBOT_TZ: z.preprocess(blankToUndefined, z.string().default('UTC')),
  })
  .transform((env) => ({
    accessToken: env.HUBSPOT_ACCESS_TOKEN,
    baseUrl: env.HUBSPOT_BASE_URL.replace(/\/+$/, ''),
    qualifiedStage: env.HUBSPOT_QUALIFIED_STAGE.toLowerCase(),
    pipelines: (env.HUBSPOT_PIPELINES ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    timeZone: env.KPIBOT_TZ,
  }));

export interface HubspotConfig {
  accessToken: string;
  /** API root without trailing slash; tests point it at a local fake. */
  baseUrl: string;
  /** Lifecycle stage whose `hs_lifecyclestage_<stage>_date` is the lead's qualifiedAt. */
  qualifiedStage: string;
  /** Deal pipeline ids to include; empty = all pipelines. */
  pipelines: string[];
  /** Zone of the campaign `day`s (the tenant's zone, KPIBOT_TZ). */
  timeZone: string;
}

export function parseHubspotConfig(env: Record<string, string | undefined>): HubspotConfig {
  const parsed = hubspotConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${String(issue.path[0] ?? 'HUBSPOT')} ${issue.message}`,
  );
  throw new Error(`HubSpot connector configuration: ${problems.join('; ')}`);
}
