import { v2 } from 'pipedrive';
import type { CanonicalActivity, SyncPage, SyncStream } from '../types.ts';
import { cursorString, later, sinceFromCursor } from './cursor.ts';
import { v2Pages } from './list-pages.ts';
import { mapActivity } from './map-records.ts';
import type { PipedriveApi } from './pipedrive-request.ts';
import { pipedriveInstant, updatedSinceParam } from './pipedrive-time.ts';
import { activitySchema } from './schemas.ts';

/** Activities updated since the cursor → meetings, calls and emails; deleted ones → deletions. */
export function activitiesStream(api: PipedriveApi): SyncStream {
  return {
    name: 'activities',
    async *pages(cursor: string | null, signal: AbortSignal): AsyncGenerator<SyncPage> {
      let latest = sinceFromCursor(cursor);
      const updatedSince = updatedSinceParam(latest);
      const creator = v2.ActivitiesApiAxiosParamCreator(api.v2);
      const pages = v2Pages(
        api,
        'activities',
        activitySchema,
        (limit, next) =>
          creator.getActivities(
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
            undefined,
            limit,
            next,
          ),
        signal,
      );
      for await (const items of pages) {
        const activities: CanonicalActivity[] = [];
        const deleted: string[] = [];
        for (const item of items) {
          latest = later(latest, pipedriveInstant(item.update_time));
          if (item.is_deleted) {
            deleted.push(String(item.id));
            continue;
          }
          const activity = mapActivity(item);
          if (activity) activities.push(activity);
        }
        yield {
          records: {
            activities,
            ...(deleted.length > 0 ? { deleted: [{ kind: 'activities', externalIds: deleted }] } : {}),
          },
          cursor: cursorString(latest, cursor),
        };
      }
    },
  };
}
