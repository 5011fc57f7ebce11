import type { Client } from '@hubspot/api-client';
import type { SyncPage, SyncStream } from '../types.ts';
import { archivedIdsSince } from './archived-since.ts';
import type { HubspotConfig } from './config.ts';
import { cursorString, laterCursor, sinceFromCursor } from './cursor.ts';
import { SCOPES } from './hubspot-errors.ts';
import { CONTACT_PROPERTIES, lifecycleDateProperty, mapContact } from './map-contact.ts';
import { modifiedAt, searchModifiedSince } from './search-modified-since.ts';

const MODIFIED = 'lastmodifieddate';

/**
 * Contacts → leads, modified since the cursor. Contacts archived since the cursor come first, under the old
 * cursor, so a crash between the two never skips a deletion.
 */
export function contactsStream(client: Client, config: HubspotConfig): SyncStream {
  return {
    name: 'contacts',
    async *pages(cursor: string | null, signal: AbortSignal): AsyncGenerator<SyncPage> {
      const since = sinceFromCursor(cursor);
      if (since) {
        const ids = await archivedIdsSince(client, 'contacts', since, SCOPES.contacts, signal);
        if (ids.length > 0) {
          yield {
            records: { deleted: [{ kind: 'leads', externalIds: ids }] },
            cursor: cursorString(since, cursor),
          };
        }
      }
      let latest = since;
      const spec = {
        objectType: 'contacts',
        modifiedProperty: MODIFIED,
        properties: [...CONTACT_PROPERTIES, lifecycleDateProperty(config.qualifiedStage)],
        scopes: SCOPES.contacts,
      };
      for await (const contacts of searchModifiedSince(client, spec, since, signal)) {
        latest = laterCursor(
          latest,
          contacts.map((c) => modifiedAt(c, MODIFIED)),
        );
        yield {
          records: { leads: contacts.map((c) => mapContact(c, config.qualifiedStage)) },
          cursor: cursorString(latest, cursor),
        };
      }
    },
  };
}
