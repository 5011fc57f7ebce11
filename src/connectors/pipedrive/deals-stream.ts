import type { SyncPage, SyncStream } from '../types.ts';
import type { PipedriveConfig } from './config.ts';
import { cursorString, later, sinceFromCursor } from './cursor.ts';
import { dealPages } from './deal-pages.ts';
import { DealStageHistory } from './deal-stage-history.ts';
import { mapDeal } from './map-records.ts';
import type { PipedriveApi } from './pipedrive-request.ts';
import { pipedriveInstant } from './pipedrive-time.ts';
import { StageDirectory } from './stage-directory.ts';

/**
 * Deals updated since the cursor (open, won, lost, then archived ones) with stage names and stage history;
 * deals deleted since the cursor come first, under the old cursor, so a crash never skips a deletion.
 */
export function dealsStream(api: PipedriveApi, config: PipedriveConfig): SyncStream {
  return {
    name: 'deals',
    async *pages(cursor: string | null, signal: AbortSignal): AsyncGenerator<SyncPage> {
      const since = sinceFromCursor(cursor);
      if (since) {
        const ids: string[] = [];
        for await (const deals of dealPages(api, 'deleted', since, signal))
          ids.push(...deals.map((d) => String(d.id)));
        if (ids.length > 0) {
          yield {
            records: { deleted: [{ kind: 'deals', externalIds: ids }] },
            cursor: cursorString(since, cursor),
          };
        }
      }
      const stages = await StageDirectory.load(api, signal);
      const histories = new DealStageHistory(api, config.stageHistoryCalls);
      let latest = since;
      for (const list of ['deals', 'archived'] as const) {
        for await (const deals of dealPages(api, list, since, signal)) {
          const mapped = [];
          for (const deal of deals) {
            const history = await histories.of(deal, signal);
            mapped.push(
              mapDeal(
                deal,
                stages.name(deal.stage_id),
                history?.map((entry) => ({
                  stage: stages.name(entry.stageId) ?? entry.stageId,
                  at: entry.at,
                })),
              ),
            );
            latest = later(latest, pipedriveInstant(deal.update_time));
          }
          yield { records: { deals: mapped }, cursor: cursorString(latest, cursor) };
        }
      }
    },
  };
}
