import path from 'node:path';
import type { ConnectorDefinition } from '../registry.ts';
import { createCsvDropConnector } from './csv-drop-connector.ts';

/** KPIBOT_CSV_DIR (read by src/config.ts) switches the CSV drop folder on for the sync tenant. */
export const csvDropConnector: ConnectorDefinition<{ dir: string }> = {
  source: 'csv',
  label: 'CSV drop folder',
  enabledBy: ['KPIBOT_CSV_DIR'],
  parseConfig: (_env, config) => {
    if (!config.sync.csvDir) {
      throw new Error('KPIBOT_CSV_DIR is not set: name the folder where CSV exports are dropped.');
    }
    return { dir: path.resolve(config.sync.csvDir) };
  },
  create: (settings, ctx) =>
    createCsvDropConnector({
      dir: settings.dir,
      tenantId: ctx.tenantId,
      db: ctx.db,
      tenantDefaults: ctx.tenantDefaults,
    }),
};
