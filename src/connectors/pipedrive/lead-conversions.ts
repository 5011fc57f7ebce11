import type { PipedriveConfig } from './config.ts';
import { dealPages } from './deal-pages.ts';
import { DealStageHistory } from './deal-stage-history.ts';
import type { LeadConversion } from './map-records.ts';
import type { PipedriveApi } from './pipedrive-request.ts';
import { pipedriveInstant } from './pipedrive-time.ts';
import type { PipedriveDeal } from './schemas.ts';
import { StageDirectory } from './stage-directory.ts';

/**
 * Lead id → what its deal tells: a Pipedrive lead converted into a deal leaves the leads lists, and the deal
 * names it in `source_lead_id`. The lead converted when the deal was created; it qualified then too, unless
 * PIPEDRIVE_QUALIFIED_STAGE names a stage, in which case it qualified when its deal first reached that stage
 * (or a later one of the same pipeline), or when the deal was won.
 */
export async function leadConversions(
  api: PipedriveApi,
  config: PipedriveConfig,
  since: Date | null,
  signal: AbortSignal,
): Promise<Map<string, LeadConversion>> {
  const converted: PipedriveDeal[] = [];
  for (const list of ['deals', 'archived'] as const) {
    for await (const deals of dealPages(api, list, since, signal)) {
      converted.push(...deals.filter((d) => d.source_lead_id));
    }
  }
  const conversions = new Map<string, LeadConversion>();
  if (converted.length === 0) return conversions;
  const stages = config.qualifiedStage ? await StageDirectory.load(api, signal) : null;
  const reference = stages && config.qualifiedStage ? stages.find(config.qualifiedStage) : null;
  if (config.qualifiedStage && !reference) {
    throw new Error(
      `PIPEDRIVE_QUALIFIED_STAGE "${config.qualifiedStage}" names no Pipedrive stage (use a stage id or name)`,
    );
  }
  const histories = new DealStageHistory(api, config.stageHistoryCalls);
  for (const deal of converted) {
    const convertedAt = pipedriveInstant(deal.add_time);
    if (!convertedAt || !deal.source_lead_id) continue;
    let qualifiedAt: Date | null = convertedAt;
    if (stages && reference) {
      const history = await histories.of(deal, signal);
      qualifiedAt =
        history?.find((entry) => stages.reaches(entry.stageId, reference))?.at ??
        (deal.status === 'won' ? pipedriveInstant(deal.won_time) : null);
    }
    conversions.set(deal.source_lead_id, {
      convertedAt,
      qualifiedAt,
      owner: deal.owner_id === null || deal.owner_id === undefined ? null : String(deal.owner_id),
    });
  }
  return conversions;
}
