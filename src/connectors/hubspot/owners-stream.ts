import type { Client } from '@hubspot/api-client';
import type { SyncPage, SyncStream } from '../types.ts';
import { cursorString, laterCursor, sinceFromCursor } from './cursor.ts';
import { callHubspot, SCOPES } from './hubspot-errors.ts';
import { mapOwner } from './map-owner.ts';

/**
 * Owners are few: every run reads them all, active then archived (archived owners become inactive reps), so a
 * renamed or re-teamed owner is always current. The cursor only records the latest change seen.
 */
export function ownersStream(client: Client): SyncStream {
  return {
    name: 'owners',
    async *pages(cursor: string | null, signal: AbortSignal): AsyncGenerator<SyncPage> {
      let latest = sinceFromCursor(cursor);
      for (const archived of [false, true]) {
        let after: string | undefined;
        do {
          signal.throwIfAborted();
          const response = await callHubspot('owners', SCOPES.owners, () =>
            client.crm.owners.ownersApi.getPage(undefined, after, 100, archived),
          );
          latest = laterCursor(
            latest,
            response.results.map((owner) => owner.updatedAt),
          );
          yield { records: { reps: response.results.map(mapOwner) }, cursor: cursorString(latest, cursor) };
          after = response.paging?.next?.after;
        } while (after);
      }
    },
  };
}
