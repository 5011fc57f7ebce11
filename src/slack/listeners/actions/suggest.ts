import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_ID_PATTERNS } from '../../blocks/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { answerFollowUp } from '../../follow-up.ts';

/** A "did you mean" button under an error: asks the suggested question. */
export function registerSuggestAction(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_ID_PATTERNS.suggest,
    async ({ ack, body, action, respond, client, context }) => {
      await ack();
      await answerFollowUp(deps, { body, action, respond, client, context }, 'action:suggest');
    },
  );
}
