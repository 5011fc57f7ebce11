import type { Client } from '@hubspot/api-client';
import { callHubspot } from './hubspot-errors.ts';

/** Ids of records of a type moved to the recycling bin at or after `since` (the list API has no date filter). */
export async function archivedIdsSince(
  client: Client,
  objectType: string,
  since: Date,
  scopes: readonly string[],
  signal: AbortSignal,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    signal.throwIfAborted();
    const response = await callHubspot(`archived ${objectType}`, scopes, () =>
      client.crm.objects.basicApi.getPage(objectType, 100, after, [], undefined, undefined, true),
    );
    for (const object of response.results) {
      const at = object.archivedAt ?? object.updatedAt;
      if (at.getTime() >= since.getTime()) ids.push(object.id);
    }
    after = response.paging?.next?.after;
  } while (after);
  return ids;
}
