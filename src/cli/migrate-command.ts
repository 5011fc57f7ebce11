import { parseConfig } from '../config.ts';
import { createLogger } from '../runtime/logger.ts';
import { openDatabase } from '../store/database.ts';
import { type CliIo, say } from './io.ts';

export async function runMigrateCommand(io: CliIo): Promise<number> {
  const config = parseConfig(io.env);
  const log = createLogger(config.logLevel);
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await db.migrate();
    say(
      io.stdout,
      applied.length ? `Applied ${applied.join(', ')} to ${db.location}.` : `${db.location} is up to date.`,
    );
    log.debug({ applied }, 'migrate done');
    return 0;
  } finally {
    await db.close();
  }
}
