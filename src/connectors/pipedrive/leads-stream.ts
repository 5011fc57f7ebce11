import { v1 } from 'pipedrive';
import type { SyncPage, SyncStream } from '../types.ts';
import type { PipedriveConfig } from './config.ts';
import { cursorString, later, sinceFromCursor } from './cursor.ts';
import { leadConversions } from './lead-conversions.ts';
import { v1Pages } from './list-pages.ts';
import { leadFromConversion, mapLead } from './map-records.ts';
import type { PipedriveApi } from './pipedrive-request.ts';
import { pipedriveInstant, updatedSinceParam } from './pipedrive-time.ts';
import { leadSchema } from './schemas.ts';

/**
 * Leads updated since the cursor, with conversions learnt from deals. Archived leads (their endpoint has no
 * `updated_since`: read newest first, stopping at the cursor) and leads known only through their deal come
 * first under the old cursor; the inbox's leads, oldest update first, then move the cursor on.
 */
export function leadsStream(api: PipedriveApi, config: PipedriveConfig): SyncStream {
  return {
    name: 'leads',
    async *pages(cursor: string | null, signal: AbortSignal): AsyncGenerator<SyncPage> {
      const since = sinceFromCursor(cursor);
      const held = cursorString(since, cursor);
      const conversions = await leadConversions(api, config, since, signal);
      const creator = v1.LeadsApiAxiosParamCreator(api.v1);
      const seen = new Set<string>();
      let latest = since;

      const archived = v1Pages(
        api,
        'archived leads',
        leadSchema,
        (start, limit) =>
          // Newest first, so the read can stop at the cursor; the API takes "field DIRECTION", the SDK types the field.
          creator.getArchivedLeads(
            limit,
            start,
            undefined,
            undefined,
            undefined,
            undefined,
            'update_time DESC' as 'update_time',
          ),
        signal,
      );
      for await (const leads of archived) {
        const recent = leads.filter(
          (lead) => !since || (pipedriveInstant(lead.update_time)?.getTime() ?? 0) >= since.getTime(),
        );
        for (const lead of recent) {
          seen.add(lead.id);
          latest = later(latest, pipedriveInstant(lead.update_time));
        }
        if (recent.length > 0) {
          yield {
            records: {
              leads: recent.map((lead) => mapLead({ ...lead, is_archived: true }, conversions.get(lead.id))),
            },
            cursor: held,
          };
        }
        if (recent.length < leads.length) break;
      }

      const unseen = [...conversions].filter(([id]) => !seen.has(id));
      if (unseen.length > 0) {
        yield {
          records: { leads: unseen.map(([id, conversion]) => leadFromConversion(id, conversion)) },
          cursor: held,
        };
      }

      const active = v1Pages(
        api,
        'leads',
        leadSchema,
        (start, limit) =>
          // The API takes "field DIRECTION"; the SDK's type only lists the field names.
          creator.getLeads(
            limit,
            start,
            undefined,
            undefined,
            undefined,
            undefined,
            updatedSinceParam(since),
            'update_time ASC' as 'update_time',
          ),
        signal,
      );
      let yielded = false;
      for await (const leads of active) {
        for (const lead of leads) latest = later(latest, pipedriveInstant(lead.update_time));
        yield {
          records: { leads: leads.map((lead) => mapLead(lead, conversions.get(lead.id))) },
          cursor: cursorString(latest, cursor),
        };
        yielded = true;
      }
      if (!yielded && latest !== since) yield { records: {}, cursor: cursorString(latest, cursor) };
    },
  };
}
