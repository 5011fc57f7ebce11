import { Writable } from 'node:stream';
import { SocketModeReceiver } from '@slack/bolt';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { boltLogger } from '../../../src/slack/bolt-logger.ts';
import { createSlack } from '../../../src/slack/index.ts';
import { SlackHttpReceiver } from '../../../src/slack/receiver/http-receiver.ts';
import type { Database } from '../../../src/store/database.ts';
import { testContext } from '../../support/app-context.ts';

// Building the Slack service touches neither the database nor the network.
const noDatabase = {} as Database;
const slackFor = (env: Record<string, string>) => createSlack(testContext(noDatabase, env));

const OAUTH = {
  SLACK_CLIENT_ID: '1.2',
  SLACK_CLIENT_SECRET: 'secret',
  SLACK_STATE_SECRET: 'state',
  KPIBOT_ENCRYPTION_KEY: 'ab'.repeat(32),
};

describe('createSlack: which Slack, from the environment', () => {
  it('is off without Slack credentials, so the service runs without Slack', () => {
    expect(slackFor({})).toBeNull();
    expect(slackFor({ SLACK_SIGNING_SECRET: 's' })).toBeNull();
  });

  it('serves one workspace over HTTP with SLACK_BOT_TOKEN, as tenant "default"', () => {
    const slack = slackFor({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(slack?.receiver).toBeInstanceOf(SlackHttpReceiver);
    expect(slack?.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /slack/events']);
    expect(slack?.description).toMatch(/single workspace \(tenant 'default'\)/);
  });

  it('serves every installed workspace with the OAuth trio, with the install routes', () => {
    const slack = slackFor({ SLACK_SIGNING_SECRET: 's', ...OAUTH });
    expect(slack?.routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /slack/events',
      'GET /slack/install',
      'GET /slack/oauth_redirect',
    ]);
  });

  it('uses Socket Mode with SLACK_APP_TOKEN: no /slack/events route, nothing connects until start()', () => {
    const single = slackFor({ SLACK_APP_TOKEN: 'xapp-1-A1-1-abc', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(single?.receiver).toBeInstanceOf(SocketModeReceiver);
    expect(single?.routes).toEqual([]);
    expect(single?.description).toMatch(/Socket Mode/);
    const oauth = slackFor({ SLACK_APP_TOKEN: 'xapp-1-A1-1-abc', ...OAUTH });
    expect(oauth?.receiver).toBeInstanceOf(SocketModeReceiver);
    expect(oauth?.routes.map((r) => r.path)).toEqual(['/slack/install', '/slack/oauth_redirect']);
  });

  it('sends every Web API call to SLACK_API_URL', () => {
    const slack = slackFor({
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
    });
    expect(slack?.app.client.slackApiUrl).toBe('http://127.0.0.1:9/api/');
  });
});

describe('boltLogger', () => {
  it('writes Bolt messages through our logger with Slack tokens masked', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const logger = boltLogger(pino({ level: 'debug' }, sink));
    logger.debug('http request body: {"token":"xoxb-123-456-abcdef"}');
    logger.error('failed', new Error('bad xapp-1-A1-1-zzz'));
    expect(out).toMatch(/http request body/);
    expect(out).toMatch(/failed/);
    expect(out).not.toMatch(/xoxb-123|xapp-1-A1/);
  });
});
