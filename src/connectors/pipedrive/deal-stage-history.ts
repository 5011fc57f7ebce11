import { v1 } from 'pipedrive';
import { v1Pages } from './list-pages.ts';
import type { PipedriveApi } from './pipedrive-request.ts';
import { pipedriveInstant } from './pipedrive-time.ts';
import { flowItemSchema, type PipedriveDeal } from './schemas.ts';

/** A stage the deal entered and when, with stage ids (names are resolved by the caller). */
export interface StageEntry {
  stageId: string;
  at: Date;
}

/**
 * Reads deals' stage histories from their flow (`dealChange` items on `stage_id`), spending at most `budget`
 * calls per run: a deal whose stage never changed needs no call (it entered its stage when created), and deals
 * past the budget get no history rather than a slow run.
 */
export class DealStageHistory {
  private remaining: number;

  constructor(
    private readonly api: PipedriveApi,
    budget: number,
  ) {
    this.remaining = budget;
  }

  async of(deal: PipedriveDeal, signal: AbortSignal): Promise<StageEntry[] | undefined> {
    const created = pipedriveInstant(deal.add_time);
    if (!created || deal.stage_id === null || deal.stage_id === undefined) return undefined;
    if (!deal.stage_change_time) return [{ stageId: String(deal.stage_id), at: created }];
    if (this.remaining <= 0) return undefined;
    this.remaining -= 1;
    const creator = v1.DealsApiAxiosParamCreator(this.api.v1);
    const changes: (StageEntry & { from: string | null })[] = [];
    const pages = v1Pages(
      this.api,
      `deal ${deal.id} flow`,
      flowItemSchema,
      (start, limit) => creator.getDealUpdates(deal.id, start, limit, undefined, 'dealChange'),
      signal,
    );
    for await (const page of pages) {
      for (const item of page) {
        if (item.object !== 'dealChange' || item.data.field_key !== 'stage_id') continue;
        const at = pipedriveInstant(item.data.log_time ?? item.timestamp);
        if (!at || item.data.new_value === null || item.data.new_value === undefined) continue;
        const from = item.data.old_value;
        changes.push({
          stageId: String(item.data.new_value),
          at,
          from: from === null || from === undefined ? null : String(from),
        });
      }
    }
    changes.sort((a, b) => a.at.getTime() - b.at.getTime());
    const history: StageEntry[] = changes.map(({ stageId, at }) => ({ stageId, at }));
    // The earliest change's old value is the stage the deal was created in.
    const first = changes[0];
    if (first?.from && first.at.getTime() > created.getTime())
      history.unshift({ stageId: first.from, at: created });
    return history.length > 0 ? history : [{ stageId: String(deal.stage_id), at: created }];
  }
}
