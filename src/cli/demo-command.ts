import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { AppContext } from '../app/context.ts';
import { recomputeTenantRollups } from '../app/recompute-rollups.ts';
import { parseConfig } from '../config.ts';
import { loadDemoData } from '../connectors/demo/index.ts';
import { fileLogger } from '../runtime/logger.ts';
import { type PrivateRedis, pingRedis, startPrivateRedis } from '../runtime/redis.ts';
import { startServer } from '../server.ts';
import { DEFAULT_TENANT, ensureTenant } from '../store/tenants.ts';
import { startWorker } from '../worker.ts';
import { onShutdown, openContext } from './boot.ts';
import { installDemoAlerts } from './demo-alerts.ts';
import { type CliIo, say } from './io.ts';
import { renderReplyText } from './render-reply.ts';
import { stopAll } from './start-command.ts';
import { askInTerminal } from './terminal-ask.ts';
import { UsageError } from './usage.ts';

/**
 * kpibot demo: embedded database + a demo company relative to today + worker + web server + a terminal chat.
 * Everything a newcomer needs after `npm install`; Redis is started privately when none answers.
 */
export async function runDemoCommand(
  argv: string[],
  io: CliIo,
  stdin: NodeJS.ReadableStream & { isTTY?: boolean },
) {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, 'no-chat': { type: 'boolean' }, tenant: { type: 'string' } },
  });
  const config = parseConfig({ ...io.env, ...(values.port !== undefined ? { PORT: values.port } : {}) });
  if (values.port !== undefined && !/^\d+$/.test(values.port))
    throw new UsageError('--port takes a number (0 = any free port).');
  const tenantId = values.tenant ?? DEFAULT_TENANT;
  const logFile = path.resolve(config.dataDir, 'kpibot.log');
  const log = fileLogger(config.logLevel, logFile);
  const out = (s: string) => say(io.stdout, s);

  out(
    `kpibot demo — database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded, in ${path.resolve(config.dataDir)}`}; logs: ${logFile}`,
  );
  const ctx = await openContext(config, log);
  const stops: (() => Promise<void>)[] = [];
  let redis: PrivateRedis | null = null;
  try {
    const tenant = await ensureTenant(ctx.db.prisma, tenantId, ctx.tenantDefaults, 'Demo company');
    const started = Date.now();
    const demo = await loadDemoData(ctx.db, tenantId, {
      today: new Date(),
      tz: tenant.tz,
      onProgress: (m) => out(`  ${m}`),
    });
    if (demo.loaded) {
      const c = demo.counts;
      out(`Demo company loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summarize(c)}.`);
    } else {
      out('Demo company already loaded (delete the data directory to start afresh).');
    }
    const rolled = await recomputeTenantRollups(ctx, tenantId);
    if (rolled.days > 0)
      out(`KPI rollups computed for ${rolled.days} days in ${(rolled.ms / 1000).toFixed(1)} s.`);
    const alerts = await installDemoAlerts(ctx, tenantId, io.env, new Date());
    for (const line of alerts.lines) out(line);

    let redisUrl = config.redisUrl;
    if (!(await pingRedis(redisUrl))) {
      out(`No Redis at ${redisUrl}: starting a private redis-server…`);
      redis = await startPrivateRedis(config.dataDir);
      redisUrl = redis.url;
      stops.push(() => redis!.stop());
    }
    const worker = await startWorker(ctx, { redisUrl });
    stops.push(() => worker.close());
    await worker.dispatch(alerts.summary.deliveryIds);
    const server = await startServer(ctx, { port: config.port, redisUrl }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new UsageError(
          `Port ${config.port} is in use: run with PORT=3001 npm run demo (or --port 0 for any).`,
        );
      }
      throw error;
    });
    stops.push(() => server.close());
    out(
      `Web server listening on http://localhost:${server.port} (health: /healthz, readiness: /readyz, metrics: /metrics)`,
    );
    if (server.slack) out(`Slack: connected — ${server.slack}.`);
  } catch (error) {
    await stopAll(ctx, stops);
    throw error;
  }
  onShutdown(log, () => stopAll(ctx, stops));
  if (!values['no-chat']) await chat(ctx, tenantId, io, stdin);
  return new Promise<number>(() => {}); // serves until SIGINT/SIGTERM
}

async function chat(
  ctx: AppContext,
  tenantId: string,
  io: CliIo,
  stdin: NodeJS.ReadableStream & { isTTY?: boolean },
) {
  const interactive = Boolean(stdin.isTTY);
  say(
    io.stdout,
    'Ask a question (English or French), e.g. "conversion last week", "CA signé par commercial ce mois-ci vs objectif", "help". Ctrl+C to stop.',
  );
  const rl = createInterface({
    input: stdin,
    output: interactive ? io.stdout : undefined,
    terminal: interactive,
  });
  rl.setPrompt('kpi> ');
  if (interactive) rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text) {
      const started = Date.now();
      const result = await askInTerminal(ctx, { tenantId, text, user: { system: true }, now: new Date() });
      const { text: rendered } = renderReplyText(result);
      say(io.stdout, `${rendered}\n  (${Date.now() - started} ms)`);
    }
    if (interactive) rl.prompt();
  }
  if (!interactive) say(io.stdout, 'Input closed; the service keeps running (Ctrl+C to stop).');
}

function summarize(c: Record<string, number>): string {
  return Object.entries(c)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n.toLocaleString('en')} ${k}`)
    .join(', ');
}
