import type { App } from '@slack/bolt';
import { answerInThread, isFromPerson } from '../../answer-in-thread.ts';
import type { SlackDeps } from '../../deps.ts';

/** `@kpibot win rate last week` in a channel → the answer in the thread. */
export function registerAppMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, client, context }) => {
    if (!isFromPerson(event, context.botUserId)) return;
    await answerInThread(
      deps,
      client,
      context,
      { channel: event.channel, user: event.user, text: event.text, ts: event.ts, threadTs: event.thread_ts },
      'app_mention',
    );
  });
}
