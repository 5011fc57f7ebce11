import type { App } from '@slack/bolt';
import { answerInThread, isFromPerson } from '../../answer-in-thread.ts';
import type { SlackDeps } from '../../deps.ts';

/** A direct message to the bot → the answer in its thread; edits, deletions and bots' messages are ignored. */
export function registerMessageIm(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, client, context }) => {
    if (event.channel_type !== 'im') return;
    const message = event as { user?: string; bot_id?: string; subtype?: string; text?: string };
    if (!isFromPerson(message, context.botUserId) || !('text' in event) || !event.text) return;
    await answerInThread(
      deps,
      client,
      context,
      {
        channel: event.channel,
        channelType: 'im',
        user: message.user,
        text: event.text,
        ts: event.ts,
        threadTs: 'thread_ts' in event ? event.thread_ts : undefined,
      },
      'message.im',
    );
  });
}
