import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIMENSIONS,
  MEASURE_NAMES,
  type MeasureName,
  ROLLUP_GROUPINGS,
} from '../../../src/core/metrics/measures.ts';
import type { Database } from '../../../src/store/database.ts';
import {
  type MeasureQuery,
  rawMeasures,
  readMeasures,
  recomputeRollups,
  UnknownTenantError,
} from '../../../src/store/rollups/index.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';

const TZ = 'Europe/Paris';
const TENANT = 'rollups-hand';
const at = (iso: string) => new Date(iso);
/** Local midnight in Paris in winter (UTC+1). */
const parisDay = (day: string) => new Date(`${day}T00:00:00+01:00`);

async function seed(db: Database) {
  const p = db.prisma;
  await p.tenant.create({ data: { id: TENANT, name: 'Hand', tz: TZ } });
  await p.team.createMany({
    data: [
      { id: 'team-a', tenantId: TENANT, name: 'A' },
      { id: 'team-b', tenantId: TENANT, name: 'B' },
    ],
  });
  await p.rep.createMany({
    data: [
      { id: 'rep-1', tenantId: TENANT, name: 'One', teamId: 'team-a' },
      { id: 'rep-2', tenantId: TENANT, name: 'Two', teamId: 'team-b' },
      { id: 'rep-3', tenantId: TENANT, name: 'Three' },
    ],
  });
  await p.campaign.create({
    data: {
      id: 'camp-1',
      tenantId: TENANT,
      source: 'csv',
      externalId: 'c1',
      channel: 'emailing',
      name: 'C1',
    },
  });
  const lead = { tenantId: TENANT, source: 'csv' };
  await p.lead.createMany({
    data: [
      // 23:30 UTC on Jan 10 is 00:30 on Jan 11 in Paris.
      {
        ...lead,
        id: 'L1',
        externalId: 'L1',
        createdAt: at('2026-01-10T23:30:00Z'),
        ownerRepId: 'rep-1',
        channel: 'web_form',
        qualifiedAt: at('2026-01-12T09:00:00Z'),
        convertedAt: at('2026-01-20T10:00:00Z'),
      },
      {
        ...lead,
        id: 'L2',
        externalId: 'L2',
        createdAt: at('2026-01-11T10:00:00Z'),
        ownerRepId: 'rep-2',
        channel: 'emailing',
        campaignId: 'camp-1',
        qualifiedAt: at('2026-01-11T12:00:00Z'),
        convertedAt: at('2026-03-01T10:00:00Z'),
      },
      {
        ...lead,
        id: 'L3',
        externalId: 'L3',
        createdAt: at('2026-01-11T12:00:00Z'),
        deletedAt: at('2026-01-12'),
      },
      {
        ...lead,
        id: 'L4',
        externalId: 'L4',
        createdAt: at('2026-01-31T23:30:00Z'),
        ownerRepId: 'rep-3',
        channel: 'web_form',
      },
      // 22:59 UTC on Jan 10 is still Jan 10 in Paris.
      { ...lead, id: 'L5', externalId: 'L5', createdAt: at('2026-01-10T22:59:00Z'), ownerRepId: 'rep-1' },
    ],
  });
  const deal = { tenantId: TENANT, source: 'csv' };
  await p.deal.createMany({
    data: [
      {
        ...deal,
        id: 'D1',
        externalId: 'D1',
        ownerRepId: 'rep-1',
        amount: 1000,
        status: 'won',
        createdAt: at('2026-01-05T10:00:00Z'),
        closedAt: at('2026-01-15T10:00:00Z'),
        leadId: 'L1',
        proposalSentAt: at('2026-01-08T10:00:00Z'),
        proposalReadAt: at('2026-01-08T12:00:00Z'),
        proposalFollowedUpAt: at('2026-01-09T16:00:00Z'),
      },
      {
        ...deal,
        id: 'D2',
        externalId: 'D2',
        ownerRepId: 'rep-2',
        teamId: 'team-a',
        status: 'won',
        channel: 'events',
        createdAt: at('2026-01-10T00:00:00Z'),
        closedAt: at('2026-01-20T12:00:00Z'),
      },
      {
        ...deal,
        id: 'D3',
        externalId: 'D3',
        ownerRepId: 'rep-2',
        amount: 500,
        status: 'lost',
        createdAt: at('2026-01-12T10:00:00Z'),
        closedAt: at('2026-01-25T10:00:00Z'),
        proposalSentAt: at('2026-01-20T10:00:00Z'),
      },
      {
        ...deal,
        id: 'D4',
        externalId: 'D4',
        ownerRepId: 'rep-1',
        amount: 9999,
        status: 'won',
        createdAt: at('2026-01-05T10:00:00Z'),
        closedAt: at('2026-01-15T10:00:00Z'),
        deletedAt: at('2026-01-16T10:00:00Z'),
      },
    ],
  });
  await p.dealStageChange.createMany({
    data: [
      { tenantId: TENANT, dealId: 'D1', toStage: 'qualification', at: at('2026-01-06T10:00:00Z') },
      { tenantId: TENANT, dealId: 'D1', toStage: 'proposal', at: at('2026-01-08T10:00:00Z') },
      { tenantId: TENANT, dealId: 'D3', toStage: 'proposal', at: at('2026-01-20T10:00:00Z') },
      { tenantId: TENANT, dealId: 'D4', toStage: 'proposal', at: at('2026-01-14T10:00:00Z') },
    ],
  });
  const act = { tenantId: TENANT, source: 'csv' };
  await p.activity.createMany({
    data: [
      {
        ...act,
        externalId: 'A1',
        type: 'meeting',
        occurredAt: at('2026-01-12T10:00:00Z'),
        repId: 'rep-1',
        leadId: 'L1',
      },
      {
        ...act,
        externalId: 'A2',
        type: 'meeting',
        occurredAt: at('2026-01-14T10:00:00Z'),
        repId: 'rep-1',
        leadId: 'L1',
      },
      {
        ...act,
        externalId: 'A3',
        type: 'meeting',
        occurredAt: at('2026-01-13T10:00:00Z'),
        repId: 'rep-2',
        dealId: 'D3',
      },
      { ...act, externalId: 'A4', type: 'call', occurredAt: at('2026-01-13T11:00:00Z'), repId: 'rep-2' },
      {
        ...act,
        externalId: 'A5',
        type: 'meeting',
        occurredAt: at('2026-01-09T10:00:00Z'),
        repId: 'rep-2',
        leadId: 'L2',
        deletedAt: at('2026-01-10T10:00:00Z'),
      },
      {
        ...act,
        externalId: 'A6',
        type: 'meeting',
        occurredAt: at('2026-01-16T10:00:00Z'),
        repId: 'rep-2',
        leadId: 'L2',
      },
    ],
  });
  const survey = { tenantId: TENANT, source: 'csv', at: at('2026-01-15T10:00:00Z'), repId: 'rep-1' };
  await p.survey.createMany({
    data: [
      { ...survey, externalId: 'S1', kind: 'nps', score: 10 },
      { ...survey, externalId: 'S2', kind: 'nps', score: 9 },
      { ...survey, externalId: 'S3', kind: 'nps', score: 7 },
      { ...survey, externalId: 'S4', kind: 'nps', score: 3 },
      { ...survey, externalId: 'S5', kind: 'csat', score: 5 },
      { ...survey, externalId: 'S6', kind: 'csat', score: 3 },
    ],
  });
  await p.account.create({
    data: {
      tenantId: TENANT,
      source: 'csv',
      externalId: 'AC1',
      name: 'Acme',
      ownerRepId: 'rep-2',
      firstWonAt: at('2026-01-15T10:00:00Z'),
    },
  });
  await p.campaignDaily.createMany({
    data: [
      { tenantId: TENANT, campaignId: 'camp-1', day: at('2026-01-11'), sent: 100, cost: 50.5 },
      { tenantId: TENANT, campaignId: 'camp-1', day: at('2026-02-01'), sent: 50, cost: 10 },
    ],
  });
  await p.webTrafficDaily.createMany({
    data: [
      { tenantId: TENANT, day: at('2026-01-11'), source: 'google / organic', sessions: 30, users: 20 },
      { tenantId: TENANT, day: at('2026-01-11'), source: 'direct', sessions: 10, users: 10 },
    ],
  });
}

const JANUARY = { from: parisDay('2026-01-01'), to: parisDay('2026-02-01') };

/** The process zone must not matter: every day is computed in the tenant's zone. */
const cases = databaseKinds.flatMap((kind) =>
  ['UTC', 'Pacific/Chatham'].map((processTz) => [kind, processTz] as const),
);

describe.each(cases)('rollups on a hand-checked fixture (%s, process TZ %s)', (kind, processTz) => {
  let t: TestDatabase;
  const savedTz = process.env.TZ;
  const query = (q: Partial<MeasureQuery> & { measures: MeasureName[] }): MeasureQuery => ({
    tenantId: TENANT,
    tz: TZ,
    ...JANUARY,
    ...q,
  });

  beforeAll(async () => {
    process.env.TZ = processTz;
    t = await createTestDatabase(kind);
    await seed(t.db);
    await recomputeRollups(t.db, TENANT, { full: true });
  });
  afterAll(async () => {
    process.env.TZ = savedTz;
    await t?.dispose();
  });

  it.each<[string, MeasureName, number]>([
    ['leads created', 'leads_created', 3],
    ['leads qualified', 'leads_qualified', 2],
    ['leads converted', 'leads_converted', 1],
    ['leads converted within 30 days, on creation day', 'leads_converted_30d', 1],
    ['deals created', 'deals_created', 3],
    ['amount of deals created (null amount → 0)', 'deals_created_amount', 1500],
    ['proposals sent', 'proposals_sent', 2],
    ['proposals read', 'proposals_read', 1],
    ['proposals followed up', 'proposals_followed_up', 1],
    ['hours to follow-up', 'proposal_followup_hours', 30],
    ['deals won (deleted deal excluded)', 'deals_won', 2],
    ['revenue won', 'revenue_won', 1000],
    ['days to win, summed', 'won_cycle_days', 20.5],
    ['deals lost', 'deals_lost', 1],
    ['amount lost', 'amount_lost', 500],
    ['stage changes (deleted deal excluded)', 'stage_entered', 3],
    ['meetings (deleted excluded)', 'meetings', 4],
    ['first meetings per lead, or per deal', 'first_meetings', 3],
    ['calls', 'calls', 1],
    ['new customers', 'new_customers', 1],
    ['NPS answers', 'nps_responses', 4],
    ['promoters', 'nps_promoters', 2],
    ['detractors', 'nps_detractors', 1],
    ['CSAT answers', 'csat_responses', 2],
    ['satisfied', 'csat_satisfied', 1],
    ['emails sent', 'email_sent', 100],
    ['marketing cost', 'marketing_cost', 50.5],
    ['web sessions', 'web_sessions', 40],
    ['web users', 'web_users', 30],
    ['nothing counts', 'churned_customers', 0],
  ])('January in Paris: %s', async (_label, measure, expected) => {
    const rolled = await readMeasures(t.db, query({ measures: [measure] }));
    expect(rolled.source).toBe('rollup');
    expect(rolled.totals[measure]).toBeCloseTo(expected, 9);
    expect((await rawMeasures(t.db, query({ measures: [measure] }))).totals[measure]).toBeCloseTo(
      expected,
      9,
    );
  });

  it('counts a lead created 23:30 UTC on the next Paris day', async () => {
    expect(new Date(0).getTimezoneOffset() === 0).toBe(processTz === 'UTC');
    const day = (d: string) => ({ from: parisDay(d), to: parisDay(`2026-01-${Number(d.slice(8)) + 1}`) });
    const on10 = await readMeasures(t.db, query({ measures: ['leads_created'], ...day('2026-01-10') }));
    const on11 = await readMeasures(
      t.db,
      query({ measures: ['leads_created', 'email_sent'], ...day('2026-01-11') }),
    );
    expect(on10).toEqual({ source: 'rollup', totals: { leads_created: 1 }, groups: [] });
    expect(on11).toEqual({ source: 'rollup', totals: { leads_created: 2, email_sent: 100 }, groups: [] });
    // The UTC day is not a Paris day: answered from the raw tables, by instants.
    const utc = await readMeasures(
      t.db,
      query({
        measures: ['leads_created', 'email_sent'],
        from: at('2026-01-11T00:00:00Z'),
        to: at('2026-01-12T00:00:00Z'),
      }),
    );
    expect(utc).toEqual({ source: 'raw', totals: { leads_created: 1, email_sent: 0 }, groups: [] });
  });

  it('breaks down by team and by channel, with fallbacks and NONE', async () => {
    const byTeam = await readMeasures(
      t.db,
      query({ measures: ['leads_created', 'revenue_won', 'deals_won'], groupBy: 'teamId' }),
    );
    expect(byTeam.source).toBe('rollup');
    expect(byTeam.groups).toEqual([
      { key: 'team-a', values: { leads_created: 2, revenue_won: 1000, deals_won: 2 } },
      { key: 'team-b', values: { leads_created: 1, revenue_won: 0, deals_won: 0 } },
    ]);
    const byChannel = await readMeasures(
      t.db,
      query({ measures: ['meetings', 'deals_won'], groupBy: 'channel' }),
    );
    expect(byChannel.groups).toEqual([
      { key: '', values: { meetings: 1, deals_won: 0 } },
      { key: 'emailing', values: { meetings: 1, deals_won: 0 } },
      { key: 'events', values: { meetings: 0, deals_won: 1 } },
      { key: 'web_form', values: { meetings: 2, deals_won: 1 } },
    ]);
    const proposalStage = await readMeasures(
      t.db,
      query({ measures: ['stage_entered'], filters: { stage: 'proposal' }, groupBy: 'teamId' }),
    );
    expect(proposalStage.totals).toEqual({ stage_entered: 2 });
    expect(proposalStage.groups.map((g) => [g.key, g.values.stage_entered])).toEqual([
      ['team-a', 1],
      ['team-b', 1],
    ]);
    const noOwner = await readMeasures(
      t.db,
      query({
        measures: ['leads_created'],
        filters: { teamId: '' },
        from: parisDay('2026-02-01'),
        to: parisDay('2026-03-01'),
      }),
    );
    expect(noOwner.totals).toEqual({ leads_created: 1 });
  });

  it('reads across months, from the epoch, and in another zone', async () => {
    const cross = await readMeasures(
      t.db,
      query({
        measures: ['leads_created', 'email_sent'],
        from: parisDay('2026-01-11'),
        to: parisDay('2026-02-02'),
      }),
    );
    expect(cross).toEqual({ source: 'rollup', totals: { leads_created: 3, email_sent: 150 }, groups: [] });
    const sinceEpoch = await readMeasures(
      t.db,
      query({
        measures: ['deals_created_amount', 'revenue_won', 'amount_lost'],
        from: new Date(0),
        to: parisDay('2026-02-01'),
      }),
    );
    expect(sinceEpoch).toEqual({
      source: 'mixed',
      totals: { deals_created_amount: 1500, revenue_won: 1000, amount_lost: 500 },
      groups: [],
    });
    const toNow = await readMeasures(
      t.db,
      query({ measures: ['leads_created'], from: parisDay('2026-01-01'), to: at('2026-01-11T09:00:00Z') }),
    );
    expect(toNow).toEqual({ source: 'mixed', totals: { leads_created: 2 }, groups: [] });
    const otherZone = await readMeasures(
      t.db,
      query({ measures: ['leads_created'], tz: 'UTC', from: at('2026-01-11'), to: at('2026-01-12') }),
    );
    expect(otherZone).toEqual({ source: 'raw', totals: { leads_created: 1 }, groups: [] });
  });

  it('refuses an unknown tenant and an unknown zone', async () => {
    await expect(recomputeRollups(t.db, 'no-such-tenant')).rejects.toBeInstanceOf(UnknownTenantError);
    await expect(
      readMeasures(t.db, query({ measures: ['leads_created'], tz: 'Mars/Olympus' })),
    ).rejects.toThrow(/Unknown time zone/);
  });

  it('falls back to the raw tables when no grouping covers the filters', async () => {
    const q = query({ measures: ['leads_created'], filters: { repId: 'rep-1', channel: 'web_form' } });
    expect(await readMeasures(t.db, q)).toEqual({ source: 'raw', totals: { leads_created: 1 }, groups: [] });
  });

  it('stores every grouping set with the same totals as the tenant-wide rows', async () => {
    for (const grouping of ROLLUP_GROUPINGS) {
      const slice = DIMENSIONS.map((d) => (grouping.includes(d) ? `"${d}" <> '*'` : `"${d}" = '*'`)).join(
        ' AND ',
      );
      const mismatches = await t.db.prisma.$queryRawUnsafe<unknown[]>(
        `WITH g AS (SELECT measure, day, sum(value) AS v FROM "MetricDaily" WHERE "tenantId" = $1 AND ${slice} GROUP BY 1, 2),
              a AS (SELECT measure, day, value AS v FROM "MetricDaily" WHERE "tenantId" = $1
                    AND "repId" = '*' AND "teamId" = '*' AND channel = '*' AND "campaignId" = '*' AND stage = '*')
         SELECT * FROM g FULL JOIN a USING (measure, day) WHERE abs(coalesce(g.v, 0) - coalesce(a.v, 0)) > 1e-9`,
        TENANT,
      );
      expect(mismatches, grouping.join('+')).toEqual([]);
    }
    const measures = await t.db.prisma.$queryRawUnsafe<{ measure: string }[]>(
      'SELECT DISTINCT measure FROM "MetricDaily" WHERE "tenantId" = $1 ORDER BY 1',
      TENANT,
    );
    expect(measures.every((m) => (MEASURE_NAMES as string[]).includes(m.measure))).toBe(true);
  });
});
