import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';

/** The workspace (or org) removed the app: its installation and tokens go; its KPI data stays. */
export function registerAppUninstalled(app: App, deps: SlackDeps): void {
  app.event('app_uninstalled', async ({ context }) => {
    if (!deps.installations) {
      deps.ctx.log.warn(
        { teamId: context.teamId },
        'Slack app uninstalled (single-workspace mode: remove SLACK_BOT_TOKEN)',
      );
      return;
    }
    await deps.installations.deleteInstallation(installationQuery(context));
  });
}

export function installationQuery(context: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}) {
  return context.isEnterpriseInstall
    ? { isEnterpriseInstall: true as const, enterpriseId: context.enterpriseId ?? '', teamId: undefined }
    : {
        isEnterpriseInstall: false as const,
        teamId: context.teamId ?? '',
        enterpriseId: context.enterpriseId,
      };
}
