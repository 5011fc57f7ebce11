import type { ConnectorDefinition } from '../registry.ts';
import { type Ga4Config, parseGa4Config } from './config.ts';
import { createGa4Connector } from './index.ts';

/** A property id switches GA4 on (its credentials are then required). */
export const ga4Connector: ConnectorDefinition<Ga4Config> = {
  source: 'ga4',
  label: 'Google Analytics 4',
  enabledBy: ['GA4_PROPERTY_ID'],
  parseConfig: (env) => parseGa4Config(env),
  create: (settings) => createGa4Connector(settings),
};
