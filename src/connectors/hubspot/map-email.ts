import { DateTime } from 'luxon';
import type { CanonicalCampaignDay } from '../types.ts';

export interface HubspotEmail {
  id: string;
  name?: string;
  publishDate?: Date;
  stats?: { counters?: Record<string, number> };
}

/**
 * A published marketing email is one campaign day: its publish day (in the tenant's zone) carries the email's
 * running totals. Unpublished emails have no figures and yield nothing.
 */
export function mapEmail(email: HubspotEmail, timeZone: string): CanonicalCampaignDay | null {
  if (!email.publishDate) return null;
  const counters = email.stats?.counters ?? {};
  const count = (name: string) => {
    const value = counters[name];
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
  };
  return {
    externalId: email.id,
    name: email.name ?? null,
    channel: 'email',
    day: DateTime.fromJSDate(email.publishDate, { zone: timeZone }).toISODate() ?? '',
    sent: count('sent'),
    delivered: count('delivered'),
    opens: count('open'),
    uniqueClicks: count('click'),
    unsubscribes: count('unsubscribed'),
    spamReports: count('spamreport'),
    bounces: count('bounce'),
  };
}
