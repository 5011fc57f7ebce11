import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { AppContext } from '../app/context.ts';
import { ensureTenant } from '../store/tenants.ts';
import { decryptSecret, encryptSecret } from './token-crypto.ts';

/** One tenant per workspace; an org-wide (Enterprise Grid) install is one tenant for the whole org. */
export function tenantIdOf(source: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): string | null {
  if (source.isEnterpriseInstall) return source.enterpriseId ?? null;
  return source.teamId ?? null;
}

/**
 * Slack OAuth installations in the database (`Installation`), the whole installation JSON (bot and installer
 * tokens) sealed with AES-256-GCM under KPIBOT_ENCRYPTION_KEY and bound to its tenant. The plain columns hold
 * only what is needed to find a row. Installing creates the tenant with the configured defaults.
 */
export class PrismaInstallationStore implements InstallationStore {
  constructor(
    private readonly ctx: AppContext,
    private readonly key: Buffer,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const isEnterprise = installation.isEnterpriseInstall === true;
    const tenantId = tenantIdOf({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall: isEnterprise,
    });
    if (!tenantId) throw new Error('Slack installation without a team or enterprise id');
    const name = (isEnterprise ? installation.enterprise?.name : installation.team?.name) ?? tenantId;
    await ensureTenant(this.ctx.db.prisma, tenantId, this.ctx.tenantDefaults, name);
    const row = {
      tenantId,
      teamId: isEnterprise ? null : (installation.team?.id ?? null),
      enterpriseId: installation.enterprise?.id ?? null,
      isEnterprise,
      botUserId: installation.bot?.userId ?? null,
      botId: installation.bot?.id ?? null,
      encryptedData: encryptSecret(this.key, JSON.stringify(installation), tenantId),
    };
    const prisma = this.ctx.db.prisma;
    // teamId/enterpriseId are nullable, so their unique index cannot drive an upsert: replace in one transaction.
    await prisma.$transaction([
      prisma.installation.deleteMany({ where: whereOf(row) }),
      prisma.installation.create({ data: row }),
    ]);
    this.ctx.log.info({ tenantId, isEnterprise }, 'Slack app installed');
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const row = await this.ctx.db.prisma.installation.findFirst({
      where: whereOf(queryKey(query)),
      orderBy: { updatedAt: 'desc' },
    });
    if (!row) throw new Error(`No Slack installation for ${describe(query)}`);
    return JSON.parse(decryptSecret(this.key, row.encryptedData, row.tenantId)) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const { count } = await this.ctx.db.prisma.installation.deleteMany({ where: whereOf(queryKey(query)) });
    this.ctx.log.info({ ...queryKey(query), removed: count }, 'Slack installation removed');
  }
}

function queryKey(query: InstallationQuery<boolean>) {
  return query.isEnterpriseInstall
    ? { isEnterprise: true, teamId: null, enterpriseId: query.enterpriseId ?? null }
    : { isEnterprise: false, teamId: query.teamId ?? null, enterpriseId: null };
}

function whereOf(key: { isEnterprise: boolean; teamId: string | null; enterpriseId: string | null }) {
  // A workspace's team id is unique across Slack, Grid or not; an org install is found by its enterprise id.
  return key.isEnterprise
    ? { isEnterprise: true, enterpriseId: key.enterpriseId ?? '' }
    : { isEnterprise: false, teamId: key.teamId ?? '' };
}

function describe(query: InstallationQuery<boolean>): string {
  return query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `team ${query.teamId}`;
}
