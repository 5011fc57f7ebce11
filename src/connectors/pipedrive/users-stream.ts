import { v1 } from 'pipedrive';
import type { SyncPage, SyncStream } from '../types.ts';
import { mapUser } from './map-records.ts';
import type { PipedriveApi } from './pipedrive-request.ts';
import { userSchema, v1List } from './schemas.ts';

/** Users → reps, all of them every run (a company has tens of users; `GET /v1/users` is not paginated). */
export function usersStream(api: PipedriveApi): SyncStream {
  return {
    name: 'users',
    async *pages(cursor: string | null, signal: AbortSignal): AsyncGenerator<SyncPage> {
      const args = await v1.UsersApiAxiosParamCreator(api.v1).getUsers();
      const body = await api.send('users', args, 'v1', v1List(userSchema), signal);
      yield { records: { reps: (body.data ?? []).map(mapUser) }, cursor: cursor ?? '' };
    },
  };
}
