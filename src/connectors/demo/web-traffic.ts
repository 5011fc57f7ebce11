import type { DemoCalendar } from './calendar.ts';
import { type CampaignPlan, EMAIL_DAY_SHARE } from './campaign-plan.ts';
import { livedShare } from './campaign-stats.ts';
import { type LeadSeed, WEB_SOURCES } from './lead-seeds.ts';
import { randomFor } from './random.ts';
import { webVolume } from './seasonality.ts';
import type { DemoWebTrafficDay } from './types.ts';

interface SourceProfile {
  sessions: number;
  bounceRate: number;
}

const PROFILES: Record<(typeof WEB_SOURCES)[number], SourceProfile> = {
  'google / organic': { sessions: 190, bounceRate: 0.42 },
  'google / cpc': { sessions: 95, bounceRate: 0.55 },
  'linkedin / social': { sessions: 40, bounceRate: 0.6 },
  'newsletter / email': { sessions: 12, bounceRate: 0.38 },
  '(direct) / (none)': { sessions: 85, bounceRate: 0.45 },
};
/** Extra newsletter sessions the day an email campaign goes out, spread like its opens. */
const NEWSLETTER_BUMP = 260;

/**
 * Site analytics per day and source/medium. Leads per source are the demo's web-form leads of that source, so a
 * spam burst in the CRM is also a burst of bouncing direct sessions here.
 */
export function webTrafficDays(
  seed: number,
  calendar: DemoCalendar,
  campaigns: readonly CampaignPlan[],
  seeds: readonly LeadSeed[],
): DemoWebTrafficDay[] {
  const leads = new Map<string, { all: number; spam: number }>();
  for (const s of seeds) {
    if (s.trafficSource === null) continue;
    const key = `${s.dayIndex}|${s.trafficSource}`;
    const count = leads.get(key) ?? { all: 0, spam: 0 };
    count.all++;
    if (s.spam) count.spam++;
    leads.set(key, count);
  }
  const emailSends = campaigns.filter((c) => c.kind === 'email');
  const rows: DemoWebTrafficDay[] = [];
  for (const day of calendar.days) {
    const random = randomFor(seed, 'web', day.date);
    const volume = webVolume(calendar, day.index) * livedShare(calendar, day.index);
    for (const source of WEB_SOURCES) {
      const profile = PROFILES[source];
      let expected = profile.sessions * volume;
      if (source === 'newsletter / email') {
        for (const send of emailSends) {
          const share = EMAIL_DAY_SHARE[day.index - send.startIndex];
          if (share !== undefined) expected += NEWSLETTER_BUMP * share * livedShare(calendar, day.index);
        }
      }
      const counted = leads.get(`${day.index}|${source}`) ?? { all: 0, spam: 0 };
      const human = Math.max(0, Math.round(expected * random.normal(1, 0.08)));
      // A bot session per spam lead, each bouncing after the form post; real visitors convert at under 25 %.
      const sessions = Math.max(human, (counted.all - counted.spam) * 4) + counted.spam;
      const bounces = Math.round(human * profile.bounceRate * random.normal(1, 0.05)) + counted.spam;
      rows.push({
        day: day.date,
        source,
        sessions,
        users: Math.round(sessions * random.between(0.78, 0.88)),
        pageviews: Math.round(sessions * random.between(2.1, 3.3)),
        bounces: Math.min(sessions, bounces),
        engagedSeconds: Math.round(Math.max(0, sessions - bounces) * random.between(55, 110)),
        leads: counted.all,
      });
    }
  }
  return rows;
}
