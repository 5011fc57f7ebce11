import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoCompany, generateDemoCompany } from '../../../src/connectors/demo/index.ts';

const TODAY = new Date('2026-11-18T15:30:00Z');
const TZ = 'Europe/Paris';
const localDay = (d: Date, tz = TZ) => DateTime.fromJSDate(d, { zone: tz }).toFormat('yyyy-MM-dd');

/** Map.groupBy needs Node 21. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

let company: DemoCompany;
beforeAll(() => {
  company = generateDemoCompany({ today: TODAY, tz: TZ, seed: 7 });
});

describe('generateDemoCompany: reproducible', () => {
  it('gives deep-equal companies for the same seed and today', () => {
    expect(generateDemoCompany({ today: TODAY, tz: TZ, seed: 7 })).toEqual(company);
  });

  it('gives another company for another seed', () => {
    const other = generateDemoCompany({ today: TODAY, tz: TZ, seed: 8 });
    expect(other.leads.map((l) => l.createdAt.getTime())).not.toEqual(
      company.leads.map((l) => l.createdAt.getTime()),
    );
  });

  it.each(['America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Auckland'])(
    'does not depend on the process time zone (TZ=%s)',
    (processZone) => {
      const saved = process.env.TZ;
      process.env.TZ = processZone;
      try {
        expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(0);
        expect(generateDemoCompany({ today: TODAY, tz: TZ, seed: 7 })).toEqual(company);
      } finally {
        process.env.TZ = saved;
      }
    },
  );

  it.each([
    [{ tz: 'Mars/Olympus' }, /time zone/],
    [{ months: 0 }, /months/],
    [{ today: new Date(Number.NaN) }, /today/],
  ])('refuses bad options %o', (bad, message) => {
    expect(() => generateDemoCompany({ today: TODAY, tz: TZ, ...bad })).toThrow(message);
  });

  it('keeps external ids stable and unique', () => {
    expect(company.leads[0]?.externalId).toBe('demo-lead-000001');
    expect(company.deals[0]?.externalId).toBe('demo-deal-00001');
    for (const list of [
      company.leads,
      company.deals,
      company.activities,
      company.accounts,
      company.surveys,
      company.campaigns,
    ]) {
      const ids = list.map((r) => r.externalId);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('generateDemoCompany: people', () => {
  it('has three teams a user can type, each with its manager', () => {
    expect(company.teams.map((t) => t.name)).toEqual(['Paris', 'Lyon', 'EMEA']);
    for (const team of company.teams) {
      const manager = company.reps.find((r) => r.externalId === team.managerRepRef);
      expect(manager?.role).toBe('manager');
      expect(manager?.teamRef).toBe(team.externalId);
    }
  });

  it('has 15 reps: one admin, three managers, the rest reps, with demo emails and owner ids', () => {
    expect(company.reps).toHaveLength(15);
    expect(company.reps.filter((r) => r.role === 'admin')).toHaveLength(1);
    expect(company.reps.filter((r) => r.role === 'manager')).toHaveLength(3);
    expect(company.reps.filter((r) => r.role === 'rep')).toHaveLength(11);
    expect(company.reps.map((r) => r.email)).toContain('camille.martin@demo.kpibot.dev');
    expect(company.reps.map((r) => r.email)).toContain('lea.bernard@demo.kpibot.dev');
    for (const [i, rep] of company.reps.entries()) {
      expect(rep.email).toMatch(/^[a-z]+\.[a-z]+@demo\.kpibot\.dev$/);
      expect(rep.crmOwnerIds).toEqual([`demo:${i + 1}`]);
    }
    expect(new Set(company.reps.map((r) => r.email)).size).toBe(15);
  });
});

describe('generateDemoCompany: volumes', () => {
  it('has a few thousand leads over 18 months, all five channels', () => {
    expect(company.leads.length).toBeGreaterThan(3000);
    expect(company.leads.length).toBeLessThan(9000);
    const first = DateTime.fromJSDate(company.leads[0]!.createdAt, { zone: TZ });
    expect(first >= DateTime.fromJSDate(TODAY, { zone: TZ }).startOf('day').minus({ months: 18 })).toBe(true);
    expect(first < DateTime.fromJSDate(TODAY, { zone: TZ }).minus({ months: 17, days: 20 })).toBe(true);
    const channels = new Set(company.leads.map((l) => l.channel));
    expect([...channels].sort()).toEqual(['emailing', 'events', 'phone', 'referral', 'web_form']);
  });

  it('qualifies 35–45 % of leads', () => {
    const rate = company.leads.filter((l) => l.qualifiedAt).length / company.leads.length;
    expect(rate).toBeGreaterThan(0.35);
    expect(rate).toBeLessThan(0.45);
  });

  it('has fewer leads on weekends and in August', () => {
    const perDay = new Map<string, number>();
    for (const l of company.leads)
      perDay.set(localDay(l.createdAt), (perDay.get(localDay(l.createdAt)) ?? 0) + 1);
    const avg = (filter: (d: DateTime) => boolean) => {
      let days = 0;
      let leads = 0;
      const end = DateTime.fromJSDate(TODAY, { zone: TZ }).startOf('day');
      for (let d = end.minus({ months: 17 }); d < end; d = d.plus({ days: 1 })) {
        if (!filter(d)) continue;
        days++;
        leads += perDay.get(d.toFormat('yyyy-MM-dd')) ?? 0;
      }
      return leads / days;
    };
    const weekday = avg((d) => d.weekday <= 5 && d.month !== 8);
    expect(avg((d) => d.weekday >= 6)).toBeLessThan(0.4 * weekday);
    expect(avg((d) => d.weekday <= 5 && d.month === 8)).toBeLessThan(0.7 * weekday);
  });

  it('signs deals of 8–25 k€ on average, in EUR, with a realistic win rate', () => {
    const won = company.deals.filter((d) => d.status === 'won');
    const lost = company.deals.filter((d) => d.status === 'lost');
    const average = won.reduce((s, d) => s + d.amount, 0) / won.length;
    expect(average).toBeGreaterThan(8_000);
    expect(average).toBeLessThan(25_000);
    expect(won.length).toBeGreaterThan(150);
    const winRate = won.length / (won.length + lost.length);
    expect(winRate).toBeGreaterThan(0.15);
    expect(winRate).toBeLessThan(0.4);
    expect(new Set(company.deals.map((d) => d.currency))).toEqual(new Set(['EUR']));
    expect(company.deals.some((d) => d.status === 'open')).toBe(true);
  });

  it('has every activity type, customers, a few churned, NPS and CSAT answers', () => {
    const types = new Set(company.activities.map((a) => a.type));
    expect([...types].sort()).toEqual(['call', 'email', 'meeting', 'proposal_followup']);
    const customers = company.accounts.filter((a) => a.firstWonAt);
    const churned = company.accounts.filter((a) => a.churnedAt);
    expect(customers.length).toBeGreaterThan(100);
    expect(churned.length).toBeGreaterThan(0);
    expect(churned.length).toBeLessThan(customers.length * 0.2);
    expect(company.surveys.some((s) => s.kind === 'nps')).toBe(true);
    expect(company.surveys.some((s) => s.kind === 'csat')).toBe(true);
    for (const s of company.surveys) {
      expect(s.score).toBeGreaterThanOrEqual(s.kind === 'nps' ? 0 : 1);
      expect(s.score).toBeLessThanOrEqual(s.kind === 'nps' ? 10 : 5);
    }
  });

  it('sends an email campaign about every two weeks, with ~10 days of stats each', () => {
    const emailings = company.campaigns.filter((c) => c.channel === 'emailing');
    expect(emailings.length).toBeGreaterThanOrEqual(37);
    expect(emailings.length).toBeLessThanOrEqual(41);
    for (const c of emailings) {
      const days = company.campaignDaily.filter((d) => d.campaignRef === c.externalId);
      const send = localDay(c.startedAt);
      expect(days[0]?.day).toBe(send);
      expect(days.length).toBeLessThanOrEqual(10);
      expect(days.every((d) => d.day >= send)).toBe(true);
      expect(days.filter((d) => d.sent > 0)).toHaveLength(1);
    }
  });

  it('has web traffic for each day and the five sources', () => {
    const sources = new Set(company.webTraffic.map((w) => w.source));
    expect([...sources].sort()).toEqual([
      '(direct) / (none)',
      'google / cpc',
      'google / organic',
      'linkedin / social',
      'newsletter / email',
    ]);
    const days = new Set(company.webTraffic.map((w) => w.day));
    expect(company.webTraffic).toHaveLength(days.size * 5);
    expect(days.has(localDay(TODAY))).toBe(true);
  });

  it('has monthly objectives per team and rep for the four metrics, and tenant revenue, every month', () => {
    const months = new Set(company.objectives.map((o) => o.periodStart));
    expect(months.size).toBe(19);
    expect(months.has('2026-11-01')).toBe(true);
    const sellers = company.reps.filter((r) => r.teamRef !== null);
    for (const month of months) {
      const of = company.objectives.filter((o) => o.periodStart === month);
      for (const metric of ['revenue_signed', 'deals_won', 'meetings', 'qualified_leads']) {
        expect(of.filter((o) => o.metric === metric && o.scopeType === 'team')).toHaveLength(3);
        expect(of.filter((o) => o.metric === metric && o.scopeType === 'rep')).toHaveLength(sellers.length);
      }
      expect(of.filter((o) => o.scopeType === 'tenant').map((o) => o.metric)).toEqual(['revenue_signed']);
      expect(of.every((o) => o.target > 0 && o.grain === 'month')).toBe(true);
    }
  });
});

describe('generateDemoCompany: consistent records', () => {
  it('resolves every reference', () => {
    const has = (list: { externalId: string }[]) => new Set(list.map((r) => r.externalId));
    const [reps, teams, leads, deals, accounts, campaigns] = [
      has(company.reps),
      has(company.teams),
      has(company.leads),
      has(company.deals),
      has(company.accounts),
      has(company.campaigns),
    ];
    const missing: string[] = [];
    const check = (set: Set<string>, ref: string | null) => {
      if (ref !== null && !set.has(ref)) missing.push(ref);
    };
    for (const r of company.reps) check(teams, r.teamRef);
    for (const t of company.teams) check(reps, t.managerRepRef);
    for (const l of company.leads) {
      check(reps, l.ownerRepRef);
      check(campaigns, l.campaignRef);
    }
    for (const d of company.deals) {
      check(reps, d.ownerRepRef);
      check(teams, d.teamRef);
      check(leads, d.leadRef);
      check(accounts, d.accountRef);
      check(campaigns, d.campaignRef);
    }
    for (const s of company.stageChanges) check(deals, s.dealRef);
    for (const a of company.activities) {
      check(reps, a.repRef);
      check(leads, a.leadRef);
      check(deals, a.dealRef);
    }
    for (const a of company.accounts) check(reps, a.ownerRepRef);
    for (const s of company.surveys) {
      check(reps, s.repRef);
      check(accounts, s.accountRef);
    }
    for (const c of company.campaignDaily) check(campaigns, c.campaignRef);
    for (const o of company.objectives) check(o.scopeType === 'team' ? teams : reps, o.scopeRef);
    expect(missing).toEqual([]);
  });

  it('orders each lead’s life and converts only leads whose deal is won', () => {
    const dealOf = new Map(company.deals.map((d) => [d.leadRef, d]));
    for (const lead of company.leads) {
      const deal = dealOf.get(lead.externalId);
      if (lead.qualifiedAt) expect(lead.qualifiedAt >= lead.createdAt).toBe(true);
      if (lead.lostAt) expect(lead.lostAt >= lead.createdAt).toBe(true);
      expect(lead.convertedAt === null || lead.lostAt === null).toBe(true);
      if (deal?.status === 'won') expect(lead.convertedAt).toEqual(deal.closedAt);
      else expect(lead.convertedAt).toBeNull();
      if (deal) expect(lead.qualifiedAt !== null && deal.createdAt >= lead.qualifiedAt).toBe(true);
    }
  });

  it('orders each deal’s dates and stage history', () => {
    const order = ['qualification', 'meeting', 'proposal', 'negotiation'];
    const history = groupBy(company.stageChanges, (s) => s.dealRef);
    for (const deal of company.deals) {
      expect(deal.status === 'open').toBe(deal.closedAt === null);
      if (deal.closedAt) expect(deal.closedAt >= deal.createdAt).toBe(true);
      if (deal.proposalSentAt) {
        expect(deal.proposalSentAt > deal.createdAt).toBe(true);
        if (deal.proposalReadAt) expect(deal.proposalReadAt >= deal.proposalSentAt).toBe(true);
        if (deal.proposalFollowedUpAt) expect(deal.proposalFollowedUpAt > deal.proposalSentAt).toBe(true);
      } else {
        expect([deal.proposalReadAt, deal.proposalFollowedUpAt]).toEqual([null, null]);
      }
      const changes = history.get(deal.externalId) ?? [];
      expect(changes[0]).toMatchObject({ fromStage: null, toStage: 'qualification', at: deal.createdAt });
      changes.forEach((c, i) => {
        if (i === 0) return;
        const previous = changes[i - 1]!;
        expect(c.at > previous.at).toBe(true);
        expect(c.fromStage).toBe(previous.toStage);
        if (c.toStage !== 'won' && c.toStage !== 'lost') expect(order.indexOf(c.toStage)).toBe(i);
      });
      const last = changes[changes.length - 1]!;
      expect(last.toStage).toBe(deal.stage);
      if (deal.closedAt) expect(last.at).toEqual(deal.closedAt);
      const proposal = changes.find((c) => c.toStage === 'proposal');
      expect(proposal?.at ?? null).toEqual(deal.proposalSentAt);
    }
  });

  it('links the first meeting of each deal to its lead and deal, and keeps deal activities inside the deal', () => {
    const deals = new Map(company.deals.map((d) => [d.externalId, d]));
    const meetingStages = company.stageChanges.filter((s) => s.toStage === 'meeting');
    const meetings = new Set(
      company.activities
        .filter((a) => a.type === 'meeting')
        .map((a) => `${a.dealRef}|${a.occurredAt.getTime()}`),
    );
    for (const s of meetingStages) expect(meetings.has(`${s.dealRef}|${s.at.getTime()}`)).toBe(true);
    for (const a of company.activities) {
      if (a.type === 'meeting' || a.type === 'proposal_followup') {
        expect(a.dealRef).not.toBeNull();
        expect(a.leadRef).toBe(deals.get(a.dealRef!)?.leadRef);
      }
      if (a.dealRef) {
        const deal = deals.get(a.dealRef)!;
        expect(a.occurredAt >= deal.createdAt).toBe(true);
        if (deal.closedAt) expect(a.occurredAt <= deal.closedAt).toBe(true);
        expect(a.repRef).toBe(deal.ownerRepRef);
      }
    }
  });

  it('makes an account a customer at its first won deal, and churns it after', () => {
    const won = groupBy(
      company.deals.filter((d) => d.status === 'won'),
      (d) => d.accountRef,
    );
    for (const account of company.accounts) {
      const closes = (won.get(account.externalId) ?? []).map((d) => d.closedAt!.getTime());
      expect(account.firstWonAt?.getTime() ?? null).toBe(closes.length ? Math.min(...closes) : null);
      if (account.churnedAt)
        expect(account.firstWonAt !== null && account.churnedAt > account.firstWonAt).toBe(true);
    }
  });

  it('reports campaign and web leads that match the CRM’s leads', () => {
    const byCampaignDay = new Map<string, number>();
    const webFormByDay = new Map<string, number>();
    for (const l of company.leads) {
      if (l.campaignRef) {
        const key = `${l.campaignRef}|${localDay(l.createdAt)}`;
        byCampaignDay.set(key, (byCampaignDay.get(key) ?? 0) + 1);
      }
      if (l.channel === 'web_form')
        webFormByDay.set(localDay(l.createdAt), (webFormByDay.get(localDay(l.createdAt)) ?? 0) + 1);
    }
    for (const d of company.campaignDaily) {
      expect(d.leads).toBe(byCampaignDay.get(`${d.campaignRef}|${d.day}`) ?? 0);
      expect(d.delivered).toBeLessThanOrEqual(d.sent);
      expect(d.uniqueClicks).toBeLessThanOrEqual(d.opens);
    }
    const attributed = [...byCampaignDay.values()].reduce((a, b) => a + b, 0);
    expect(company.campaignDaily.reduce((s, d) => s + d.leads, 0)).toBe(attributed);
    const webLeads = new Map<string, number>();
    for (const w of company.webTraffic) {
      webLeads.set(w.day, (webLeads.get(w.day) ?? 0) + w.leads);
      expect(w.bounces).toBeLessThanOrEqual(w.sessions);
      expect(w.users).toBeLessThanOrEqual(w.sessions);
      expect(w.leads).toBeLessThanOrEqual(w.sessions);
    }
    for (const [day, count] of webLeads) expect(count).toBe(webFormByDay.get(day) ?? 0);
  });

  it.each([
    ['Europe/Paris', '2026-11-18T15:30:00Z'],
    ['America/New_York', '2027-03-14T12:00:00Z'],
    ['Asia/Tokyo', '2026-01-01T00:30:00Z'],
  ])('puts nothing after now (%s, %s)', (tz, iso) => {
    const today = new Date(iso);
    const c =
      tz === TZ && iso === TODAY.toISOString() ? company : generateDemoCompany({ today, tz, seed: 7 });
    const instants = [
      ...c.leads.flatMap((l) => [l.createdAt, l.qualifiedAt, l.convertedAt, l.lostAt]),
      ...c.deals.flatMap((d) => [
        d.createdAt,
        d.proposalSentAt,
        d.proposalReadAt,
        d.proposalFollowedUpAt,
        d.closedAt,
      ]),
      ...c.stageChanges.map((s) => s.at),
      ...c.activities.map((a) => a.occurredAt),
      ...c.accounts.flatMap((a) => [a.firstWonAt, a.churnedAt]),
      ...c.surveys.map((s) => s.at),
      ...c.campaigns.map((s) => s.startedAt),
    ].filter((d): d is Date => d !== null);
    expect(Math.max(...instants.map((d) => d.getTime()))).toBeLessThanOrEqual(today.getTime());
    const lastDay = localDay(today, tz);
    const days = [...c.campaignDaily.map((d) => d.day), ...c.webTraffic.map((w) => w.day)];
    expect(days.sort().at(-1)).toBe(lastDay);
    const months = c.objectives.map((o) => o.periodStart).sort();
    expect(months.at(-1)).toBe(`${lastDay.slice(0, 7)}-01`);
  });
});
