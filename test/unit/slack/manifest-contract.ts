/** The contract between manifest.json and the Slack listeners: change both together. */
export const SUBSCRIBED_BOT_EVENTS = [
  'app_mention',
  'message.im',
  'app_home_opened',
  'app_uninstalled',
  'tokens_revoked',
] as const;
export const SLASH_COMMANDS = ['/kpi'] as const;
/**
 * Only what the code uses: /kpi, replies, mentions, DMs, the asker's email to find their rep; the delivery outbox's
 * DMs (im:write), search for its own lost posts (*:history) and chart uploads (files:write).
 */
export const EXPECTED_BOT_SCOPES = [
  'commands',
  'chat:write',
  'app_mentions:read',
  'im:history',
  'im:write',
  'channels:history',
  'groups:history',
  'mpim:history',
  'files:write',
  'users:read',
  'users:read.email',
] as const;
