import type { Config } from '../config.ts';
import type { Database } from '../store/database.ts';
import type { TenantDefaults } from '../store/tenants.ts';
import { csvDropConnector } from './csv/definition.ts';
import { ga4Connector } from './ga4/definition.ts';
import { hubspotConnector } from './hubspot/definition.ts';
import { pipedriveConnector } from './pipedrive/definition.ts';
import { salesforceConnector } from './salesforce/definition.ts';
import type { Connector } from './types.ts';

/**
 * Source name → how to build its connector from the environment. The sync engine, the worker's schedulers and
 * `kpibot sync` only ever go through here, so adding a vendor is one line in BUILT_IN_CONNECTORS:
 *
 *   export const hubspotConnector: ConnectorDefinition<HubspotConfig> = {
 *     source: 'hubspot', label: 'HubSpot', enabledBy: ['HUBSPOT_ACCESS_TOKEN'],
 *     parseConfig: (env) => parseHubspotConfig(env),   // the connector's own connectorConfigSchema (zod)
 *     create: (settings, ctx) => new HubspotConnector(settings, ctx),
 *   };
 */

export interface ConnectorContext {
  tenantId: string;
  config: Config;
  db: Database;
  tenantDefaults: TenantDefaults;
}

export interface ConnectorDefinition<Settings = unknown> {
  /** The `source` of every record (and the SyncCursor/SyncRun source): 'hubspot', 'salesforce', 'csv'… */
  readonly source: string;
  /** Shown by `kpibot sync --status`. */
  readonly label: string;
  /** Env variables that switch the source on: any of them set (non-blank) = configured. */
  readonly enabledBy: readonly string[];
  /**
   * The source's env group → its settings. Throws an Error whose message names the bad variable and what to do;
   * called at worker start (a bad variable stops it) and before each run.
   */
  parseConfig(env: Readonly<Record<string, string | undefined>>, config: Config): Settings;
  create(settings: Settings, ctx: ConnectorContext): Connector;
}

/** Vendor connectors add their definition here (one import, one line). */
const BUILT_IN_CONNECTORS: readonly ConnectorDefinition<unknown>[] = [
  hubspotConnector as ConnectorDefinition<unknown>,
  salesforceConnector as ConnectorDefinition<unknown>,
  pipedriveConnector as ConnectorDefinition<unknown>,
  ga4Connector as ConnectorDefinition<unknown>,
  csvDropConnector,
];

const registry = new Map<string, ConnectorDefinition<unknown>>(BUILT_IN_CONNECTORS.map((d) => [d.source, d]));

/** Adds (or replaces) a source at run time: plugins, and tests' fake connectors. */
export function registerConnector<Settings>(definition: ConnectorDefinition<Settings>): void {
  registry.set(definition.source, definition as ConnectorDefinition<unknown>);
}

/** Test clean-up for registerConnector. */
export function unregisterConnector(source: string): void {
  const builtIn = BUILT_IN_CONNECTORS.find((d) => d.source === source);
  if (builtIn) registry.set(source, builtIn);
  else registry.delete(source);
}

export function connectorDefinition(source: string): ConnectorDefinition<unknown> | undefined {
  return registry.get(source);
}

export function knownSources(): string[] {
  return [...registry.keys()].sort();
}

/** Sources the environment switches on, in registration order. */
export function configuredSources(env: Readonly<Record<string, string | undefined>>): string[] {
  return [...registry.values()]
    .filter((d) => d.enabledBy.some((name) => (env[name] ?? '').trim() !== ''))
    .map((d) => d.source);
}

export class UnknownSourceError extends Error {
  readonly code = 'bad_usage';
}

/** The configuration problem of a source, with the variable named; a retry cannot fix it. */
export class ConnectorConfigError extends Error {
  readonly code = 'connector_config';
}

/** Builds the source's connector for a tenant; throws UnknownSourceError or ConnectorConfigError. */
export function createConnector(
  source: string,
  env: Readonly<Record<string, string | undefined>>,
  ctx: ConnectorContext,
): Connector {
  const definition = connectorDefinition(source);
  if (!definition) {
    throw new UnknownSourceError(`Unknown source "${source}": use one of ${knownSources().join(', ')}.`);
  }
  let settings: unknown;
  try {
    settings = definition.parseConfig(env, ctx.config);
  } catch (error) {
    throw new ConnectorConfigError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  return definition.create(settings, ctx);
}

/** Every configured source's settings parsed once, so a bad variable stops start-up with its name. */
export function checkConnectorConfigs(
  env: Readonly<Record<string, string | undefined>>,
  config: Config,
): string[] {
  const problems: string[] = [];
  for (const source of configuredSources(env)) {
    try {
      connectorDefinition(source)?.parseConfig(env, config);
    } catch (error) {
      problems.push(`${source}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}
