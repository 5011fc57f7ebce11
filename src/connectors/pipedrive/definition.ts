import type { ConnectorDefinition } from '../registry.ts';
import { type PipedriveConfig, parsePipedriveConfig } from './config.ts';
import { createPipedriveConnector } from './index.ts';

/** PIPEDRIVE_API_TOKEN switches Pipedrive on. */
export const pipedriveConnector: ConnectorDefinition<PipedriveConfig> = {
  source: 'pipedrive',
  label: 'Pipedrive',
  enabledBy: ['PIPEDRIVE_API_TOKEN'],
  parseConfig: (env) => parsePipedriveConfig({ ...env }),
  create: (settings) => createPipedriveConnector(settings),
};
