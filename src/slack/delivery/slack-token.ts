import type { Installation } from '@slack/oauth';
import type { AppContext } from '../../app/context.ts';
import { DeliveryError } from '../../app/delivery/errors.ts';
import { DEFAULT_TENANT } from '../../store/tenants.ts';
import { decryptSecret } from '../token-crypto.ts';

/**
 * The bot token that posts for a tenant, as createSlack resolves it for requests: OAuth mode reads the tenant's
 * installation (sealed in the database); single-workspace mode has SLACK_BOT_TOKEN, which belongs to tenant
 * 'default' only, so another tenant's message never goes to that workspace. Null when Slack is not configured.
 */
export function slackTokenSource(ctx: AppContext): ((tenantId: string) => Promise<string>) | null {
  const s = ctx.config.slack;
  const key = ctx.config.encryptionKey;
  if (s.clientId && s.clientSecret && s.stateSecret && key) {
    return async (tenantId) => {
      const row = await ctx.db.prisma.installation.findFirst({
        where: { tenantId },
        orderBy: { updatedAt: 'desc' },
      });
      const token = row
        ? (JSON.parse(decryptSecret(key, row.encryptedData, row.tenantId)) as Installation).bot?.token
        : undefined;
      if (!token) throw noToken(tenantId, 'the app is not installed in that workspace (or was uninstalled)');
      return token;
    };
  }
  if (s.botToken) {
    const token = s.botToken;
    return async (tenantId) => {
      if (tenantId !== DEFAULT_TENANT)
        throw noToken(tenantId, `SLACK_BOT_TOKEN serves tenant '${DEFAULT_TENANT}' only`);
      return token;
    };
  }
  return null;
}

function noToken(tenantId: string, why: string): DeliveryError {
  return new DeliveryError('no_slack_token', `No Slack bot token for tenant ${tenantId}: ${why}`, {
    permanent: true,
  });
}
