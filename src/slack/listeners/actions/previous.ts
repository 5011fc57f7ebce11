import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_ID_PATTERNS } from '../../blocks/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { answerFollowUp } from '../../follow-up.ts';

/** "Previous period" under an answer: the same question over the period before. */
export function registerPreviousAction(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_ID_PATTERNS.previous,
    async ({ ack, body, action, respond, client, context }) => {
      await ack();
      await answerFollowUp(deps, { body, action, respond, client, context }, 'action:previous');
    },
  );
}
