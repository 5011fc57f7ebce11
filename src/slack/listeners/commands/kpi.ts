import type { App, RespondArguments } from '@slack/bolt';
import { detectLanguage } from '../../../core/query/index.ts';
import { askInSlack } from '../../ask-in-slack.ts';
import { conversationKind } from '../../conversation-kind.ts';
import type { SlackDeps } from '../../deps.ts';
import { logSlackFailure } from '../../failure-log.ts';
import { renderFailure, renderReply } from '../../render-reply.ts';
import { withinBudget } from '../../within-budget.ts';

/**
 * `/kpi <question>`: acknowledged within Slack's three seconds, with the answer itself when it is ready in time,
 * else an empty ack and the answer through response_url. Answers go to the channel unless they are private;
 * help, errors and "coming soon" go to the asker only.
 */
export function registerKpiCommand(app: App, deps: SlackDeps): void {
  app.command('/kpi', async ({ command, ack, respond, client, context }) => {
    const tenantId = deps.tenantOf(context);
    const text = command.text ?? '';
    const work = (async (): Promise<RespondArguments> => {
      try {
        if (!tenantId) throw new Error('request without a workspace');
        const reply = await askInSlack(deps, client, {
          tenantId,
          userId: command.user_id,
          conversation: { id: command.channel_id, kind: conversationKind(command.channel_id) },
          text,
          botUserId: context.botUserId,
        });
        const rendered = renderReply(reply, text, deps.ctx.log);
        const shared = rendered.isAnswer && !rendered.private;
        return { response_type: shared ? 'in_channel' : 'ephemeral', ...rendered.message };
      } catch (error) {
        logSlackFailure(deps.ctx.log, error, { where: '/kpi', tenantId, userId: command.user_id, text });
        return { response_type: 'ephemeral', ...renderFailure(detectLanguage(text)) };
      }
    })();
    const fast = await withinBudget(work, deps.ackBudgetMs);
    if (fast.done) {
      await ack(fast.value);
      return;
    }
    await ack();
    await respond(await work);
  });
}
