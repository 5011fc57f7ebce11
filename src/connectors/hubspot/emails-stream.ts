import type { Client } from '@hubspot/api-client';
import type { CanonicalCampaignDay, SyncPage, SyncStream } from '../types.ts';
import type { HubspotConfig } from './config.ts';
import { cursorString, laterCursor, sinceFromCursor } from './cursor.ts';
import { callHubspot, SCOPES } from './hubspot-errors.ts';
import { mapEmail } from './map-email.ts';

/** Opens, clicks and bounces keep arriving for weeks after a send without changing the email's updatedAt. */
export const STATS_SETTLE_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Marketing emails with their statistics → one campaign day each. Every run lists the emails (a portal has
 * hundreds, not millions) and keeps those changed since the cursor or published within the settle window,
 * so late opens and clicks are picked up.
 */
export function emailsStream(client: Client, config: HubspotConfig): SyncStream {
  return {
    name: 'marketing-emails',
    async *pages(cursor: string | null, signal: AbortSignal): AsyncGenerator<SyncPage> {
      const since = sinceFromCursor(cursor);
      const settleFrom = since ? since.getTime() - STATS_SETTLE_DAYS * DAY_MS : null;
      let latest = since;
      let after: string | undefined;
      do {
        signal.throwIfAborted();
        const response = await callHubspot('marketing emails', SCOPES.emails, () =>
          client.marketing.emails.marketingEmailsApi.getPage(
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            after,
            100,
            true,
          ),
        );
        const campaigns: CanonicalCampaignDay[] = [];
        for (const email of response.results) {
          const changed = email.updatedAt ?? email.publishDate;
          const recent =
            settleFrom === null ||
            (changed !== undefined && since !== null && changed.getTime() >= since.getTime()) ||
            (email.publishDate !== undefined && email.publishDate.getTime() >= settleFrom);
          if (!recent) continue;
          const day = mapEmail(email, config.timeZone);
          if (day) campaigns.push(day);
          if (changed) latest = laterCursor(latest, [changed]);
        }
        yield { records: { campaigns }, cursor: cursorString(latest, cursor) };
        after = response.paging?.next?.after;
      } while (after);
    },
  };
}
