import { type ParseArgsConfig, parseArgs } from 'node:util';

/** parseArgs for `kpibot <command>`: an unknown or malformed option is a UsageError pointing to the command's help. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  argv: string[],
  options: O,
) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError(
      `${error instanceof Error ? error.message : String(error)} Run kpibot ${command} --help.`,
    );
  }
}

export class UsageError extends Error {
  readonly code = 'bad_usage';
}

export const MAIN_HELP = `kpibot — sales & marketing KPIs in Slack and Microsoft Teams

Usage:
  kpibot demo [--port N] [--no-chat]      embedded database + demo company + worker + web server + terminal chat
  kpibot start [--web | --worker]         run the service (web + worker by default)
  kpibot migrate                          apply pending database migrations
  kpibot import <kind> <file.csv> [...]   import a CSV export (kpibot import --help)
  kpibot ask "<question>" [...]           answer a question exactly as the chat does (kpibot ask --help)
  kpibot rollup [--full] [--tenant T]     recompute KPI rollups now (the worker does it after imports and syncs)
  kpibot sync [source] [--full]           sync the configured sources now; --status lists them (kpibot sync --help)
  kpibot alerts evaluate|list [...]       evaluate the alert rules now, or list them (kpibot alerts --help)
  kpibot digest preview|send|list         the Monday digest now: text + chart PNG, or run a subscription (kpibot digest --help)

Configuration comes from the environment (see .env.example): DATABASE_URL (unset = embedded database in
KPIBOT_DATA_DIR, default ./.kpibot), REDIS_URL, PORT, KPIBOT_TZ, KPIBOT_LANG, …

Exit codes: 0 ok, 1 runtime failure, 2 bad usage or input.`;
