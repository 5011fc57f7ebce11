import { runAskCommand } from './cli/ask-command.ts';
import { runDemoCommand } from './cli/demo-command.ts';
import { runImportCli } from './cli/import-cli.ts';
import { type CliIo, say } from './cli/io.ts';
import { runMigrateCommand } from './cli/migrate-command.ts';
import { runRollupCommand } from './cli/rollup-command.ts';
import { runStartCommand } from './cli/start-command.ts';
import { MAIN_HELP, UsageError } from './cli/usage.ts';
import { ConfigError } from './config.ts';

/** The `kpibot` command: dispatches to one module per command; maps errors to exit codes (DESIGN §11). */
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
      return runStartCommand(rest, io);
    case 'migrate':
      return runMigrateCommand(io);
    case 'demo':
      return runDemoCommand(rest, io, process.stdin);
    case 'ask':
      return runAskCommand(rest, io);
    case 'import':
      return runImportCli(rest, io);
    case 'rollup':
      return runRollupCommand(rest, io);
    default:
      throw new UsageError(`Unknown command "${command}". Run kpibot --help for the list.`);
  }
}

function exitCodeFor(error: unknown): number {
  const code = (error as { code?: unknown })?.code;
  if (error instanceof UsageError || error instanceof ConfigError || code === 'bad_usage') return 2;
  return 1;
}

const isEntryPoint = process.argv[1] !== undefined && /(?:cli\.ts|kpibot(?:\.js)?)$/.test(process.argv[1]);
if (isEntryPoint) {
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
  main(process.argv.slice(2), io)
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      say(io.stderr, `kpibot: ${message}`);
      if (process.env.LOG_LEVEL === 'debug' && error instanceof Error && error.stack)
        say(io.stderr, error.stack);
      process.exitCode = exitCodeFor(error);
    });
}
