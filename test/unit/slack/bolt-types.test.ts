import type { RespondArguments, SayArguments, types, webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { type HomeView, renderComingSoon, type SlackMessage } from '../../../src/slack/blocks/index.ts';

describe('our Block Kit types fit the Slack SDK (checked by tsc)', () => {
  it('a SlackMessage goes to say(), respond() and chat.postMessage; a HomeView to views.publish', () => {
    const message: SlackMessage = renderComingSoon('sync', 'en');
    const say: SayArguments = message;
    const respond: RespondArguments = { ...message, response_type: 'ephemeral' };
    const post: webApi.ChatPostMessageArguments = { channel: 'C1', ...message };
    const home: HomeView = { type: 'home', blocks: message.blocks };
    const view: types.HomeView = home;
    const publish: webApi.ViewsPublishArguments = { user_id: 'U1', view: home };
    expect([say, respond, post, view, publish]).toHaveLength(5);
  });
});
