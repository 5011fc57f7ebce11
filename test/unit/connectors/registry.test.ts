import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { checkConnectorConfigs, configuredSources, knownSources } from '../../../src/connectors/registry.ts';

describe('connector registry', () => {
  it('knows every built-in source', () => {
    expect([...knownSources()].sort()).toEqual(['csv', 'ga4', 'hubspot', 'pipedrive', 'salesforce']);
  });

  it('switches a vendor on by its variables and checks its settings at start', () => {
    const env = { HUBSPOT_ACCESS_TOKEN: 'pat-na1-123', PIPEDRIVE_API_TOKEN: '' };
    expect(configuredSources(env)).toEqual(['hubspot']);
    expect(checkConnectorConfigs(env, parseConfig({}))).toEqual([]);
    const bad = { SALESFORCE_ACCESS_TOKEN: 'x' };
    expect(configuredSources(bad)).toEqual(['salesforce']);
    expect(checkConnectorConfigs(bad, parseConfig({})).join('\n')).toMatch(/SALESFORCE_INSTANCE_URL/);
  });
});
