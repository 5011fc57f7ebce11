import type { App, Context } from '@slack/bolt';
import type { SlackDeps } from './deps.ts';
import { logSlackFailure } from './failure-log.ts';

type Body = Record<string, unknown> & {
  user_id?: string;
  text?: string;
  command?: string;
  user?: { id?: string };
  event?: { type?: string; user?: string; text?: string };
  type?: string;
};

/**
 * Errors that escape a listener (a Slack API failure while replying, a bug): one log line with the tenant, the
 * user and the question cut short, never the request body or a token. Listeners already told the user.
 */
export function registerErrorHandler(app: App, deps: SlackDeps): void {
  // Bolt's ExtendedErrorHandlerArgs is not exported: its shape, as extendedErrorHandler: true delivers it.
  app.error(async ({ error, context, body }: { error: Error; context?: Context; body?: unknown }) => {
    const b = (body ?? {}) as Body;
    logSlackFailure(deps.ctx.log, error, {
      where: b.command ?? b.event?.type ?? b.type ?? 'slack',
      tenantId: context ? deps.tenantOf(context) : null,
      userId: b.user_id ?? b.user?.id ?? b.event?.user ?? null,
      text: b.text ?? b.event?.text ?? null,
    });
  });
}
