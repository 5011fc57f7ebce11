import { z } from 'zod';

/** PIPEDRIVE_* environment → PipedriveConfig; issues carry the variable name so errors can name it. */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const PIPEDRIVE_DEFAULT_BASE_URL = 'https://api.pipedrive.com';

export const pipedriveConfigSchema = z
  .object({
    PIPEDRIVE_API_TOKEN: z.preprocess(
      blankToUndefined,
      z.string({
        error:
          'is missing: copy the API token from Pipedrive (Personal preferences → API) of a user who sees all deals',
      }),
    ),
    PIPEDRIVE_BASE_URL: z.preprocess(
      blankToUndefined,
      z
        .url({
          error:
            'must be an http(s) URL, e.g. https://api.pipedrive.com or https://yourcompany.pipedrive.com',
        })
        .default(PIPEDRIVE_DEFAULT_BASE_URL),
    ),
    PIPEDRIVE_QUALIFIED_STAGE: z.preprocess(blankToUndefined, z.string().optional()),
    PIPEDRIVE_STAGE_HISTORY_CALLS: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: 'must be a whole number of deal-flow calls per run, e.g. 500' })
        .int({ error: 'must be a whole number of deal-flow calls per run, e.g. 500' })
        .min(0, { error: 'must be 0 or more' })
        .default(500),
    ),
  })
  .transform((env) => ({
    apiToken: env.PIPEDRIVE_API_TOKEN,
    baseUrl: env.PIPEDRIVE_BASE_URL.replace(/\/+$/, ''),
    qualifiedStage: env.PIPEDRIVE_QUALIFIED_STAGE?.trim() ?? null,
    stageHistoryCalls: env.PIPEDRIVE_STAGE_HISTORY_CALLS,
  }));

export interface PipedriveConfig {
  apiToken: string;
  /** Host root without trailing slash (…/v1 and …/api/v2 are appended); tests point it at a local fake. */
  baseUrl: string;
  /** Stage name or id from which a converted lead counts as qualified; null = qualified when it became a deal. */
  qualifiedStage: string | null;
  /** At most this many `GET /v1/deals/{id}/flow` calls per stream run (stage history); beyond, history is skipped. */
  stageHistoryCalls: number;
}

export function parsePipedriveConfig(env: Record<string, string | undefined>): PipedriveConfig {
  const parsed = pipedriveConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${String(issue.path[0] ?? 'PIPEDRIVE')} ${issue.message}`,
  );
  throw new Error(`Pipedrive connector configuration: ${problems.join('; ')}`);
}
