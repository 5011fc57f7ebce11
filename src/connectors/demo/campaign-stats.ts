import type { DemoCalendar } from './calendar.ts';
import { type CampaignPlan, EMAIL_DAY_SHARE, EVENT_DAY_SHARE } from './campaign-plan.ts';
import type { LeadSeed } from './lead-seeds.ts';
import { randomFor } from './random.ts';
import type { DemoCampaign, DemoCampaignDay } from './types.ts';

const cents = (value: number) => Math.round(value * 100) / 100;

/** Share of a day already lived at `now` (1 for past days): today's figures are partial, as in the real tools. */
export function livedShare(calendar: DemoCalendar, index: number): number {
  const day = calendar.days[index]!;
  return Math.min(1, Math.max(0, (calendar.now - day.start) / (day.end - day.start)));
}

/**
 * Daily statistics per campaign as the emailing tool / ad platform / event budget reports them. Leads per day
 * are the demo's own leads attributed to the campaign, so the tool's figures and the CRM agree.
 */
export function campaignStats(
  seed: number,
  calendar: DemoCalendar,
  plans: readonly CampaignPlan[],
  seeds: readonly LeadSeed[],
): { campaigns: DemoCampaign[]; campaignDaily: DemoCampaignDay[] } {
  const leadsByCampaignDay = new Map<string, number>();
  for (const s of seeds) {
    if (s.campaignRef === null) continue;
    const key = `${s.campaignRef}|${s.dayIndex}`;
    leadsByCampaignDay.set(key, (leadsByCampaignDay.get(key) ?? 0) + 1);
  }
  const campaigns: DemoCampaign[] = [];
  const campaignDaily: DemoCampaignDay[] = [];
  for (const plan of plans) {
    const random = randomFor(seed, 'campaign-stats', plan.ref);
    const rows: DemoCampaignDay[] = [];
    const row = (index: number): DemoCampaignDay => {
      const r: DemoCampaignDay = {
        campaignRef: plan.ref,
        day: calendar.days[index]!.date,
        sent: 0,
        delivered: 0,
        opens: 0,
        uniqueClicks: 0,
        unsubscribes: 0,
        spamReports: 0,
        bounces: 0,
        leads: leadsByCampaignDay.get(`${plan.ref}|${index}`) ?? 0,
        cost: 0,
      };
      rows.push(r);
      return r;
    };
    if (plan.kind === 'email') {
      const summer = calendar.days[plan.startIndex]!.monthNumber === 8 ? 0.85 : 1;
      const openRate = random.between(0.22, 0.34) * summer;
      const clickShare = random.between(0.08, 0.16);
      const unsubscribeRate = random.between(0.0015, 0.004);
      const spamRate = random.between(0.0001, 0.0004);
      const bounces = Math.round(plan.listSize * random.between(0.01, 0.03));
      const delivered = plan.listSize - bounces;
      EMAIL_DAY_SHARE.forEach((share, k) => {
        const index = plan.startIndex + k;
        if (index > calendar.todayIndex) return;
        const lived = livedShare(calendar, index);
        const r = row(index);
        if (k === 0) {
          Object.assign(r, {
            sent: plan.listSize,
            delivered,
            bounces,
            cost: Math.round(random.between(350, 650)),
          });
        }
        r.opens = Math.round(delivered * openRate * share * lived);
        r.uniqueClicks = Math.round(r.opens * clickShare);
        r.unsubscribes = Math.round(delivered * unsubscribeRate * share * lived);
        r.spamReports = Math.round(delivered * spamRate * share * lived);
      });
    } else if (plan.kind === 'event') {
      const cost = Math.round(random.between(6_000, 12_000) / 100) * 100;
      EVENT_DAY_SHARE.forEach((_, k) => {
        const index = plan.startIndex + k;
        if (index <= calendar.todayIndex) row(index).cost = k === 0 ? cost : 0;
      });
    } else {
      for (let index = plan.startIndex; index <= calendar.todayIndex; index++) {
        const weekend = calendar.isWeekend(index) ? 0.5 : 1;
        row(index).cost = cents(random.between(70, 140) * weekend * livedShare(calendar, index));
      }
    }
    campaignDaily.push(...rows);
    campaigns.push({
      externalId: plan.ref,
      channel: plan.channel,
      name: plan.name,
      cost: cents(rows.reduce((sum, r) => sum + r.cost, 0)),
      startedAt: new Date(plan.startedAt),
    });
  }
  return { campaigns, campaignDaily };
}
