import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ALERT_ACTION_PATTERNS } from '../../blocks/alert-actions.ts';
import type { SlackDeps } from '../../deps.ts';
import { pressInSlack } from './alert-button.ts';

/** "Snooze 1 day" / "Snooze 1 week" under an alert: no reminder until then. */
export function registerAlertSnoozeAction(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ALERT_ACTION_PATTERNS.snooze,
    async ({ ack, body, action, respond, client, context }) => {
      await ack();
      await pressInSlack(deps, { body, action, respond, client, context }, 'snooze', 'action:alert_snooze');
    },
  );
}
