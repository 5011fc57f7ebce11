import type { Client } from '@hubspot/api-client';
import { callHubspot, SCOPES } from './hubspot-errors.ts';
import type { StageValue } from './map-deal.ts';

/** HubSpot caps batch reads that ask for property history at 50 records. */
const BATCH = 50;

/** Each deal's dealstage history (batch read with propertiesWithHistory; the search API cannot return it). */
export async function dealStageHistory(
  client: Client,
  ids: readonly string[],
): Promise<Map<string, StageValue[]>> {
  const histories = new Map<string, StageValue[]>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const inputs = ids.slice(i, i + BATCH).map((id) => ({ id }));
    const response = await callHubspot('deal stage history', SCOPES.deals, () =>
      client.crm.objects.batchApi.read('deals', {
        inputs,
        properties: [],
        propertiesWithHistory: ['dealstage'],
      }),
    );
    for (const deal of response.results) {
      const history = deal.propertiesWithHistory?.dealstage ?? [];
      histories.set(
        deal.id,
        history.map((entry) => ({ value: entry.value, timestamp: entry.timestamp })),
      );
    }
  }
  return histories;
}
