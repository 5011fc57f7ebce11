import type { BlockAction, ButtonAction, Context, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { QueryOverrides } from '../app/ask.ts';
import type { ChatReply } from '../app/chat-ask.ts';
import { detectLanguage } from '../core/query/index.ts';
import { askInSlack } from './ask-in-slack.ts';
import { type ActionValue, decodeActionValue } from './blocks/index.ts';
import { conversationKind } from './conversation-kind.ts';
import type { SlackDeps } from './deps.ts';
import { logSlackFailure } from './failure-log.ts';
import { renderFailure, renderReply } from './render-reply.ts';

export interface ButtonClick {
  body: BlockAction;
  action: ButtonAction;
  respond: RespondFn;
  client: WebClient;
  context: Context;
}

/** A clicked button's question, asked again by the clicking user where the button is, with its overrides. */
export async function askAgain(
  deps: SlackDeps,
  click: ButtonClick,
): Promise<{ value: ActionValue; reply: ChatReply; tenantId: string; channelId: string } | null> {
  const value = decodeActionValue(click.action.value ?? '');
  const channelId = click.body.channel?.id ?? (click.body.container?.channel_id as string | undefined);
  const tenantId = deps.tenantOf(click.context);
  if (!value || !channelId || !tenantId) {
    deps.ctx.log.warn(
      { actionId: click.action.action_id, tenantId },
      'ignored a button click we cannot read',
    );
    return null;
  }
  const reply = await askInSlack(deps, click.client, {
    tenantId,
    userId: click.body.user.id,
    conversation: { id: channelId, kind: conversationKind(channelId) },
    text: value.q,
    botUserId: click.context.botUserId,
    overrides: overridesOf(value),
  });
  return { value, reply, tenantId, channelId };
}

/** Breakdown, previous-period and suggestion buttons: a new reply below, visible as the answer's privacy allows. */
export async function answerFollowUp(deps: SlackDeps, click: ButtonClick, where: string): Promise<void> {
  try {
    const asked = await askAgain(deps, click);
    if (!asked) return;
    const { b, p } = asked.value;
    const rendered = renderReply(asked.reply, asked.value.q, deps.ctx.log, {
      ...(b ? { b } : {}),
      ...(p ? { p } : {}),
    });
    const shared = rendered.isAnswer && !rendered.private;
    await click.respond({
      response_type: shared ? 'in_channel' : 'ephemeral',
      replace_original: false,
      ...rendered.message,
    });
  } catch (error) {
    logSlackFailure(deps.ctx.log, error, { where, userId: click.body.user.id, text: click.action.value });
    await click
      .respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderFailure(questionLang(click.action.value)),
      })
      .catch(() => {});
  }
}

/** The language of a button's question, for a failure notice: the question itself tells. */
export function questionLang(value: string | undefined): 'en' | 'fr' {
  return detectLanguage(decodeActionValue(value ?? '')?.q ?? '');
}

export function overridesOf(value: ActionValue): QueryOverrides | undefined {
  if (!value.b && !value.p) return undefined;
  return { ...(value.b ? { breakdown: value.b } : {}), ...(value.p ? { period: value.p } : {}) };
}
