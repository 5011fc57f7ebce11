import type { ConnectorDefinition } from '../registry.ts';
import { parseSalesforceConfig, type SalesforceConfig } from './config.ts';
import { createSalesforceConnector } from './index.ts';

/** An access token or a connected app switches Salesforce on; date-only fields follow the tenant's zone. */
export const salesforceConnector: ConnectorDefinition<SalesforceConfig> = {
  source: 'salesforce',
  label: 'Salesforce',
  enabledBy: ['SALESFORCE_ACCESS_TOKEN', 'SALESFORCE_CLIENT_ID'],
  parseConfig: (env, config) => parseSalesforceConfig({ ...env, KPIBOT_TZ: config.tz }),
  create: (settings, ctx) => createSalesforceConnector({ ...settings, timeZone: ctx.tenantDefaults.tz }),
};
