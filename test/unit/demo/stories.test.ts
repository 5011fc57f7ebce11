import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEMO_STORIES, type DemoCompany, generateDemoCompany } from '../../../src/connectors/demo/index.ts';

/**
 * Each planted story measured from the records alone, the way a KPI would see it; windows are computed here from
 * `today` and the zone, not taken from the generator.
 */
function lyonMeetingToProposal(c: DemoCompany, today: Date, tz: string) {
  const lyon = c.teams.find((t) => t.name === DEMO_STORIES.funnelDrop.team)!.externalId;
  const teamOf = new Map(c.deals.map((d) => [d.externalId, d.teamRef]));
  const recentStart = DateTime.fromJSDate(today, { zone: tz }).startOf('day').minus({ days: 14 });
  const baselineStart = recentStart.minus({ weeks: 8 });
  const rate = (team: (ref: string) => boolean, from: DateTime, to: DateTime) => {
    const entered = (stage: string) =>
      c.stageChanges.filter(
        (s) =>
          s.toStage === stage &&
          team(teamOf.get(s.dealRef)!) &&
          s.at >= from.toJSDate() &&
          s.at < to.toJSDate(),
      ).length;
    return { meetings: entered('meeting'), rate: entered('proposal') / entered('meeting') };
  };
  const now = DateTime.fromJSDate(today, { zone: tz }).plus({ seconds: 1 });
  return {
    recent: rate((t) => t === lyon, recentStart, now),
    baseline: rate((t) => t === lyon, baselineStart, recentStart),
    otherTeamsRecent: rate((t) => t !== lyon, recentStart, now),
  };
}

function repRevenuePace(c: DemoCompany, today: Date, tz: string, email: string) {
  const rep = c.reps.find((r) => r.email === email)!;
  const now = DateTime.fromJSDate(today, { zone: tz });
  const monthStart = now.startOf('month');
  const elapsed =
    now.diff(monthStart).toMillis() / monthStart.plus({ months: 1 }).diff(monthStart).toMillis();
  const monthToDate = c.deals
    .filter(
      (d) => d.ownerRepRef === rep.externalId && d.status === 'won' && d.closedAt! >= monthStart.toJSDate(),
    )
    .reduce((sum, d) => sum + d.amount, 0);
  const target = c.objectives.find(
    (o) =>
      o.metric === 'revenue_signed' &&
      o.scopeType === 'rep' &&
      o.scopeRef === rep.externalId &&
      o.periodStart === monthStart.toFormat('yyyy-MM-dd'),
  )!.target;
  return { monthToDate, target, elapsed, paceShare: monthToDate / (target * elapsed) };
}

function webFormSpike(c: DemoCompany, today: Date, tz: string) {
  const perDay = new Map<string, number>();
  for (const l of c.leads) {
    if (l.channel !== 'web_form') continue;
    const day = DateTime.fromJSDate(l.createdAt, { zone: tz }).toFormat('yyyy-MM-dd');
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const count = (d: DateTime) => perDay.get(d.toFormat('yyyy-MM-dd')) ?? 0;
  const todayStart = DateTime.fromJSDate(today, { zone: tz }).startOf('day');
  let best = { day: '', weekday: 0, leads: 0, median: 0, factor: 0 };
  for (let ago = 8; ago <= 12; ago++) {
    const day = todayStart.minus({ days: ago });
    const usual = [1, 2, 3, 4, 5, 6, 7, 8].map((w) => count(day.minus({ weeks: w }))).sort((a, b) => a - b);
    const median = (usual[3]! + usual[4]!) / 2;
    const factor = count(day) / Math.max(1, median);
    if (factor > best.factor) {
      best = { day: day.toFormat('yyyy-MM-dd'), weekday: day.weekday, leads: count(day), median, factor };
    }
  }
  return best;
}

const CASES: [string, string, number | undefined][] = [
  ['2026-11-18T15:30:00Z', 'Europe/Paris', undefined],
  ['2026-11-18T15:30:00Z', 'Europe/Paris', 7],
  ['2027-02-26T09:00:00Z', 'Europe/Paris', undefined],
  ['2026-08-27T16:00:00Z', 'Europe/Paris', 11],
  ['2027-06-12T02:30:00Z', 'America/New_York', undefined],
  ['2026-12-03T07:00:00Z', 'Europe/Paris', 3],
];

describe.each(CASES)('planted stories, today %s in %s, seed %s', (iso, tz, seed) => {
  const today = new Date(iso);
  const company = generateDemoCompany({ today, tz, seed });

  it('1. Lyon meeting → proposal conversion drops over the last 14 days', () => {
    const m = lyonMeetingToProposal(company, today, tz);
    // August is quiet: fewer meetings, the drop is still there.
    expect(m.recent.meetings).toBeGreaterThanOrEqual(4);
    expect(m.recent.rate).toBeLessThan(0.36);
    expect(m.baseline.rate).toBeGreaterThan(0.5);
    expect(m.otherTeamsRecent.rate).toBeGreaterThan(0.35);
  });

  it('2. the Paris rep is far behind the pace of this month’s revenue objective', () => {
    const m = repRevenuePace(company, today, tz, DEMO_STORIES.repBehind.repEmail);
    expect(m.paceShare).toBeLessThan(0.4);
    expect(company.stories.repBehind.target).toBe(m.target);
    if (company.stories.repBehind.plantedRevenue > 0) {
      expect(m.monthToDate).toBe(company.stories.repBehind.plantedRevenue);
      expect(m.paceShare).toBeGreaterThan(0.25);
      expect(m.paceShare).toBeLessThan(0.35);
    } else {
      expect(m.monthToDate).toBe(0);
    }
  });

  it('3. one working day ~10 days ago has ~4× the usual web-form leads', () => {
    const m = webFormSpike(company, today, tz);
    expect(m.factor).toBeGreaterThanOrEqual(3.5);
    expect(m.weekday).toBeLessThanOrEqual(5);
    expect(m.day).toBe(company.stories.leadSpike.day);
    const direct = company.webTraffic.find((w) => w.day === m.day && w.source === '(direct) / (none)')!;
    expect(direct.leads).toBeGreaterThanOrEqual(company.stories.leadSpike.spamLeads);
  });
});

describe('without the stories (same company otherwise)', () => {
  const today = new Date('2026-11-18T15:30:00Z');
  const tz = 'Europe/Paris';
  const withStories = generateDemoCompany({ today, tz });
  const without = generateDemoCompany({ today, tz, stories: false });

  it('plants the rep story this month (enough of the month has passed)', () => {
    expect(withStories.stories.repBehind.plantedRevenue).toBeGreaterThan(0);
  });

  it('shows no Lyon funnel drop', () => {
    expect(lyonMeetingToProposal(without, today, tz).recent.rate).toBeGreaterThan(0.45);
  });

  it('shows the rep with the revenue he would have had, while his earlier months are on track', () => {
    const rep = DEMO_STORIES.repBehind.repEmail;
    expect(repRevenuePace(without, today, tz, rep).monthToDate).not.toBe(
      repRevenuePace(withStories, today, tz, rep).monthToDate,
    );
    const attainment = [1, 2, 3, 4, 5, 6].map((monthsAgo) => {
      const monthEnd = DateTime.fromJSDate(today, { zone: tz })
        .startOf('month')
        .minus({ months: monthsAgo - 1 });
      return repRevenuePace(withStories, monthEnd.minus({ milliseconds: 1 }).toJSDate(), tz, rep).paceShare;
    });
    expect(attainment.reduce((a, b) => a + b, 0) / attainment.length).toBeGreaterThan(0.6);
  });

  it('shows no web-form spike', () => {
    expect(webFormSpike(without, today, tz).factor).toBeLessThan(2.5);
  });

  it('changes nothing before the stories: same leads apart from the spam, same older deals', () => {
    const natural = withStories.leads.filter((l) => !l.email.endsWith('@mail-spam.example'));
    expect(natural.map((l) => [l.createdAt, l.channel, l.email])).toEqual(
      without.leads.map((l) => [l.createdAt, l.channel, l.email]),
    );
    const old = (c: DemoCompany) =>
      c.deals
        .filter((d) => d.createdAt < new Date('2026-09-01T00:00:00Z'))
        .map((d) => ({ ...d, leadRef: '' }));
    expect(old(withStories)).toEqual(old(without));
  });
});
