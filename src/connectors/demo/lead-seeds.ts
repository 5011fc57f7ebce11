import type { DemoCalendar } from './calendar.ts';
import { ADS_CAMPAIGN_REF, type CampaignPlan, EMAIL_DAY_SHARE, EVENT_DAY_SHARE } from './campaign-plan.ts';
import { createRandom, deriveSeed, type Random, randomFor } from './random.ts';
import { businessVolume, webVolume } from './seasonality.ts';
import { DEMO_STORIES, type DemoStoryFacts } from './stories.ts';
import type { DemoChannel } from './types.ts';

/** A lead's arrival: when, through which channel and campaign. What happens next is decided in the pipeline. */
export interface LeadSeed {
  /** Stable key of the lead's random stream. */
  key: string;
  dayIndex: number;
  createdAt: number;
  channel: DemoChannel;
  campaignRef: string | null;
  /** Web analytics source of a web-form lead ('google / organic'…), null for other channels. */
  trafficSource: string | null;
  spam: boolean;
}

export const WEB_SOURCES = [
  'google / organic',
  'google / cpc',
  'linkedin / social',
  'newsletter / email',
  '(direct) / (none)',
] as const;
const WEB_FORM_SOURCE_SHARE: readonly (readonly [string, number])[] = [
  ['google / organic', 0.4],
  ['google / cpc', 0.25],
  ['linkedin / social', 0.1],
  ['newsletter / email', 0.07],
  ['(direct) / (none)', 0.18],
];

/** Average leads per ordinary working day, by channel (emailing and trade shows come from the campaign plan). */
const DAILY_LEADS = { web_form: 5.2, phone: 2.2, referral: 1.9, events: 0.35 };

export function planLeadSeeds(
  seed: number,
  calendar: DemoCalendar,
  campaigns: readonly CampaignPlan[],
  facts: DemoStoryFacts,
): LeadSeed[] {
  const seeds: LeadSeed[] = [];
  for (const day of calendar.days) {
    const random = randomFor(seed, 'leads', day.date);
    const add = (channel: DemoChannel, count: number, hours: () => number, campaignRef: string | null) => {
      for (let k = 0; k < count; k++) {
        const createdAt = calendar.at(day.index, hours());
        const trafficSource = channel === 'web_form' ? random.weighted(WEB_FORM_SOURCE_SHARE) : null;
        if (createdAt === null) continue;
        seeds.push({
          key: `${day.date}:${channel}:${campaignRef ?? ''}:${k}`,
          dayIndex: day.index,
          createdAt,
          channel,
          campaignRef: trafficSource === 'google / cpc' ? ADS_CAMPAIGN_REF : campaignRef,
          trafficSource,
          spam: false,
        });
      }
    };
    const business = businessVolume(calendar, day.index);
    add(
      'web_form',
      random.poisson(DAILY_LEADS.web_form * webVolume(calendar, day.index)),
      () => webHour(random),
      null,
    );
    add('phone', random.poisson(DAILY_LEADS.phone * business), () => random.between(8.5, 18.5), null);
    add('referral', random.poisson(DAILY_LEADS.referral * business), () => random.between(9, 19), null);
    add('events', random.poisson(DAILY_LEADS.events * business), () => random.between(9, 19), null);
    for (const campaign of campaigns) {
      const offset = day.index - campaign.startIndex;
      const shares =
        campaign.kind === 'email' ? EMAIL_DAY_SHARE : campaign.kind === 'event' ? EVENT_DAY_SHARE : [];
      const share = shares[offset];
      if (share === undefined) continue;
      const weekend = calendar.isWeekend(day.index) ? 0.3 : 1;
      const channel: DemoChannel = campaign.kind === 'email' ? 'emailing' : 'events';
      const earliest = offset === 0 ? (campaign.startedAt - day.start) / 3_600_000 : 8;
      add(
        channel,
        random.poisson(campaign.expectedLeads * share * weekend),
        () => random.between(earliest, 20),
        campaign.ref,
      );
    }
  }
  if (facts.enabled) addSpamBurst(seed, calendar, seeds, facts);
  return seeds.sort((a, b) => a.createdAt - b.createdAt || a.key.localeCompare(b.key));
}

/** Web forms are filled mostly in office hours, some in the evening, a few at night. */
function webHour(random: Random): number {
  const slot = random.weighted([
    [[8, 19], 0.8],
    [[19, 23.5], 0.15],
    [[0, 8], 0.05],
  ] as const);
  return random.between(slot[0], slot[1]);
}

/** Story 3: tops the spike day's web-form leads up to `factor` × the median of the same weekday before it. */
function addSpamBurst(seed: number, calendar: DemoCalendar, seeds: LeadSeed[], facts: DemoStoryFacts) {
  const story = DEMO_STORIES.leadSpike;
  const spike = facts.leadSpike.dayIndex;
  const webForms = (index: number) =>
    seeds.filter((s) => s.dayIndex === index && s.channel === 'web_form').length;
  const usual = [];
  for (let week = 1; week <= story.baselineWeeks; week++) {
    if (spike - 7 * week >= 0) usual.push(webForms(spike - 7 * week));
  }
  const wanted = Math.ceil(story.factor * Math.max(2, median(usual)));
  const count = Math.max(8, wanted - webForms(spike));
  const random = createRandom(deriveSeed(seed, 'spam-burst', calendar.days[spike]!.date));
  for (let k = 0; k < count; k++) {
    const createdAt = calendar.at(spike, random.between(1, 5));
    if (createdAt === null) continue;
    seeds.push({
      key: `${calendar.days[spike]!.date}:spam:${k}`,
      dayIndex: spike,
      createdAt,
      channel: 'web_form',
      campaignRef: null,
      trafficSource: '(direct) / (none)',
      spam: true,
    });
    facts.leadSpike.spamLeads++;
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
