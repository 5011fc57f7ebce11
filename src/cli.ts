import { type CliIo, say } from './cli/io.ts';
import { MAIN_HELP, UsageError } from './cli/usage.ts';
import { ConfigError } from './config.ts';

/**
 * The `kpibot` command: dispatches to one module per command; maps errors to exit codes (DESIGN §11).
 * Command modules load on demand, so `kpibot ask` does not load Slack, Teams or BullMQ.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      say(io.stdout, MAIN_HELP);
      return command === undefined ? 2 : 0;
    case 'start':
      return (await import('./cli/start-command.ts')).runStartCommand(rest, io);
    case 'migrate':
      return (await import('./cli/migrate-command.ts')).runMigrateCommand(io);
    case 'demo':
      return (await import('./cli/demo-command.ts')).runDemoCommand(rest, io, process.stdin);
    case 'ask':
      return (await import('./cli/ask-command.ts')).runAskCommand(rest, io);
    case 'import':
      return (await import('./cli/import-cli.ts')).runImportCli(rest, io);
    case 'rollup':
      return (await import('./cli/rollup-command.ts')).runRollupCommand(rest, io);
    case 'digest':
      return (await import('./cli/digest-command.ts')).runDigestCli(rest, io);
    case 'sync':
      return (await import('./cli/sync-command.ts')).runSyncCommand(rest, io);
    case 'alerts':
      return (await import('./cli/alerts-command.ts')).runAlertsCommand(rest, io);
    default:
      throw new UsageError(`Unknown command "${command}". Run kpibot --help for the list.`);
  }
}

function exitCodeFor(error: unknown): number {
  const code = (error as { code?: unknown })?.code;
  // A file of ours that does not validate (KPIBOT_METRICS, KPIBOT_ALERTS, KPIBOT_DIGESTS) is bad input too.
  const badFile = error instanceof Error && /^(Metrics|Alerts|Digests)FileError$/.test(error.name);
  if (error instanceof UsageError || error instanceof ConfigError || code === 'bad_usage' || badFile)
    return 2;
  if (code === 'config_invalid') return 2;
  return 1;
}

const isEntryPoint = process.argv[1] !== undefined && /(?:cli\.ts|kpibot(?:\.js)?)$/.test(process.argv[1]);
if (isEntryPoint) {
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
  main(process.argv.slice(2), io)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      say(io.stderr, `kpibot: ${message}`);
      if (process.env.LOG_LEVEL === 'debug' && error instanceof Error && error.stack)
        say(io.stderr, error.stack);
      return exitCodeFor(error);
    })
    // A one-shot command is done once its output is flushed: exit then, rather than wait for idle sockets and
    // timers of libraries (HTTP keep-alive agents, SDK clients) to wind down. Long-running commands never get here.
    .then((code) => exitWhenFlushed(code));
}

function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
