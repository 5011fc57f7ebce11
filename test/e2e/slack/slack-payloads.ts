/**
 * Request bodies as Slack sends them (documented shapes): slash commands as form fields, Events API callbacks as
 * JSON, Block Kit interactions as a form field `payload` holding JSON.
 */

export interface Workspace {
  teamId: string;
  botUserId: string;
  enterpriseId?: string;
}

export function slashCommand(
  ws: Workspace,
  c: { text: string; userId: string; channelId: string; responseUrl: string },
): { body: string; contentType: string } {
  const form = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: ws.teamId,
    team_domain: 'acme',
    channel_id: c.channelId,
    channel_name: c.channelId.startsWith('D') ? 'directmessage' : 'sales',
    user_id: c.userId,
    user_name: c.userId.toLowerCase(),
    command: '/kpi',
    text: c.text,
    api_app_id: 'A0KPIBOT',
    is_enterprise_install: 'false',
    response_url: c.responseUrl,
    trigger_id: '1234567890.123456789.abcdef',
  });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

let eventCounter = 0;

export function eventCallback(
  ws: Workspace,
  event: Record<string, unknown>,
): { body: string; contentType: string } {
  eventCounter += 1;
  const body = {
    token: 'deprecated-verification-token',
    team_id: ws.teamId,
    ...(ws.enterpriseId ? { enterprise_id: ws.enterpriseId } : {}),
    api_app_id: 'A0KPIBOT',
    event,
    type: 'event_callback',
    event_id: `Ev${String(eventCounter).padStart(8, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: ws.enterpriseId ?? null,
        team_id: ws.teamId,
        user_id: ws.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

export function buttonClick(
  ws: Workspace,
  c: {
    userId: string;
    channelId: string;
    actionId: string;
    value: string;
    responseUrl: string;
    ephemeral?: boolean;
  },
): { body: string; contentType: string } {
  const payload = {
    type: 'block_actions',
    user: {
      id: c.userId,
      username: c.userId.toLowerCase(),
      name: c.userId.toLowerCase(),
      team_id: ws.teamId,
    },
    api_app_id: 'A0KPIBOT',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: '1763456400.000100',
      channel_id: c.channelId,
      is_ephemeral: c.ephemeral ?? false,
    },
    trigger_id: '1234567890.123456789.abcdef',
    team: { id: ws.teamId, domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: c.channelId, name: 'sales' },
    response_url: c.responseUrl,
    actions: [
      {
        action_id: c.actionId,
        block_id: 'kpi_actions',
        text: { type: 'plain_text', text: 'Button', emoji: true },
        value: c.value,
        type: 'button',
        action_ts: '1763456401.000200',
      },
    ],
  };
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}
