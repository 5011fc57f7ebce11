import type { DemoCalendar } from './calendar.ts';
import { randomFor } from './random.ts';

/**
 * When the marketing team sends, exhibits and advertises. Planned before the leads, because emailing and event
 * leads arrive in the days after a send or a trade show and are attributed to that campaign.
 */
export interface CampaignPlan {
  ref: string;
  kind: 'email' | 'event' | 'ads';
  channel: 'emailing' | 'events' | 'paid_search';
  name: string;
  startIndex: number;
  startedAt: number;
  /** Leads the campaign brings in total (email, event); spread over the days after its start. */
  expectedLeads: number;
  /** Recipients (email). */
  listSize: number;
}

/** Share of an email campaign's leads, opens and unsubscribes on each day after the send (day 0 = send day). */
export const EMAIL_DAY_SHARE = [0.42, 0.2, 0.11, 0.07, 0.05, 0.04, 0.035, 0.03, 0.025, 0.02];
/** Same for a two-day trade show and its follow-up days. */
export const EVENT_DAY_SHARE = [0.45, 0.4, 0.07, 0.05, 0.03];

export const ADS_CAMPAIGN_REF = 'demo-campaign-ads';

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const EMAIL_THEMES = [
  'Newsletter',
  'Webinar : piloter ses KPI commerciaux',
  'Cas client',
  'Livre blanc : prospection B2B',
  'Nouveautés produit',
  'Invitation : petit-déjeuner clients',
];
const TRADE_SHOWS: Record<number, string> = {
  2: 'Salon des Entrepreneurs Paris',
  6: 'VivaTech',
  9: 'Salon Business Lyon',
  11: 'Web Summit Lisbonne',
};

export function planCampaigns(seed: number, calendar: DemoCalendar): CampaignPlan[] {
  const plans: CampaignPlan[] = [];
  const { days, todayIndex } = calendar;
  const firstTuesday = days.findIndex((d) => d.weekday === 2);
  for (let i = firstTuesday, n = 0; i >= 0 && i <= todayIndex; i += 14, n++) {
    const startedAt = calendar.at(i, 10);
    if (startedAt === null) continue;
    const random = randomFor(seed, 'email-campaign', days[i]!.date);
    const day = days[i]!;
    plans.push({
      ref: `demo-campaign-email-${day.date}`,
      kind: 'email',
      channel: 'emailing',
      name: `${EMAIL_THEMES[n % EMAIL_THEMES.length]} — ${MONTHS_FR[day.monthNumber - 1]} ${day.date.slice(0, 4)}`,
      startIndex: i,
      startedAt,
      expectedLeads: random.between(28, 42) * (day.monthNumber === 8 ? 0.6 : 1),
      listSize: Math.round(6000 + (3000 * i) / Math.max(1, todayIndex) + random.between(-200, 200)),
    });
  }
  for (const day of days) {
    const show = TRADE_SHOWS[day.monthNumber];
    // Second Tuesday of the month: days 8–14 of it.
    const dayOfMonth = Number(day.date.slice(8, 10));
    if (!show || day.weekday !== 2 || dayOfMonth < 8 || dayOfMonth > 14) continue;
    const startedAt = calendar.at(day.index, 9);
    if (startedAt === null) continue;
    const random = randomFor(seed, 'event-campaign', day.date);
    plans.push({
      ref: `demo-campaign-event-${day.date}`,
      kind: 'event',
      channel: 'events',
      name: `${show} ${day.date.slice(0, 4)}`,
      startIndex: day.index,
      startedAt,
      expectedLeads: random.between(30, 48),
      listSize: 0,
    });
  }
  plans.push({
    ref: ADS_CAMPAIGN_REF,
    kind: 'ads',
    channel: 'paid_search',
    name: 'Google Ads — Recherche',
    startIndex: 0,
    startedAt: days[0]!.start,
    expectedLeads: 0,
    listSize: 0,
  });
  return plans.sort((a, b) => a.startedAt - b.startedAt || a.ref.localeCompare(b.ref));
}
