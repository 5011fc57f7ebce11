import type { Connector } from '../types.ts';
import { activitiesStream } from './activities-stream.ts';
import type { PipedriveConfig } from './config.ts';
import { dealsStream } from './deals-stream.ts';
import { leadsStream } from './leads-stream.ts';
import { createPipedriveApi } from './pipedrive-request.ts';
import { usersStream } from './users-stream.ts';

export { type PipedriveConfig, parsePipedriveConfig, pipedriveConfigSchema } from './config.ts';

/** Pipedrive through the official SDK's request builders (API token), v1 and v2 endpoints. */
export function createPipedriveConnector(config: PipedriveConfig): Connector {
  const api = createPipedriveApi(config);
  return {
    source: 'pipedrive',
    streams: [usersStream(api), leadsStream(api, config), dealsStream(api, config), activitiesStream(api)],
  };
}
