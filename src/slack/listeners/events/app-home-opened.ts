import type { App } from '@slack/bolt';
import { renderHomeView, validateBlockKit } from '../../blocks/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { logSlackFailure } from '../../failure-log.ts';
import { buildHomeModel } from '../../home-model.ts';

/** Opening the app's Home tab → the user's figures and their team's, published with views.publish. */
export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const tenantId = deps.tenantOf(context);
    try {
      if (!tenantId) throw new Error('event without a workspace');
      const view = renderHomeView(await buildHomeModel(deps, client, tenantId, event.user));
      const problems = validateBlockKit(view);
      if (problems.length > 0) deps.ctx.log.warn({ problems }, 'App Home outside Block Kit limits');
      await client.views.publish({ user_id: event.user, view });
    } catch (error) {
      logSlackFailure(deps.ctx.log, error, { where: 'app_home_opened', tenantId, userId: event.user });
    }
  });
}
