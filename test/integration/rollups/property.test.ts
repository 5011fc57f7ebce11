import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dimension,
  MEASURE_NAMES,
  type MeasureName,
  ROLLUP_GROUPINGS,
} from '../../../src/core/metrics/measures.ts';
import type { Database } from '../../../src/store/database.ts';
import { markDirtyDays, markDirtyLocalDays } from '../../../src/store/dirty-days.ts';
import {
  type MeasureQuery,
  type MeasureResult,
  rawMeasures,
  readMeasures,
  recomputeRollups,
} from '../../../src/store/rollups/index.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';
import {
  CAMPAIGNS,
  CHANNELS,
  DAYS,
  localDay,
  prng,
  REPS,
  type Rng,
  randomActivity,
  randomDeal,
  randomInstant,
  randomLead,
  randomStageChange,
  STAGES,
  seedRandomData,
  TEAMS,
  TENANT,
  TZ,
  WEB_SOURCES,
} from './random-data.ts';

const SEED = 20261122;

const DIMENSION_VALUES: Record<Dimension, string[]> = {
  repId: [...REPS, ''],
  teamId: [...TEAMS, ''],
  channel: [...CHANNELS, ...WEB_SOURCES, 'paid_search', ''],
  campaignId: [...CAMPAIGNS.map(([id]) => id), ''],
  stage: [...STAGES, ''],
};

/** A day-aligned query over a random slice of the span (and a little outside it), covered by some grouping. */
function randomQuery(r: Rng): MeasureQuery {
  const measures = Array.from({ length: r.int(1, 5) }, () => r.pick(MEASURE_NAMES));
  const start = r.int(-5, DAYS);
  const length = r.chance(0.3) ? r.int(1, 7) : r.int(8, 110);
  const grouping = r.pick(ROLLUP_GROUPINGS);
  const filters: Partial<Record<Dimension, string>> = {};
  for (const d of grouping) if (r.chance(0.35)) filters[d] = r.pick(DIMENSION_VALUES[d]);
  const free = grouping.filter((d) => filters[d] === undefined);
  return {
    tenantId: TENANT,
    tz: TZ,
    measures,
    from: DateTime.fromISO(localDay(start), { zone: TZ }).toJSDate(),
    to: DateTime.fromISO(localDay(start + length), { zone: TZ }).toJSDate(),
    filters,
    groupBy: free.length > 0 && r.chance(0.6) ? r.pick(free) : null,
  };
}

function expectSameFigures(actual: MeasureResult, expected: MeasureResult, context: string) {
  const close = (a: number | undefined, b: number | undefined, what: string) => {
    expect(a, `${context} ${what}`).toBeTypeOf('number');
    expect(Math.abs(a! - b!), `${context} ${what}: ${a} vs ${b}`).toBeLessThanOrEqual(
      1e-6 * Math.max(1, Math.abs(b!)),
    );
  };
  expect(Object.keys(actual.totals).sort(), context).toEqual(Object.keys(expected.totals).sort());
  for (const [m, v] of Object.entries(expected.totals)) close(actual.totals[m], v, m);
  expect(
    actual.groups.map((g) => g.key),
    context,
  ).toEqual(expected.groups.map((g) => g.key));
  expected.groups.forEach((g, i) => {
    for (const [m, v] of Object.entries(g.values)) close(actual.groups[i]?.values[m], v, `${g.key}/${m}`);
  });
}

async function checkQueries(db: Database, r: Rng, count: number) {
  let nonZero = 0;
  for (let i = 0; i < count; i++) {
    const q = randomQuery(r);
    const context = JSON.stringify({ ...q, from: q.from.toISOString(), to: q.to.toISOString() });
    const [rolled, raw] = await Promise.all([readMeasures(db, q), rawMeasures(db, q)]);
    expect(rolled.source, context).toBe('rollup');
    expectSameFigures(rolled, raw, context);
    if (Object.values(raw.totals).some((v) => v !== 0)) nonZero++;
  }
  // The property means little if most random queries find nothing.
  expect(nonZero).toBeGreaterThan(count / 2);
}

type RollupRow = { t: string; key: string; value: number };
async function rollupSnapshot(db: Database): Promise<RollupRow[]> {
  return db.prisma.$queryRawUnsafe<RollupRow[]>(
    `SELECT t, key, value FROM (
       SELECT 'd' AS t, concat_ws('|', measure, day, "repId", "teamId", channel, "campaignId", stage) AS key, value
       FROM "MetricDaily" WHERE "tenantId" = $1
       UNION ALL
       SELECT 'm', concat_ws('|', measure, month, "repId", "teamId", channel, "campaignId", stage), value
       FROM "MetricMonthly" WHERE "tenantId" = $1) AS s
     ORDER BY t, key`,
    TENANT,
  );
}

/** Changes ~5% of the rows the way a sync would, marking the old and the new dates of every row it touches. */
async function mutate(db: Database, r: Rng, ids: Awaited<ReturnType<typeof seedRandomData>>) {
  const p = db.prisma;
  const mark = (dates: (Date | null | undefined)[]) => markDirtyDays(p, TENANT, TZ, dates);
  const leadDates = (l: {
    createdAt: Date;
    qualifiedAt: Date | null;
    convertedAt: Date | null;
    lostAt: Date | null;
  }) => [l.createdAt, l.qualifiedAt, l.convertedAt, l.lostAt];
  for (let i = 0; i < 15; i++) {
    const old = await p.lead.findUniqueOrThrow({ where: { id: r.pick(ids.leadIds) } });
    const fresh = randomLead(r, old.id);
    const data = r.chance(0.5)
      ? { createdAt: fresh.createdAt, convertedAt: fresh.convertedAt, ownerRepId: fresh.ownerRepId }
      : {
          qualifiedAt: fresh.qualifiedAt,
          lostAt: fresh.lostAt,
          deletedAt: r.chance(0.3) ? new Date() : null,
        };
    const updated = await p.lead.update({ where: { id: old.id }, data });
    await mark([...leadDates(old), ...leadDates(updated)]);
  }
  for (let i = 0; i < 5; i++) {
    const lead = randomLead(r, `lead-new-${i}`);
    await p.lead.create({ data: lead });
    await mark(leadDates(lead));
  }
  const dealDates = (d: { createdAt: Date; proposalSentAt: Date | null; closedAt: Date | null }) => [
    d.createdAt,
    d.proposalSentAt,
    d.closedAt,
  ];
  for (let i = 0; i < 12; i++) {
    const old = await p.deal.findUniqueOrThrow({ where: { id: r.pick(ids.dealIds) } });
    const fresh = randomDeal(r, old.id, ids.leadIds);
    const data = r.chance(0.5)
      ? { amount: fresh.amount, status: fresh.status, closedAt: fresh.closedAt, createdAt: fresh.createdAt }
      : { ownerRepId: fresh.ownerRepId, teamId: fresh.teamId, deletedAt: r.chance(0.4) ? new Date() : null };
    const updated = await p.deal.update({ where: { id: old.id }, data });
    await mark([...dealDates(old), ...dealDates(updated)]);
  }
  for (let i = 0; i < 4; i++) {
    const deal = randomDeal(r, `deal-new-${i}`, ids.leadIds);
    await p.deal.create({ data: deal });
    await mark(dealDates(deal));
  }
  for (let i = 0; i < 25; i++) {
    const old = await p.activity.findUniqueOrThrow({ where: { id: `act-${r.int(0, 399)}` } });
    const data = r.chance(0.7)
      ? { occurredAt: randomInstant(r) }
      : { deletedAt: old.deletedAt ? null : new Date(), type: r.pick(['meeting', 'call'] as const) };
    const updated = await p.activity.update({ where: { id: old.id }, data });
    await mark([old.occurredAt, updated.occurredAt]);
  }
  for (let i = 0; i < 6; i++) {
    const activity = randomActivity(r, `act-new-${i}`, ids.meetingLeads, ids.meetingDeals);
    await p.activity.create({ data: activity });
    await mark([activity.occurredAt]);
  }
  for (let i = 0; i < 8; i++) {
    const change = randomStageChange(r, `sc-new-${i}`, ids.dealIds);
    await p.dealStageChange.create({ data: change });
    await mark([change.at]);
  }
  const gone = await p.dealStageChange.findMany({
    where: { tenantId: TENANT },
    take: 4,
    orderBy: { id: 'asc' },
  });
  await p.dealStageChange.deleteMany({ where: { id: { in: gone.map((g) => g.id) } } });
  await mark(gone.map((g) => g.at));
  for (let i = 0; i < 4; i++) {
    const old = await p.survey.findUniqueOrThrow({ where: { id: `sv-${r.int(0, 79)}` } });
    const updated = await p.survey.update({
      where: { id: old.id },
      data: { score: r.int(0, 10), at: randomInstant(r) },
    });
    await mark([old.at, updated.at]);
  }
  const campaignDays = await p.campaignDaily.findMany({ where: { tenantId: TENANT }, take: 4 });
  for (const cd of campaignDays) {
    await p.campaignDaily.update({
      where: { tenantId_campaignId_day: { tenantId: TENANT, campaignId: cd.campaignId, day: cd.day } },
      data: { cost: cd.cost + 12.34, sent: cd.sent + 7 },
    });
  }
  const webDays = await p.webTrafficDaily.findMany({ where: { tenantId: TENANT }, take: 4 });
  await p.webTrafficDaily.deleteMany({
    where: { tenantId: TENANT, OR: webDays.map((w) => ({ day: w.day, source: w.source })) },
  });
  await markDirtyLocalDays(
    p,
    TENANT,
    [...campaignDays, ...webDays].map((row) => row.day.toISOString().slice(0, 10)),
  );
}

describe.each(databaseKinds)('rollups equal the raw tables on random data (%s)', (kind) => {
  let t: TestDatabase;
  let ids: Awaited<ReturnType<typeof seedRandomData>>;
  const r = prng(SEED);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ids = await seedRandomData(t.db.prisma, r);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('after a full build', async () => {
    const result = await recomputeRollups(t.db, TENANT, { full: true });
    expect(result.days).toBeGreaterThanOrEqual(DAYS);
    expect(result.rows).toBeGreaterThan(0);
    await checkQueries(t.db, r, 40);
  });

  it('after ~5% of the rows change and an incremental recompute (run twice at once)', async () => {
    await mutate(t.db, r, ids);
    const dirty = await t.db.prisma.rollupDirtyDay.count({ where: { tenantId: TENANT } });
    expect(dirty).toBeGreaterThan(0);
    const [a, b] = await Promise.all([recomputeRollups(t.db, TENANT), recomputeRollups(t.db, TENANT)]);
    expect(a.days + b.days).toBeGreaterThanOrEqual(dirty);
    expect(await t.db.prisma.rollupDirtyDay.count({ where: { tenantId: TENANT } })).toBe(0);
    await checkQueries(t.db, r, 40);

    const incremental = await rollupSnapshot(t.db);
    await recomputeRollups(t.db, TENANT, { full: true });
    const full = await rollupSnapshot(t.db);
    expect(incremental.map((row) => `${row.t}|${row.key}`)).toEqual(full.map((row) => `${row.t}|${row.key}`));
    incremental.forEach((row, i) => {
      expect(Math.abs(row.value - full[i]!.value), row.key).toBeLessThanOrEqual(
        1e-6 * Math.max(1, Math.abs(row.value)),
      );
    });
  });

  it("rewrites only the dirty days, and the days where a lead's first meeting may have moved", async () => {
    // Days long after the random span (and its follow-up dates), so that nothing else lives on them.
    const at = (offset: number) => DateTime.fromISO(`${localDay(offset)}T10:00`, { zone: TZ }).toJSDate();
    const lead = randomLead(r, 'lead-solo');
    await t.db.prisma.lead.create({
      data: {
        ...lead,
        createdAt: at(425),
        qualifiedAt: null,
        convertedAt: null,
        lostAt: null,
        deletedAt: null,
      },
    });
    const meeting = (id: string, offset: number) => ({
      id,
      tenantId: TENANT,
      source: 'gen',
      externalId: id,
      type: 'meeting' as const,
      occurredAt: at(offset),
      repId: 'r2',
      leadId: 'lead-solo',
    });
    await t.db.prisma.activity.createMany({ data: [meeting('solo-1', 430), meeting('solo-2', 435)] });
    await markDirtyDays(t.db.prisma, TENANT, TZ, [at(425), at(430), at(435)]);
    expect((await recomputeRollups(t.db, TENANT)).days).toBe(3);

    await t.db.prisma.activity.create({ data: meeting('solo-0', 428) });
    await markDirtyDays(t.db.prisma, TENANT, TZ, [at(428)]);
    // Day 428 (the new first meeting) and day 430 (no longer the first); day 435 cannot change.
    expect((await recomputeRollups(t.db, TENANT)).days).toBe(2);
    const firsts = async (offset: number) => {
      const q = {
        tenantId: TENANT,
        tz: TZ,
        measures: ['first_meetings', 'meetings'] as MeasureName[],
        from: at(offset - 1),
        to: at(offset),
      };
      const day = {
        ...q,
        from: DateTime.fromJSDate(q.to, { zone: TZ }).startOf('day').toJSDate(),
        to: DateTime.fromJSDate(q.to, { zone: TZ }).plus({ days: 1 }).startOf('day').toJSDate(),
      };
      const result = await readMeasures(t.db, day);
      expect(result.source).toBe('rollup');
      expectSameFigures(result, await rawMeasures(t.db, day), `day ${offset}`);
      return result.totals;
    };
    expect(await firsts(428)).toEqual({ first_meetings: 1, meetings: 1 });
    expect(await firsts(430)).toEqual({ first_meetings: 0, meetings: 1 });
    expect(await firsts(435)).toEqual({ first_meetings: 0, meetings: 1 });
  });

  it('answers a range that is not made of whole local days from the raw tables, or mixed', async () => {
    const measures: MeasureName[] = ['leads_created', 'meetings', 'web_sessions'];
    const base = { tenantId: TENANT, tz: TZ, measures };
    const noon = DateTime.fromISO(`${localDay(20)}T12:00`, { zone: TZ });
    const within = { ...base, from: noon.toJSDate(), to: noon.plus({ hours: 6 }).toJSDate() };
    expect((await readMeasures(t.db, within)).source).toBe('raw');
    expectSameFigures(await readMeasures(t.db, within), await rawMeasures(t.db, within), 'within a day');
    for (const [from, to] of [
      [noon, noon.plus({ days: 45 })],
      [noon.startOf('day'), noon.plus({ days: 70 })],
      [DateTime.fromMillis(0), noon],
    ] as const) {
      const q = { ...base, from: from.toJSDate(), to: to.toJSDate(), groupBy: 'channel' as const };
      const result = await readMeasures(t.db, q);
      expect(result.source).toBe('mixed');
      expectSameFigures(result, await rawMeasures(t.db, q), `${from.toISO()} → ${to.toISO()}`);
    }
  });

  /** The last instant any row is dated on a local day (every timestamp column the measures count on). */
  async function lastInstantOn(offset: number): Promise<Date | null> {
    const from = DateTime.fromISO(localDay(offset), { zone: TZ });
    const columns: [string, string][] = [
      ['Lead', 'createdAt'],
      ['Lead', 'qualifiedAt'],
      ['Lead', 'convertedAt'],
      ['Lead', 'lostAt'],
      ['Deal', 'createdAt'],
      ['Deal', 'proposalSentAt'],
      ['Deal', 'closedAt'],
      ['DealStageChange', 'at'],
      ['Activity', 'occurredAt'],
      ['Account', 'firstWonAt'],
      ['Account', 'churnedAt'],
      ['Survey', 'at'],
    ];
    const [row] = await t.db.prisma.$queryRawUnsafe<{ at: Date | null }[]>(
      `SELECT max(x) AS at FROM (${columns
        .map(([table, column]) => `SELECT "${column}" AS x FROM "${table}" WHERE "tenantId" = $1`)
        .join(' UNION ALL ')}) AS c WHERE x >= $2::timestamptz AND x < $3::timestamptz`,
      TENANT,
      from.toISO(),
      from.plus({ days: 1 }).toISO(),
    );
    return row?.at ? new Date(row.at) : null;
  }

  it('reads a range ending now (the open day) exactly, whether or not rows are dated later that day', async () => {
    expect(await t.db.prisma.rollupDirtyDay.count({ where: { tenantId: TENANT } })).toBe(0);
    let open = 0;
    for (let i = 0; i < 30; i++) {
      const q = randomQuery(r);
      const offset = r.int(1, DAYS - 1);
      const day = DateTime.fromISO(localDay(offset), { zone: TZ });
      const last = await lastInstantOn(offset);
      // Half the time just after the day's last row (nothing later: the rollup serves the day), else mid-day.
      const end =
        last && r.chance(0.5)
          ? new Date(last.getTime() + 1)
          : day.plus({ milliseconds: r.int(1, 86_400_000 - 1) }).toJSDate();
      if (last && end > last) open++;
      const from = r.chance(0.2) ? day.toJSDate() : day.minus({ days: r.int(1, 40) }).toJSDate();
      const query = { ...q, from, to: end, now: end };
      const context = JSON.stringify({ ...query, from: from.toISOString(), to: end.toISOString() });
      const [rolled, raw] = await Promise.all([readMeasures(t.db, query), rawMeasures(t.db, query)]);
      expect(rolled.source, context).toBe('mixed');
      expectSameFigures(rolled, raw, context);
    }
    expect(open).toBeGreaterThan(5);
  });

  it('takes the open day from its rollup only when no row is dated later that day and no recompute is pending', async () => {
    const offset = 60;
    const day = localDay(offset);
    const last = (await lastInstantOn(offset))!;
    const now = new Date(last.getTime() + 1);
    const q = {
      tenantId: TENANT,
      tz: TZ,
      measures: ['leads_created'] as MeasureName[],
      from: DateTime.fromISO(localDay(offset - 2), { zone: TZ }).toJSDate(),
      to: now,
      now,
    };
    const today = { ...q, from: DateTime.fromISO(day, { zone: TZ }).toJSDate() };
    const tenantWide = `"tenantId" = $1 AND measure = 'leads_created' AND day = $2::date
      AND "repId" = '*' AND "teamId" = '*' AND channel = '*' AND "campaignId" = '*' AND stage = '*'`;
    // A doctored rollup row shows which source answered.
    const doctor = (delta: number) =>
      t.db.prisma.$executeRawUnsafe(
        `UPDATE "MetricDaily" SET value = value + ${delta} WHERE ${tenantWide}`,
        TENANT,
        day,
      );
    const raw = (await rawMeasures(t.db, q)).totals.leads_created!;
    const rawToday = (await rawMeasures(t.db, today)).totals.leads_created!;
    expect(await doctor(1000)).toBe(1);
    try {
      expect((await readMeasures(t.db, q)).totals.leads_created).toBe(raw + 1000);
      expect(await readMeasures(t.db, today)).toMatchObject({
        source: 'mixed',
        totals: { leads_created: rawToday + 1000 },
      });

      // A lead dated later that day: the day's rollup holds more than the range, so the raw rows answer.
      const lead = { ...randomLead(r, 'lead-later'), createdAt: new Date(now.getTime() + 60_000) };
      await t.db.prisma.lead.create({ data: { ...lead, deletedAt: null } });
      expect((await readMeasures(t.db, q)).totals.leads_created).toBe(raw);
      await t.db.prisma.lead.delete({ where: { id: 'lead-later' } });

      // A recompute pending anywhere: the rollups may be behind the raw rows, so the raw rows answer.
      await markDirtyLocalDays(t.db.prisma, TENANT, [localDay(5)]);
      expect((await readMeasures(t.db, q)).totals.leads_created).toBe(raw);
      expect((await readMeasures(t.db, today)).totals.leads_created).toBe(rawToday);
      await t.db.prisma.rollupDirtyDay.deleteMany({ where: { tenantId: TENANT } });

      // A range that ends before now is not the open day: its last day is always read raw.
      expect(
        (await readMeasures(t.db, { ...q, now: new Date(now.getTime() + 1) })).totals.leads_created,
      ).toBe(raw);
    } finally {
      await doctor(-1000);
    }
  });
});
