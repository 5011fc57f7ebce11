import type { Client } from '@hubspot/api-client';
import type { SyncPage, SyncStream } from '../types.ts';
import { archivedIdsSince } from './archived-since.ts';
import { cursorString, laterCursor, sinceFromCursor } from './cursor.ts';
import { firstAssociations } from './first-associations.ts';
import { SCOPES } from './hubspot-errors.ts';
import { MEETING_PROPERTIES, mapMeeting } from './map-meeting.ts';
import { modifiedAt, searchModifiedSince } from './search-modified-since.ts';

const MODIFIED = 'hs_lastmodifieddate';

/** Meeting engagements modified since the cursor → meeting activities linked to their first contact and deal. */
export function meetingsStream(client: Client): SyncStream {
  return {
    name: 'meetings',
    async *pages(cursor: string | null, signal: AbortSignal): AsyncGenerator<SyncPage> {
      const since = sinceFromCursor(cursor);
      if (since) {
        const ids = await archivedIdsSince(client, 'meetings', since, SCOPES.meetings, signal);
        if (ids.length > 0) {
          yield {
            records: { deleted: [{ kind: 'activities', externalIds: ids }] },
            cursor: cursorString(since, cursor),
          };
        }
      }
      const spec = {
        objectType: 'meetings',
        modifiedProperty: MODIFIED,
        properties: MEETING_PROPERTIES,
        scopes: SCOPES.meetings,
      };
      let latest = since;
      for await (const meetings of searchModifiedSince(client, spec, since, signal)) {
        const ids = meetings.map((m) => m.id);
        const contacts = await firstAssociations(client, 'meetings', 'contacts', ids, SCOPES.meetings);
        const deals = await firstAssociations(client, 'meetings', 'deals', ids, SCOPES.meetings);
        latest = laterCursor(
          latest,
          meetings.map((m) => modifiedAt(m, MODIFIED)),
        );
        yield {
          records: {
            activities: meetings.map((m) =>
              mapMeeting(m, { contactId: contacts.get(m.id), dealId: deals.get(m.id) }),
            ),
          },
          cursor: cursorString(latest, cursor),
        };
      }
    },
  };
}
