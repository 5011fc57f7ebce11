import type { Connector } from '../types.ts';
import type { HubspotConfig } from './config.ts';
import { contactsStream } from './contacts-stream.ts';
import { dealsStream } from './deals-stream.ts';
import { emailsStream } from './emails-stream.ts';
import { createHubspotClient } from './hubspot-client.ts';
import { meetingsStream } from './meetings-stream.ts';
import { ownersStream } from './owners-stream.ts';

export { type HubspotConfig, hubspotConfigSchema, parseHubspotConfig } from './config.ts';

/** HubSpot CRM + marketing email through the official SDK (private app token). */
export function createHubspotConnector(config: HubspotConfig): Connector {
  const client = createHubspotClient(config);
  return {
    source: 'hubspot',
    streams: [
      ownersStream(client),
      contactsStream(client, config),
      dealsStream(client, config),
      meetingsStream(client),
      emailsStream(client, config),
    ],
  };
}
