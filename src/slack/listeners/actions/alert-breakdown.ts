import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ALERT_ACTION_PATTERNS } from '../../blocks/alert-actions.ts';
import type { SlackDeps } from '../../deps.ts';
import { openBreakdownInSlack } from './alert-button.ts';

/** "Open breakdown" under an alert: the figures behind it, for the one who clicked. */
export function registerAlertBreakdownAction(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ALERT_ACTION_PATTERNS.breakdown,
    async ({ ack, body, action, respond, client, context }) => {
      await ack();
      await openBreakdownInSlack(deps, { body, action, respond, client, context }, 'action:alert_breakdown');
    },
  );
}
