import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AggregateReads, DailyReads, type Slice } from '../../../src/app/alerts/read-plan.ts';
import { readTermValues } from '../../../src/app/term-values.ts';
import { builtinCatalog, type MeasureTerm } from '../../../src/core/metrics/index.ts';
import { recomputeRollups } from '../../../src/store/rollups/index.ts';
import { localMidnight } from '../../../src/store/rollups/local-days.ts';
import { readDailyMeasures } from '../../../src/store/rollups/read-daily-measures.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { localDay, prng, seedRandomData, TEAMS, TENANT, TZ } from '../rollups/random-data.ts';

const catalog = builtinCatalog();
const terms: MeasureTerm[] = ['leads', 'win_rate', 'revenue_signed', 'pipeline_value'].flatMap(
  (name) => catalog.get(name)!.terms,
);
const scope = { tenantId: TENANT, tz: TZ, rollupTz: TZ };
const sorted = (m: ReadonlyMap<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

describe.each(databaseKinds)('shared alert reads on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedRandomData(t.db.prisma, prng(7));
    await recomputeRollups(t.db, TENANT, { full: true });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.each([
    ['whole days', { start: localMidnight(localDay(20), TZ), end: localMidnight(localDay(55), TZ) }],
    // A range ending inside a day: its last hours come from the raw tables.
    [
      'a partial day at the end',
      {
        start: localMidnight(localDay(60), TZ),
        end: new Date(localMidnight(localDay(71), TZ).getTime() + 13.5 * 3600_000),
      },
    ],
  ])(
    'by-rep slices of the tenant and of each team, over %s: one read, the figures of their own reads',
    async (_, range) => {
      const slices: Slice[] = [
        { filters: {}, groupBy: 'repId' },
        ...TEAMS.map((team) => ({ filters: { teamId: team }, groupBy: 'repId' as const })),
      ];
      const agg = new AggregateReads(scope);
      const handles = slices.map((slice) => agg.want(range, slice, terms));
      // A slice that is not a by-rep breakdown keeps its own read.
      agg.want(range, { filters: {}, groupBy: 'teamId' }, terms);
      expect(agg.size).toBe(2);
      await agg.run(t.db, 2);
      for (const [i, slice] of slices.entries()) {
        const own = await readTermValues(t.db, {
          ...scope,
          ...range,
          filters: slice.filters,
          terms,
          groupBy: 'repId',
        });
        const read = agg.reader(handles[i]!);
        const close = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) => {
          const [x, y] = [sorted(a), sorted(b)];
          expect(x.map(([k]) => k)).toEqual(y.map(([k]) => k));
          for (const [j, [, v]] of x.entries()) expect(v).toBeCloseTo(y[j]![1], 6);
        };
        close(read({ group: null }), own.totals);
        expect(agg.groups(handles[i]!).sort()).toEqual([...own.groups.keys()].filter((k) => k !== '').sort());
        for (const [rep, values] of own.groups) close(read({ group: rep }), values);
        expect(own.groups.size).toBeGreaterThan(1);
      }
    },
  );

  it('day by day too: the by-rep slices of the tenant and of each team read once, each day their own figures', async () => {
    const leads = catalog.get('leads')!.terms;
    const only = [localDay(31), localDay(38), localDay(45), localDay(59)];
    const days = { from: localDay(30), to: localDay(60), only };
    const slices: Slice[] = [
      { filters: {}, groupBy: 'repId' },
      ...TEAMS.map((team) => ({ filters: { teamId: team }, groupBy: 'repId' as const })),
    ];
    const daily = new DailyReads(scope);
    const handles = slices.map((slice) => daily.want(days, slice, leads));
    expect(daily.size).toBe(1);
    await daily.run(t.db, 2);
    let compared = 0;
    for (const [i, slice] of slices.entries()) {
      const own = await readDailyMeasures(t.db, {
        ...scope,
        measures: ['leads_created'],
        days: { from: days.from, to: days.to },
        only,
        filters: slice.filters,
        groupBy: 'repId',
      });
      expect(own.rows.every((r) => only.includes(r.day))).toBe(true);
      const read = daily.reader(handles[i]!);
      for (const row of own.rows) {
        expect(read(row.day, { group: row.key }).get('leads_created') ?? 0).toBeCloseTo(row.value, 6);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
