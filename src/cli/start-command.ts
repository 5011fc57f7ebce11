import { parseArgs } from 'node:util';
import type { AppContext } from '../app/context.ts';
import { parseConfig } from '../config.ts';
import { createLogger } from '../runtime/logger.ts';
import { pingRedis } from '../runtime/redis.ts';
import { startServer } from '../server.ts';
import { startWorker } from '../worker.ts';
import { onShutdown, openContext } from './boot.ts';
import { type CliIo, say } from './io.ts';
import { UsageError } from './usage.ts';

/** kpibot start [--web|--worker]: web + worker in one process by default; split them to scale workers out. */
export async function runStartCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { web: { type: 'boolean' }, worker: { type: 'boolean' } },
  });
  if (values.web && values.worker)
    throw new UsageError('Use --web or --worker, not both (neither = both in one process).');
  const config = parseConfig(io.env);
  const split = values.web || values.worker;
  if (split && !config.databaseUrl) {
    throw new UsageError(
      'Separate web and worker processes need PostgreSQL (set DATABASE_URL): the embedded database allows one process.',
    );
  }
  const log = createLogger(config.logLevel);
  if (!(await pingRedis(config.redisUrl))) {
    say(io.stderr, `Redis does not answer at ${config.redisUrl}. Start Redis ≥ 6.2 or set REDIS_URL.`);
    return 1;
  }
  const ctx = await openContext(config, log);
  const stops: (() => Promise<void>)[] = [];
  if (!values.web) {
    const worker = await startWorker(ctx, { redisUrl: config.redisUrl });
    stops.push(() => worker.close());
  }
  if (!values.worker) {
    const server = await startServer(ctx, { port: config.port, redisUrl: config.redisUrl });
    stops.push(() => server.close());
    log.info({ port: server.port, slack: server.slack ?? 'off' }, 'web server listening');
  }
  log.info(
    { database: ctx.db.location, mode: values.web ? 'web' : values.worker ? 'worker' : 'web+worker' },
    'kpibot started',
  );
  onShutdown(log, () => stopAll(ctx, stops));
  return new Promise<number>(() => {}); // runs until a signal
}

export async function stopAll(ctx: AppContext, stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops.reverse())
    await stop().catch((err: unknown) => ctx.log.error({ err }, 'stop failed'));
  await ctx.db.close();
}
