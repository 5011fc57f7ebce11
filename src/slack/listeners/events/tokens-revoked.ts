import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { installationQuery } from './app-uninstalled.ts';

/**
 * Tokens revoked: a revoked bot token makes the installation useless, so it goes; users whose tokens were
 * revoked lose their cached identity (email, rep link) until they ask again.
 */
export function registerTokensRevoked(app: App, deps: SlackDeps): void {
  app.event('tokens_revoked', async ({ event, context }) => {
    const users = [...(event.tokens.oauth ?? []), ...(event.tokens.bot ?? [])];
    const tenantId = deps.tenantOf(context);
    if (tenantId && users.length > 0) {
      const { count } = await deps.ctx.db.prisma.chatIdentity.deleteMany({
        where: { tenantId, platform: 'slack', userId: { in: users } },
      });
      deps.ctx.log.info({ tenantId, identities: count }, 'Slack tokens revoked');
    }
    if ((event.tokens.bot ?? []).length > 0 && deps.installations) {
      await deps.installations.deleteInstallation(installationQuery(context));
    }
  });
}
