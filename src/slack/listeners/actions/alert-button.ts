import type { BlockAction, ButtonAction, Context, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { pressAlertButton } from '../../../app/chat-commands/alert-buttons.ts';
import { askInSlack } from '../../ask-in-slack.ts';
import { type AlertActionValue, decodeAlertActionValue } from '../../blocks/alert-actions.ts';
import { renderAlertMessage } from '../../blocks/alert-message.ts';
import { renderErrorMessage } from '../../blocks/index.ts';
import { conversationKind } from '../../conversation-kind.ts';
import type { SlackDeps } from '../../deps.ts';
import { logSlackFailure } from '../../failure-log.ts';
import { renderFailure, renderReply } from '../../render-reply.ts';
import { fetchSlackProfile } from '../../slack-user-profile.ts';

export interface AlertClick {
  body: BlockAction;
  action: ButtonAction;
  respond: RespondFn;
  client: WebClient;
  context: Context;
}

/** The click's workspace tenant, channel and button value; null (logged) when it cannot be read. */
function readClick(
  deps: SlackDeps,
  click: AlertClick,
): { tenantId: string; channelId: string; value: AlertActionValue } | null {
  const value = decodeAlertActionValue(click.action.value);
  const channelId = click.body.channel?.id ?? (click.body.container?.channel_id as string | undefined);
  const tenantId = deps.tenantOf(click.context);
  if (!value || !channelId || !tenantId) {
    deps.ctx.log.warn(
      { actionId: click.action.action_id, tenantId },
      'ignored an alert button we cannot read',
    );
    return null;
  }
  return { tenantId, channelId, value };
}

/**
 * Ack / Snooze under an alert message: the clicking user acts with their own rights; the message they clicked is
 * redrawn in place (response_url, replace_original), the other copies through the outbox; a refusal or an alert
 * that stopped firing is told to them only.
 */
export async function pressInSlack(
  deps: SlackDeps,
  click: AlertClick,
  action: 'ack' | 'snooze',
  where: string,
): Promise<void> {
  const read = readClick(deps, click);
  if (!read) return;
  const userId = click.body.user.id;
  try {
    const outcome = await pressAlertButton(deps.ctx, {
      tenantId: read.tenantId,
      platform: 'slack',
      user: {
        platform: 'slack',
        tenantId: read.tenantId,
        userId,
        lookup: () => fetchSlackProfile(click.client, userId),
      },
      conversation: { id: read.channelId, kind: conversationKind(read.channelId) },
      stateId: read.value.s,
      action,
      days: read.value.d,
      now: deps.now(),
      dispatch: deps.dispatch,
    });
    if (outcome.ok) {
      await click.respond({ replace_original: true, ...renderAlertMessage(outcome.view) });
      return;
    }
    await click.respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...renderErrorMessage({
        code: outcome.code,
        lang: outcome.lang,
        suggestions: [],
        message: outcome.message,
      }),
    });
  } catch (error) {
    logSlackFailure(deps.ctx.log, error, { where, tenantId: read.tenantId, userId, text: read.value.s });
    await click
      .respond({ response_type: 'ephemeral', replace_original: false, ...renderFailure('en') })
      .catch(() => {});
  }
}

/**
 * Open breakdown under an alert: the alert's question asked by the clicking user (their access applies), answered
 * to them only — one person's curiosity does not post in the team channel.
 */
export async function openBreakdownInSlack(deps: SlackDeps, click: AlertClick, where: string): Promise<void> {
  const read = readClick(deps, click);
  if (!read?.value.q) return;
  const userId = click.body.user.id;
  try {
    const reply = await askInSlack(deps, click.client, {
      tenantId: read.tenantId,
      userId,
      conversation: { id: read.channelId, kind: conversationKind(read.channelId) },
      text: read.value.q,
      botUserId: click.context.botUserId,
    });
    const { message } = renderReply(reply, read.value.q, deps.ctx.log);
    await click.respond({ response_type: 'ephemeral', replace_original: false, ...message });
  } catch (error) {
    logSlackFailure(deps.ctx.log, error, { where, tenantId: read.tenantId, userId, text: read.value.q });
    await click
      .respond({ response_type: 'ephemeral', replace_original: false, ...renderFailure('en') })
      .catch(() => {});
  }
}
