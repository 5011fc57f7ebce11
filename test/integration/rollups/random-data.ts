import { DateTime } from 'luxon';
import type { Prisma } from '../../../src/store/database.ts';

/** Deterministic PRNG (mulberry32), so a failing property run can be replayed from its seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Rng = ReturnType<typeof prng>;

export const TZ = 'Europe/Paris';
/** ~120 local days, across month ends and the March DST change. */
export const FIRST_DAY = '2026-02-10';
export const DAYS = 120;
export const TEAMS = ['team-a', 'team-b', 'team-c'];
export const REPS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8'];
export const CHANNELS = ['web_form', 'emailing', 'events', 'referral'];
export const CAMPAIGNS: [string, string][] = [
  ['camp-1', 'emailing'],
  ['camp-2', 'events'],
  ['camp-3', 'paid_search'],
];
export const STAGES = ['qualification', 'proposal', 'negotiation', 'closing'];
export const WEB_SOURCES = ['google / organic', 'direct'];

export function localDay(offset: number): string {
  return DateTime.fromISO(FIRST_DAY, { zone: 'utc' }).plus({ days: offset }).toISODate()!;
}

/** A random instant in the span; one in five within an hour of a local or UTC midnight. */
export function randomInstant(r: Rng): Date {
  const day = DateTime.fromISO(localDay(r.int(0, DAYS - 1)), { zone: TZ });
  if (r.chance(0.2)) {
    const around = r.chance(0.5) ? day : day.setZone('utc').startOf('day');
    return around.plus({ minutes: r.int(-60, 60), milliseconds: r.int(0, 999) }).toJSDate();
  }
  return day.plus({ milliseconds: r.int(0, 86_400_000 - 1) }).toJSDate();
}

const later = (r: Rng, from: Date, maxDays: number) =>
  new Date(from.getTime() + r.int(0, maxDays * 86_400_000));
const maybe = <T>(r: Rng, p: number, value: () => T): T | null => (r.chance(p) ? value() : null);
const money = (r: Rng) => Math.round(r.next() * 1_000_000) / 100;

export const TENANT = 'rollups-property';

export function randomLead(r: Rng, id: string) {
  const createdAt = randomInstant(r);
  return {
    id,
    tenantId: TENANT,
    source: 'gen',
    externalId: id,
    createdAt,
    ownerRepId: maybe(r, 0.9, () => r.pick(REPS)),
    channel: maybe(r, 0.85, () => r.pick(CHANNELS)),
    campaignId: maybe(r, 0.3, () => r.pick(CAMPAIGNS)[0]),
    qualifiedAt: maybe(r, 0.5, () => later(r, createdAt, 20)),
    convertedAt: maybe(r, 0.3, () => later(r, createdAt, 60)),
    lostAt: maybe(r, 0.2, () => later(r, createdAt, 40)),
    deletedAt: maybe(r, 0.05, () => createdAt),
  };
}

export function randomDeal(r: Rng, id: string, leadIds: readonly string[]) {
  const createdAt = randomInstant(r);
  const status = r.pick(['open', 'won', 'won', 'lost'] as const);
  const proposalSentAt = maybe(r, 0.5, () => later(r, createdAt, 10));
  return {
    id,
    tenantId: TENANT,
    source: 'gen',
    externalId: id,
    ownerRepId: maybe(r, 0.9, () => r.pick(REPS)),
    teamId: maybe(r, 0.3, () => r.pick(TEAMS)),
    stage: r.pick(STAGES),
    status,
    amount: maybe(r, 0.9, () => money(r)),
    createdAt,
    proposalSentAt,
    proposalReadAt: proposalSentAt && maybe(r, 0.6, () => later(r, proposalSentAt, 3)),
    proposalFollowedUpAt: proposalSentAt && maybe(r, 0.5, () => later(r, proposalSentAt, 5)),
    closedAt: status === 'open' ? null : later(r, createdAt, 50),
    leadId: maybe(r, 0.5, () => r.pick(leadIds)),
    channel: maybe(r, 0.3, () => r.pick(CHANNELS)),
    campaignId: maybe(r, 0.2, () => r.pick(CAMPAIGNS)[0]),
    deletedAt: maybe(r, 0.05, () => createdAt),
  };
}

export function randomActivity(r: Rng, id: string, leadIds: readonly string[], dealIds: readonly string[]) {
  const leadId = maybe(r, 0.6, () => r.pick(leadIds));
  return {
    id,
    tenantId: TENANT,
    source: 'gen',
    externalId: id,
    type: r.pick(['meeting', 'meeting', 'call', 'email', 'proposal_followup'] as const),
    occurredAt: randomInstant(r),
    repId: maybe(r, 0.9, () => r.pick(REPS)),
    leadId,
    dealId: leadId ? maybe(r, 0.3, () => r.pick(dealIds)) : maybe(r, 0.7, () => r.pick(dealIds)),
    deletedAt: maybe(r, 0.05, () => new Date()),
  };
}

export function randomStageChange(r: Rng, id: string, dealIds: readonly string[]) {
  return { id, tenantId: TENANT, dealId: r.pick(dealIds), toStage: r.pick(STAGES), at: randomInstant(r) };
}

export function randomSurvey(r: Rng, id: string) {
  const kind = r.pick(['nps', 'csat'] as const);
  return {
    id,
    tenantId: TENANT,
    source: 'gen',
    externalId: id,
    kind,
    score: kind === 'nps' ? r.int(0, 10) : r.int(1, 5),
    at: randomInstant(r),
    repId: maybe(r, 0.8, () => r.pick(REPS)),
  };
}

/** A few hundred rows of every kind; the leads and deals share small pools so meetings repeat per lead. */
export async function seedRandomData(prisma: Prisma, r: Rng) {
  await prisma.tenant.create({ data: { id: TENANT, name: 'Property', tz: TZ } });
  await prisma.team.createMany({ data: TEAMS.map((id) => ({ id, tenantId: TENANT, name: id })) });
  await prisma.rep.createMany({
    data: REPS.map((id, i) => ({ id, tenantId: TENANT, name: id, teamId: i === 0 ? null : TEAMS[i % 3] })),
  });
  await prisma.campaign.createMany({
    data: CAMPAIGNS.map(([id, channel]) => ({
      id,
      tenantId: TENANT,
      source: 'gen',
      externalId: id,
      channel,
      name: id,
    })),
  });
  const leadIds = Array.from({ length: 300 }, (_, i) => `lead-${i}`);
  await prisma.lead.createMany({ data: leadIds.map((id) => randomLead(r, id)) });
  const dealIds = Array.from({ length: 200 }, (_, i) => `deal-${i}`);
  await prisma.deal.createMany({ data: dealIds.map((id) => randomDeal(r, id, leadIds)) });
  const meetingLeads = leadIds.slice(0, 60);
  const meetingDeals = dealIds.slice(0, 60);
  await prisma.activity.createMany({
    data: Array.from({ length: 400 }, (_, i) => randomActivity(r, `act-${i}`, meetingLeads, meetingDeals)),
  });
  await prisma.dealStageChange.createMany({
    data: Array.from({ length: 250 }, (_, i) => randomStageChange(r, `sc-${i}`, dealIds)),
    skipDuplicates: true,
  });
  await prisma.survey.createMany({ data: Array.from({ length: 80 }, (_, i) => randomSurvey(r, `sv-${i}`)) });
  await prisma.account.createMany({
    data: Array.from({ length: 40 }, (_, i) => ({
      id: `acc-${i}`,
      tenantId: TENANT,
      source: 'gen',
      externalId: `acc-${i}`,
      name: `acc-${i}`,
      ownerRepId: maybe(r, 0.8, () => r.pick(REPS)),
      firstWonAt: maybe(r, 0.7, () => randomInstant(r)),
      churnedAt: maybe(r, 0.2, () => randomInstant(r)),
    })),
  });
  const campaignKeys = new Set<string>();
  const campaignDays = [];
  for (let i = 0; i < 120; i++) {
    const [campaignId] = r.pick(CAMPAIGNS);
    const day = localDay(r.int(0, DAYS - 1));
    if (campaignKeys.has(`${campaignId}|${day}`)) continue;
    campaignKeys.add(`${campaignId}|${day}`);
    campaignDays.push({
      tenantId: TENANT,
      campaignId,
      day: new Date(`${day}T00:00:00Z`),
      sent: r.int(0, 1000),
      delivered: r.int(0, 900),
      opens: r.int(0, 400),
      uniqueClicks: r.int(0, 100),
      unsubscribes: r.int(0, 10),
      spamReports: r.int(0, 3),
      bounces: r.int(0, 50),
      leads: r.int(0, 10),
      cost: money(r) / 10,
    });
  }
  await prisma.campaignDaily.createMany({ data: campaignDays });
  const webKeys = new Set<string>();
  const webDays = [];
  for (let i = 0; i < 120; i++) {
    const source = r.pick(WEB_SOURCES);
    const day = localDay(r.int(0, DAYS - 1));
    if (webKeys.has(`${source}|${day}`)) continue;
    webKeys.add(`${source}|${day}`);
    webDays.push({
      tenantId: TENANT,
      day: new Date(`${day}T00:00:00Z`),
      source,
      sessions: r.int(0, 500),
      users: r.int(0, 400),
      pageviews: r.int(0, 2000),
      bounces: r.int(0, 200),
      engagedSeconds: r.next() * 10_000,
      leads: r.int(0, 5),
    });
  }
  await prisma.webTrafficDaily.createMany({ data: webDays });
  return { leadIds, dealIds, meetingLeads, meetingDeals };
}
