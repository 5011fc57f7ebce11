import type { ConnectorDefinition } from '../registry.ts';
import { type HubspotConfig, parseHubspotConfig } from './config.ts';
import { createHubspotConnector } from './index.ts';

/** HUBSPOT_ACCESS_TOKEN switches HubSpot on; campaign days follow the tenant's zone. */
export const hubspotConnector: ConnectorDefinition<HubspotConfig> = {
  source: 'hubspot',
  label: 'HubSpot',
  enabledBy: ['HUBSPOT_ACCESS_TOKEN'],
  parseConfig: (env, config) => parseHubspotConfig({ ...env, KPIBOT_TZ: config.tz }),
  create: (settings, ctx) => createHubspotConnector({ ...settings, timeZone: ctx.tenantDefaults.tz }),
};
