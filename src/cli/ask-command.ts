import { parseArgs } from 'node:util';
import { parseConfig } from '../config.ts';
import { createLogger } from '../runtime/logger.ts';
import { DEFAULT_TENANT } from '../store/tenants.ts';
import { openContext } from './boot.ts';
import { type CliIo, say } from './io.ts';
import { renderReplyText } from './render-reply.ts';
import { askInTerminal } from './terminal-ask.ts';
import { UsageError } from './usage.ts';

export const ASK_HELP = `kpibot ask "<question>" [options] — the exact answer the chat gives, through the same code

Options:
  --user <email>     answer as this rep (their access rules); default: as an admin
  --now <ISO>        the reference instant, e.g. 2026-11-16T09:00:00+01:00 (default: now)
  --tz <IANA>        compute periods in this zone (default: the tenant's, KPIBOT_TZ)
  --lang en|fr       answer language when the question does not tell
  --json             print the KpiAnswer JSON
  --tenant <id>      tenant (default: ${DEFAULT_TENANT})

Examples:
  kpibot ask "win rate by rep last quarter"
  kpibot ask "taux de conversion par canal le mois dernier" --lang fr
  kpibot ask "revenue signed this month vs target" --user camille.martin@demo.kpibot.dev --json`;

export async function runAskCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      user: { type: 'string' },
      now: { type: 'string' },
      tz: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
      tenant: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    say(io.stdout, ASK_HELP);
    return 0;
  }
  const text = positionals.join(' ').trim();
  if (!text) throw new UsageError(`Ask a question, e.g. kpibot ask "conversion last week".\n\n${ASK_HELP}`);
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new UsageError(`--now "${values.now}" is not an ISO instant (e.g. 2026-11-16T09:00:00Z).`);
  if (values.tz && !isZone(values.tz))
    throw new UsageError(`--tz "${values.tz}" is not an IANA time zone (e.g. Europe/Paris).`);
  if (values.lang && values.lang !== 'en' && values.lang !== 'fr')
    throw new UsageError('--lang must be en or fr.');
  const config = parseConfig(io.env);
  const ctx = await openContext(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  try {
    const result = await askInTerminal(ctx, {
      tenantId: values.tenant ?? DEFAULT_TENANT,
      text,
      user: values.user ? { email: values.user } : { system: true },
      now,
      tz: values.tz,
      lang: values.lang as 'en' | 'fr' | undefined,
    });
    if (values.json) {
      const body = result.kind === 'answer' ? result.answer : result;
      say(io.stdout, JSON.stringify(body, null, 2));
      return result.kind === 'answer' || result.kind === 'info'
        ? 0
        : result.kind === 'error' && result.code === 'internal_error'
          ? 1
          : 2;
    }
    const { text: out, exitCode } = renderReplyText(result);
    say(exitCode === 0 ? io.stdout : io.stderr, out);
    return exitCode;
  } finally {
    await ctx.db.close();
  }
}

function isZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
