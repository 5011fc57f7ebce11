import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Installation, InstallProvider } from '@slack/oauth';
import type { Route } from '../runtime/http-server.ts';
import type { Logger } from '../runtime/logger.ts';

/**
 * What kpibot asks for when installed: the slash command, mentions, DMs, replies, and users' emails and locales;
 * for the delivery outbox, opening a user's DM, reading back its own messages after a crash, and chart uploads.
 */
export const BOT_SCOPES = [
  'commands',
  'app_mentions:read',
  'chat:write',
  'im:history',
  'im:write',
  'channels:history',
  'groups:history',
  'mpim:history',
  'files:write',
  'users:read',
  'users:read.email',
];

/**
 * Multi-workspace install on our HTTP server: `GET /slack/install` redirects to Slack's consent page with a
 * signed state (also set as a cookie, so the callback must come back to the same browser);
 * `GET /slack/oauth_redirect` exchanges the code (oauth.v2.access) and stores the installation.
 */
export function oauthRoutes(installer: InstallProvider, log: Logger): Route[] {
  return [
    {
      method: 'GET',
      path: '/slack/install',
      handle: (req, res) => installer.handleInstallPath(req, res, {}, { scopes: BOT_SCOPES }),
    },
    {
      method: 'GET',
      path: '/slack/oauth_redirect',
      handle: (req, res) =>
        installer.handleCallback(req, res, {
          success: (installation) => installed(res, installation),
          failure: (error, _opts, _req: IncomingMessage, response) => {
            log.warn({ code: error.code, reason: error.message }, 'Slack install failed');
            page(
              response,
              400,
              'kpibot was not installed',
              'The installation did not complete. Please try again from the install link.',
            );
          },
        }),
    },
  ];
}

function installed(res: ServerResponse, installation: Installation): void {
  const where = installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name;
  page(
    res,
    200,
    'kpibot is installed',
    `kpibot is now installed${where ? ` in ${escapeHtml(where)}` : ''}. In Slack, try <code>/kpi help</code> or <code>/kpi win rate last week</code>.`,
  );
}

function page(res: ServerResponse, status: number, title: string, bodyHtml: string): void {
  res
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
    .end(
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${bodyHtml}</p></body></html>`,
    );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
