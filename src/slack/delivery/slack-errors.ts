import { ErrorCode } from '@slack/web-api';
import { DeliveryError } from '../../app/delivery/errors.ts';

/**
 * Slack errors a retry cannot fix: the channel or user is gone or out of reach, the token is dead, the message is
 * malformed. The delivery fails at once, with the code in lastError, and is never retried.
 */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'team_access_not_granted',
  'ekm_access_denied',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'too_many_attachments',
  'invalid_arguments',
  'invalid_arg_name',
  'file_uploads_disabled',
  'file_upload_size_restricted',
  'file_type_not_allowed',
  'alt_txt_too_large',
]);

/** Slack's own words for "try later"; `internal_error` and `fatal_error` may have done part of the work. */
const MAY_HAVE_POSTED = new Set(['internal_error', 'fatal_error']);

/** Turns a @slack/web-api error into the outbox's terms. Only Slack's error code and status are kept. */
export function classifySlackError(error: unknown, method: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = error as {
    code?: string;
    data?: { error?: string };
    retryAfter?: number;
    statusCode?: number;
    original?: { message?: string; name?: string };
  };
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryError(
        'rate_limited',
        `Slack ${method}: rate limited, retry after ${e.retryAfter} s`,
        {
          retryAfterMs: Math.max(0, (e.retryAfter ?? 1) * 1000),
        },
      );
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited' || code === 'rate_limited')
        return new DeliveryError('rate_limited', `Slack ${method}: ${code}`, { retryAfterMs: 1000 });
      return new DeliveryError(code, `Slack ${method}: ${code}`, {
        permanent: PERMANENT.has(code),
        mayHavePosted: MAY_HAVE_POSTED.has(code),
      });
    }
    case ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      // A 5xx may come after Slack stored the message; other statuses mean the request was refused as sent.
      return new DeliveryError(`http_${status}`, `Slack ${method}: HTTP ${status}`, {
        permanent: status >= 400 && status < 500 && status !== 408,
        mayHavePosted: status >= 500,
      });
    }
    case ErrorCode.RequestError:
      return new DeliveryError(
        'request_failed',
        `Slack ${method}: ${e.original?.message ?? 'request failed'}`,
        {
          mayHavePosted: true,
        },
      );
    default:
      return new DeliveryError(
        'send_failed',
        `Slack ${method}: ${(error as Error)?.message ?? String(error)}`,
        {
          mayHavePosted: true,
        },
      );
  }
}

/** Runs one Web API call, its failure translated by classifySlackError. */
export async function slackCall<T>(method: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw classifySlackError(error, method);
  }
}
