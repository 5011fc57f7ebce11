import type { DemoCalendar } from './calendar.ts';
import { type ActivityPlan, DEAL_ODDS, type DealPath, simulateDeal } from './deal-lifecycle.ts';
import type { LeadSeed } from './lead-seeds.ts';
import { DEAL_PRODUCTS, type LeadIdentity, leadIdentity, spamIdentity } from './names.ts';
import { DEMO_PEOPLE, DEMO_TEAMS, type DemoPerson, repRef, teamRef } from './people.ts';
import { createQuota } from './quota.ts';
import { type Random, randomFor } from './random.ts';
import { createProposalGate, type DemoStoryFacts, isStalledWin } from './stories.ts';
import type { DemoChannel } from './types.ts';

/** Share of leads qualified, by channel: referrals are warm, web forms are not. */
const QUALIFICATION_ODDS: Record<DemoChannel, number> = {
  web_form: 0.32,
  emailing: 0.36,
  phone: 0.45,
  referral: 0.62,
  events: 0.4,
};
const DEAL_FROM_QUALIFIED = 0.8;
const UPSELL_SHARE = 0.12;

export interface LeadPlan {
  seed: LeadSeed;
  externalId: string;
  ownerRef: string;
  identity: LeadIdentity;
  qualifiedAt: number | null;
  /** Disqualified without a deal; a deal's outcome overrides it. */
  lostAt: number | null;
  deal: DealPlan | null;
  activities: ActivityPlan[];
}

export interface DealPlan extends DealPath {
  externalId: string;
  lead: LeadPlan;
  ownerRef: string;
  teamRef: string;
  account: AccountPlan;
  name: string;
  amount: number;
  createdAt: number;
}

export interface AccountPlan {
  externalId: string;
  name: string;
  ownerRef: string;
  deals: DealPlan[];
  /** First win seen so far while the deals are simulated in lead order (used to pick upsell accounts). */
  firstWonAt: number | null;
}

export interface Pipeline {
  leads: LeadPlan[];
  deals: DealPlan[];
  accounts: AccountPlan[];
}

/** Routes each lead to a rep and plays its life: calls, qualification, deal, account. */
export function simulatePipeline(
  seed: number,
  calendar: DemoCalendar,
  seeds: readonly LeadSeed[],
  facts: DemoStoryFacts,
): Pipeline {
  const pipeline: Pipeline = { leads: [], deals: [], accounts: [] };
  const proposalGate = createProposalGate(facts);
  const proposalQuotas = new Map(DEMO_TEAMS.map((t) => [t.key, createQuota(DEAL_ODDS.proposal)]));
  seeds.forEach((leadSeed, i) => {
    const random = randomFor(seed, 'lead', leadSeed.key);
    const owner = routeLead(random);
    const lead: LeadPlan = {
      seed: leadSeed,
      externalId: `demo-lead-${String(i + 1).padStart(6, '0')}`,
      ownerRef: repRef(owner.n),
      identity: leadSeed.spam ? spamIdentity(random) : leadIdentity(random),
      qualifiedAt: null,
      lostAt: null,
      deal: null,
      activities: [],
    };
    pipeline.leads.push(lead);
    const dealStart = playLead(random, calendar, lead);
    if (dealStart === null) return;
    const dealRandom = randomFor(seed, 'deal', leadSeed.key);
    const ownerRef = lead.ownerRef;
    const team = DEMO_TEAMS.find((t) => t.key === owner.team)!;
    const path = simulateDeal({
      random: dealRandom,
      calendar,
      dayIndex: calendar.dayIndexOf(dealStart),
      createdAt: dealStart,
      teamRef: teamRef(team.key),
      winFactor: owner.winFactor,
      proposes: proposalQuotas.get(team.key)!,
      proposalGate,
      stallsWin: (at) => isStalledWin(facts, ownerRef, at),
    });
    const account = chooseAccount(dealRandom, pipeline, lead, dealStart);
    const deal: DealPlan = {
      ...path,
      externalId: `demo-deal-${String(pipeline.deals.length + 1).padStart(5, '0')}`,
      lead,
      ownerRef,
      teamRef: teamRef(team.key),
      account,
      name: `${account.name} — ${dealRandom.pick(DEAL_PRODUCTS)}`,
      amount: dealAmount(dealRandom, team.amountFactor),
      createdAt: dealStart,
    };
    account.deals.push(deal);
    if (deal.outcome?.status === 'won' && account.firstWonAt === null) account.firstWonAt = deal.outcome.at;
    lead.deal = deal;
    pipeline.deals.push(deal);
  });
  return pipeline;
}

function routeLead(random: Random): DemoPerson {
  const team = random.weighted(DEMO_TEAMS.map((t) => [t.key, t.leadShare] as const));
  return random.weighted(
    DEMO_PEOPLE.filter((p) => p.team === team && p.leadWeight > 0).map((p) => [p, p.leadWeight] as const),
  );
}

/** First touches and qualification; returns when a deal is opened, or null. */
function playLead(random: Random, calendar: DemoCalendar, lead: LeadPlan): number | null {
  const { seed } = lead;
  const touch = (type: 'call' | 'email', maxDays: number) => {
    const at = calendar.at(
      calendar.addBusinessDays(seed.dayIndex, random.int(0, maxDays)),
      random.between(9, 18),
    );
    if (at !== null && at > seed.createdAt) lead.activities.push({ type, at });
  };
  if (seed.spam) {
    lead.lostAt = calendar.at(seed.dayIndex + 1, random.between(9, 11));
    return null;
  }
  if (seed.channel === 'phone') lead.activities.push({ type: 'call', at: seed.createdAt });
  if (random.chance(0.65)) touch('call', 2);
  if (random.chance(0.5)) touch('email', 3);

  const qualifies = random.chance(QUALIFICATION_ODDS[seed.channel]);
  const qualificationDay = calendar.addBusinessDays(seed.dayIndex, random.int(1, 6));
  if (!qualifies) {
    if (random.chance(0.75)) {
      lead.lostAt = calendar.at(
        calendar.addBusinessDays(seed.dayIndex, random.int(3, 20)),
        random.between(9, 18),
      );
    }
    return null;
  }
  lead.qualifiedAt = calendar.at(qualificationDay, random.between(9, 18));
  if (lead.qualifiedAt === null) return null;
  if (random.chance(DEAL_FROM_QUALIFIED)) {
    const dealAt = lead.qualifiedAt + random.int(10, 120) * 60_000;
    return dealAt <= calendar.now ? dealAt : null;
  }
  if (random.chance(0.5)) {
    lead.lostAt = calendar.at(
      calendar.addBusinessDays(qualificationDay, random.int(10, 40)),
      random.between(9, 18),
    );
  }
  return null;
}

/** A new account for the lead's company, or now and then more business from an existing customer. */
function chooseAccount(random: Random, pipeline: Pipeline, lead: LeadPlan, dealAt: number): AccountPlan {
  if (random.chance(UPSELL_SHARE)) {
    const customers = pipeline.accounts.filter((a) => a.firstWonAt !== null && a.firstWonAt < dealAt);
    if (customers.length > 0) {
      const account = random.pick(customers);
      lead.identity = { ...lead.identity, company: account.name };
      return account;
    }
  }
  const account: AccountPlan = {
    externalId: `demo-account-${String(pipeline.accounts.length + 1).padStart(5, '0')}`,
    name: lead.identity.company,
    ownerRef: lead.ownerRef,
    deals: [],
    firstWonAt: null,
  };
  pipeline.accounts.push(account);
  return account;
}

/** Log-normal around 13 k€ (mean ≈ 14 k€ before the team factor), in hundreds of euros. */
function dealAmount(random: Random, teamFactor: number): number {
  const raw = Math.exp(random.normal(Math.log(13_000), 0.45)) * teamFactor;
  return Math.round(Math.min(90_000, Math.max(2_500, raw)) / 100) * 100;
}
