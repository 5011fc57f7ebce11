import type { Connector } from '../types.ts';
import { createSalesforceApi, type HttpRetryOptions } from './api.ts';
import type { SalesforceConfig } from './config.ts';
import { requiredText } from './fields.ts';
import { convertedLeads, opportunityHistories, qualificationDates } from './lookups.ts';
import { CAMPAIGN_FIELDS, mapCampaign } from './map-campaign.ts';
import { EVENT_FIELDS, mapEvent } from './map-event.ts';
import { LEAD_FIELDS, mapLead, mayBeQualified } from './map-lead.ts';
import {
  mapOpportunity,
  OPPORTUNITY_FIELDS,
  OPPORTUNITY_OPTIONAL_FIELDS,
  stageHistoryFrom,
} from './map-opportunity.ts';
import { mapUser, USER_FIELDS, USER_FILTER } from './map-user.ts';
import { modstampStream } from './modstamp-stream.ts';

export type { HttpRetryOptions } from './api.ts';
export type { SalesforceAuth, SalesforceConfig } from './config.ts';
export { parseSalesforceConfig, salesforceConfigSchema } from './config.ts';

/**
 * Salesforce over its REST API (jsforce): users → reps, leads, opportunities → deals (with the converted lead and
 * OpportunityHistory), events → activities, campaigns. Each stream is incremental on (SystemModstamp, Id); leads,
 * opportunities and events read through queryAll so recycle-bin deletions come back as RecordPage.deleted.
 */
export interface SalesforceConnectorOptions {
  /** jsforce's own retries of transient failures before a page fails (default: 5, backing off from 500 ms). */
  httpRetry?: HttpRetryOptions;
}

export function createSalesforceConnector(
  config: SalesforceConfig,
  options: SalesforceConnectorOptions = {},
): Connector {
  const sf = createSalesforceApi(config, options.httpRetry);
  const { timeZone, qualifiedStatus } = config;
  return {
    source: 'salesforce',
    streams: [
      modstampStream(sf, {
        name: 'users',
        object: 'User',
        fields: USER_FIELDS,
        filter: USER_FILTER,
        toRecords: async (rows) => ({ reps: rows.map(mapUser) }),
      }),
      modstampStream(sf, {
        name: 'campaigns',
        object: 'Campaign',
        fields: CAMPAIGN_FIELDS,
        toRecords: async (rows) => ({
          campaigns: rows.flatMap((row) => mapCampaign(row, timeZone) ?? []),
        }),
      }),
      modstampStream(sf, {
        name: 'leads',
        object: 'Lead',
        fields: LEAD_FIELDS,
        deletedKind: 'leads',
        toRecords: async (rows, signal) => {
          const candidates = rows.filter((row) => mayBeQualified(row, qualifiedStatus));
          const ids = candidates.map((row) => requiredText(row, 'Id', 'Lead'));
          const history =
            ids.length > 0
              ? await qualificationDates(sf, ids, qualifiedStatus, signal)
              : new Map<string, Date>();
          return {
            leads: rows.map((row) =>
              mapLead(row, {
                qualifiedStatus,
                timeZone,
                qualifiedFromHistory: history.get(requiredText(row, 'Id', 'Lead')) ?? null,
              }),
            ),
          };
        },
      }),
      modstampStream(sf, {
        name: 'opportunities',
        object: 'Opportunity',
        fields: OPPORTUNITY_FIELDS,
        optionalFields: OPPORTUNITY_OPTIONAL_FIELDS,
        deletedKind: 'deals',
        toRecords: async (rows, signal) => {
          const ids = rows.map((row) => requiredText(row, 'Id', 'Opportunity'));
          const leads = await convertedLeads(sf, ids, signal);
          const histories = await opportunityHistories(sf, ids, signal);
          return {
            deals: rows.map((row) => {
              const id = requiredText(row, 'Id', 'Opportunity');
              return mapOpportunity(row, {
                timeZone,
                leadId: leads.get(id) ?? null,
                stageHistory: stageHistoryFrom(histories.get(id) ?? []),
              });
            }),
          };
        },
      }),
      modstampStream(sf, {
        name: 'events',
        object: 'Event',
        fields: EVENT_FIELDS,
        deletedKind: 'activities',
        toRecords: async (rows) => ({ activities: rows.flatMap((row) => mapEvent(row) ?? []) }),
      }),
    ],
  };
}
