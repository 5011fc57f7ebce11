import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BOT_SCOPES } from '../../../src/slack/oauth-routes.ts';
import { EXPECTED_BOT_SCOPES, SLASH_COMMANDS, SUBSCRIBED_BOT_EVENTS } from './manifest-contract.ts';

const HOST = 'https://YOUR-HOST';
const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** The parts of Slack's manifest schema (v2) we use, with its documented lengths. */
const manifestSchema = z
  .object({
    _metadata: z.object({ major_version: z.literal(2), minor_version: z.number().int().optional() }),
    display_information: z.strictObject({
      name: z.string().min(1).max(35),
      description: z.string().min(1).max(140),
      background_color: z.string().regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/),
    }),
    features: z.strictObject({
      app_home: z.strictObject({
        home_tab_enabled: z.boolean(),
        messages_tab_enabled: z.boolean(),
        messages_tab_read_only_enabled: z.boolean(),
      }),
      bot_user: z.strictObject({ display_name: z.string().min(1).max(80), always_online: z.boolean() }),
      slash_commands: z.array(
        z.strictObject({
          command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
          url: z
            .string()
            .regex(/^https:\/\//)
            .max(3000),
          description: z.string().min(1).max(2000),
          usage_hint: z.string().min(1).max(1000),
          should_escape: z.boolean(),
        }),
      ),
    }),
    oauth_config: z.strictObject({
      redirect_urls: z.array(z.string().max(2500)),
      scopes: z.strictObject({ bot: z.array(z.string().max(50)) }),
    }),
    settings: z.strictObject({
      event_subscriptions: z.strictObject({
        request_url: z.string().regex(/^https:\/\//),
        bot_events: z.array(z.string().max(50)),
      }),
      interactivity: z.strictObject({
        is_enabled: z.boolean(),
        request_url: z.string().regex(/^https:\/\//),
      }),
      org_deploy_enabled: z.boolean(),
      socket_mode_enabled: z.boolean(),
      token_rotation_enabled: z.boolean(),
    }),
  })
  .strict();

const manifest = manifestSchema.parse(JSON.parse(readFileSync(root('manifest.json'), 'utf8')));

describe('manifest.json', () => {
  it('is a v2 manifest for the kpibot bot with Home and Messages tabs', () => {
    expect(manifest.display_information.name).toBe('kpibot');
    expect(manifest.features.bot_user).toEqual({ display_name: 'kpibot', always_online: true });
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.settings).toMatchObject({
      org_deploy_enabled: true,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
      interactivity: { is_enabled: true },
    });
  });

  it('subscribes exactly the events the listeners handle', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [...SUBSCRIBED_BOT_EVENTS].sort(),
    );
  });

  it('every app.event listener has its subscription (a DM listener is the message.im event)', () => {
    const dir = root('src/slack/listeners/events');
    const handled = readdirSync(dir)
      .flatMap((f) => [...readFileSync(`${dir}/${f}`, 'utf8').matchAll(/app\.event\(\s*'([a-z_.]+)'/g)])
      .map((m) => (m[1] === 'message' ? 'message.im' : m[1]!));
    expect(handled.length).toBeGreaterThan(0);
    expect([...new Set(handled)].sort()).toEqual([...SUBSCRIBED_BOT_EVENTS].sort());
  });

  it('declares /kpi with a description and a usage hint', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([...SLASH_COMMANDS]);
    const kpi = manifest.features.slash_commands[0]!;
    expect(kpi.usage_hint).toContain('conversion last week');
    // Escaped: users mentioned after /kpi arrive as <@U…>, which kpibot resolves through users.info.
    expect(kpi.should_escape).toBe(true);
  });

  it('asks for exactly the scopes the code uses, the same ones the install link requests', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...EXPECTED_BOT_SCOPES].sort());
    expect([...BOT_SCOPES].sort()).toEqual([...EXPECTED_BOT_SCOPES].sort());
  });

  it('points every URL at one host placeholder and our HTTP routes', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      ...manifest.oauth_config.redirect_urls,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(url.startsWith(`${HOST}/`), url).toBe(true);
    expect(manifest.features.slash_commands[0]!.url).toBe(`${HOST}/slack/events`);
    expect(manifest.settings.event_subscriptions.request_url).toBe(`${HOST}/slack/events`);
    expect(manifest.settings.interactivity.request_url).toBe(`${HOST}/slack/events`);
    expect(manifest.oauth_config.redirect_urls).toEqual([`${HOST}/slack/oauth_redirect`]);
  });
});
