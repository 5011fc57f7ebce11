import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_ID_PATTERNS, renderErrorMessage } from '../../blocks/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { logSlackFailure } from '../../failure-log.ts';
import { askAgain, questionLang } from '../../follow-up.ts';
import { renderFailure, renderReply } from '../../render-reply.ts';

/**
 * "Share in channel" under a private answer. Access is checked again for the person who clicks, in the channel
 * where they click: the answer is posted for everyone only if it is no longer private there (the channel allows
 * rep-level detail); otherwise they are told, privately, that it cannot be shared.
 */
export function registerShareAction(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_ID_PATTERNS.share,
    async ({ ack, body, action, respond, client, context }) => {
      await ack();
      try {
        const asked = await askAgain(deps, { body, action, respond, client, context });
        if (!asked) return;
        const { reply, value } = asked;
        if (reply.result.kind === 'answer' && !reply.private) {
          const { message } = renderReply(reply, value.q, deps.ctx.log);
          await respond({ response_type: 'in_channel', replace_original: false, ...message });
          return;
        }
        const lang = reply.result.kind === 'answer' ? reply.result.answer.lang : reply.result.lang;
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...renderErrorMessage({
            code: 'not_shareable',
            lang,
            suggestions: [],
            message:
              lang === 'fr'
                ? 'Impossible de partager des chiffres par commercial dans ce canal : ils restent visibles par vous seul.'
                : "Can't share rep-level figures here: this channel doesn't show them, so they stay visible to you only.",
          }),
        });
      } catch (error) {
        logSlackFailure(deps.ctx.log, error, {
          where: 'action:share',
          userId: body.user.id,
          text: action.value,
        });
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...renderFailure(questionLang(action.value)),
        }).catch(() => {});
      }
    },
  );
}
