import { v2 } from 'pipedrive';
import { v2Pages } from './list-pages.ts';
import type { PipedriveApi } from './pipedrive-request.ts';
import { updatedSinceParam } from './pipedrive-time.ts';
import { dealSchema, type PipedriveDeal } from './schemas.ts';

export type DealList = 'deals' | 'archived' | 'deleted';

/**
 * Deals updated since an instant, oldest update first, with the lead each came from. Since July 2025 the main
 * list leaves archived deals out (they have their own endpoint); `status=deleted` lists deals deleted in the
 * last 30 days.
 */
export function dealPages(
  api: PipedriveApi,
  list: DealList,
  since: Date | null,
  signal: AbortSignal,
): AsyncGenerator<PipedriveDeal[]> {
  const creator = v2.DealsApiAxiosParamCreator(api.v2);
  const updatedSince = updatedSinceParam(since);
  const status = list === 'deleted' ? 'deleted' : undefined;
  return v2Pages(
    api,
    list === 'archived' ? 'archived deals' : list === 'deleted' ? 'deleted deals' : 'deals',
    dealSchema,
    (limit, cursor) =>
      list === 'archived'
        ? creator.getArchivedDeals(
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            updatedSince,
            undefined,
            'update_time',
            'asc',
            'source_lead_id',
            undefined,
            limit,
            cursor,
          )
        : creator.getDeals(
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            status,
            updatedSince,
            undefined,
            'update_time',
            'asc',
            'source_lead_id',
            undefined,
            undefined,
            undefined,
            limit,
            cursor,
          ),
    signal,
  );
}
