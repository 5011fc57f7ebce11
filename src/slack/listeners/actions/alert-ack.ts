import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ALERT_ACTION_PATTERNS } from '../../blocks/alert-actions.ts';
import type { SlackDeps } from '../../deps.ts';
import { pressInSlack } from './alert-button.ts';

/** "Ack" under an alert: no more reminders for this episode; every copy shows who took it. */
export function registerAlertAckAction(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ALERT_ACTION_PATTERNS.ack,
    async ({ ack, body, action, respond, client, context }) => {
      await ack();
      await pressInSlack(deps, { body, action, respond, client, context }, 'ack', 'action:alert_ack');
    },
  );
}
