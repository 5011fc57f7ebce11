import type { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import type { SyncPage, SyncStream } from '../types.ts';
import { archivedIdsSince } from './archived-since.ts';
import type { HubspotConfig } from './config.ts';
import { cursorString, laterCursor, sinceFromCursor } from './cursor.ts';
import { dealStageHistory } from './deal-stage-history.ts';
import { dealStageLabels } from './deal-stage-labels.ts';
import { firstAssociations } from './first-associations.ts';
import { SCOPES } from './hubspot-errors.ts';
import { DEAL_PROPERTIES, mapDeal } from './map-deal.ts';
import { modifiedAt, searchModifiedSince } from './search-modified-since.ts';

const MODIFIED = 'hs_lastmodifieddate';

/**
 * Deals modified since the cursor (optionally only some pipelines), each page completed with its stage history
 * and first associated contact (the lead it came from). Archived deals since the cursor come first.
 */
export function dealsStream(client: Client, config: HubspotConfig): SyncStream {
  return {
    name: 'deals',
    async *pages(cursor: string | null, signal: AbortSignal): AsyncGenerator<SyncPage> {
      const since = sinceFromCursor(cursor);
      if (since) {
        const ids = await archivedIdsSince(client, 'deals', since, SCOPES.deals, signal);
        if (ids.length > 0) {
          yield {
            records: { deleted: [{ kind: 'deals', externalIds: ids }] },
            cursor: cursorString(since, cursor),
          };
        }
      }
      const stageLabels = await dealStageLabels(client);
      const spec = {
        objectType: 'deals',
        modifiedProperty: MODIFIED,
        properties: DEAL_PROPERTIES,
        scopes: SCOPES.deals,
        extraFilters:
          config.pipelines.length > 0
            ? [{ propertyName: 'pipeline', operator: FilterOperatorEnum.In, values: config.pipelines }]
            : [],
      };
      let latest = since;
      for await (const deals of searchModifiedSince(client, spec, since, signal)) {
        const ids = deals.map((d) => d.id);
        const histories = await dealStageHistory(client, ids);
        const contacts = await firstAssociations(client, 'deals', 'contacts', ids, SCOPES.deals);
        latest = laterCursor(
          latest,
          deals.map((d) => modifiedAt(d, MODIFIED)),
        );
        yield {
          records: {
            deals: deals.map((deal) =>
              mapDeal(deal, {
                stageLabels,
                history: histories.get(deal.id),
                contactId: contacts.get(deal.id),
              }),
            ),
          },
          cursor: cursorString(latest, cursor),
        };
      }
    },
  };
}
