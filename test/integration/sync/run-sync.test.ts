import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.ts';
import { runSync, SyncFailedError, type SyncOutcome } from '../../../src/app/run-sync.ts';
import { adminNotices, pendingAdminNotices } from '../../../src/app/sync/admin-notices.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { FakeSource, seedFakeSource } from './fake-connector.ts';
import { dataChecksum, newTenantId } from './sync-test-kit.ts';

function done(outcome: SyncOutcome) {
  if (outcome.status === 'skipped') throw new Error('expected a run, got skipped');
  return outcome;
}

/** A full sync, changes at the source, an incremental sync, then a full one: the same on both databases. */
async function syncsThenUpdates(t: TestDatabase, ctx: AppContext) {
  const tenantId = newTenantId('sync-incr');
  const source = new FakeSource({ pageSize: 40 });
  seedFakeSource(source, { owners: 3, leads: 250 });
  const first = done(await runSync(ctx, { tenantId, connector: source.connector() }));
  expect(first).toMatchObject({
    status: 'succeeded',
    inserted: 3 + 250 + 83,
    updated: 0,
    deleted: 0,
    rejected: 0,
  });
  expect(first.pages).toBe(1 + 7 + 3);
  const p = t.db.prisma;
  expect(await p.lead.count({ where: { tenantId } })).toBe(250);
  expect(await p.deal.count({ where: { tenantId } })).toBe(83);
  // Owners matched by CRM id ("fakecrm:u2"), never created again from deals and leads.
  expect(await p.rep.count({ where: { tenantId } })).toBe(3);
  const lead7 = await p.lead.findFirstOrThrow({ where: { tenantId, externalId: 'L7' } });
  const owner = await p.rep.findUniqueOrThrow({ where: { id: lead7.ownerRepId! } });
  expect(owner).toMatchObject({ name: 'Owner 2', crmOwnerIds: ['fakecrm:u2'] });
  // Stage history: 2 moves per won deal (41 of them: i multiple of 6), 1 per open one (42).
  expect(await p.dealStageChange.count({ where: { tenantId } })).toBe(41 * 2 + 42);
  const cursors = await p.syncCursor.findMany({ where: { tenantId }, orderBy: { entity: 'asc' } });
  expect(cursors.map((c) => c.entity)).toEqual(['deals', 'leads', 'owners']);
  expect(await p.rollupDirtyDay.count({ where: { tenantId } })).toBeGreaterThan(0);
  const run = await p.syncRun.findUniqueOrThrow({ where: { id: first.runId } });
  expect(run).toMatchObject({ status: 'succeeded', source: 'fakecrm', inserted: 336 });

  // Changes at the source: 5 updated, 2 deleted, 3 new.
  for (const i of [1, 2, 3, 4, 5])
    source.putLead({ ...source.leads.get(`L${i}`)!.record, name: `Lead ${i} (renamed)` });
  source.deleteLead('L10');
  source.deleteLead('L11');
  for (const i of [251, 252, 253])
    source.putLead({ externalId: `L${i}`, createdAt: new Date('2026-11-20T10:00:00Z'), owner: 'u1' });
  const servedBefore = source.served.get('leads')!;
  const second = done(await runSync(ctx, { tenantId, connector: source.connector() }));
  expect(second).toMatchObject({ status: 'succeeded', inserted: 3, updated: 5, deleted: 2, rejected: 0 });
  expect(source.served.get('leads')! - servedBefore).toBe(1);
  expect(await p.lead.count({ where: { tenantId } })).toBe(253);
  expect(await p.lead.count({ where: { tenantId, deletedAt: { not: null } } })).toBe(2);
  expect((await p.lead.findFirstOrThrow({ where: { tenantId, externalId: 'L3' } })).name).toBe(
    'Lead 3 (renamed)',
  );

  // A full re-sync rewrites the same rows: nothing doubled, the deletions stay.
  const before = await dataChecksum(t.db, tenantId);
  const full = done(await runSync(ctx, { tenantId, connector: source.connector(), full: true }));
  expect(full.inserted).toBe(0);
  expect(await dataChecksum(t.db, tenantId)).toEqual(before);
}

describe('runSync (real PostgreSQL)', () => {
  let t: TestDatabase;
  let ctx: AppContext;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    ctx = testContext(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('syncs everything, then only what changed: updates in place, deletions soft, cursors per stream', async () => {
    await syncsThenUpdates(t, ctx);
  });

  it('revives a record the source sends again after deleting it', async () => {
    const tenantId = newTenantId('sync-revive');
    const source = new FakeSource();
    seedFakeSource(source, { owners: 1, leads: 3 });
    await runSync(ctx, { tenantId, connector: source.connector() });
    source.deleteLead('L2');
    expect(done(await runSync(ctx, { tenantId, connector: source.connector() })).deleted).toBe(1);
    source.putLead({ externalId: 'L2', createdAt: new Date('2026-10-03T09:00:00Z'), name: 'Back' });
    await runSync(ctx, { tenantId, connector: source.connector() });
    const lead = await t.db.prisma.lead.findFirstOrThrow({ where: { tenantId, externalId: 'L2' } });
    expect(lead).toMatchObject({ deletedAt: null, name: 'Back' });
  });

  it('rides out a 429 storm without losing or doubling a record', async () => {
    const tenantId = newTenantId('sync-429');
    const control = newTenantId('sync-429-control');
    const seed = (s: FakeSource) => seedFakeSource(s, { owners: 2, leads: 300 });
    const stormy = new FakeSource({ pageSize: 20, throttle: { every: 2, retryAfterMs: 5 } });
    const calm = new FakeSource({ pageSize: 20 });
    seed(stormy);
    seed(calm);
    const waits: number[] = [];
    const outcome = done(
      await runSync(ctx, {
        tenantId,
        connector: stormy.connector(),
        onProgress: (p) => p.waitingMs !== undefined && waits.push(p.waitingMs),
      }),
    );
    await runSync(ctx, { tenantId: control, connector: calm.connector() });
    expect(stormy.throttledPages.size).toBeGreaterThan(8);
    expect(waits.length).toBe(stormy.throttledPages.size);
    expect(outcome).toMatchObject({ status: 'succeeded', inserted: 2 + 300 + 100, rejected: 0 });
    const [a, b] = [await dataChecksum(t.db, tenantId), await dataChecksum(t.db, control)];
    expect(a).toEqual(b);
  });

  it('caps a long Retry-After and gives up after too many throttles in a row', async () => {
    const tenantId = newTenantId('sync-429-cap');
    const source = new FakeSource({ pageSize: 50, throttle: { every: 1, retryAfterMs: 600_000 } });
    seedFakeSource(source, { owners: 1, leads: 100 });
    // Capped at 5 ms a wait: an uncapped 10-minute Retry-After would show as this test's timeout.
    await runSync(ctx, { tenantId, connector: source.connector(), rateLimit: { maxWaitMs: 5 } });

    const hopeless = {
      source: 'fakecrm',
      streams: [
        {
          name: 'leads',
          // biome-ignore lint/correctness/useYield: a stream that is always throttled
          async *pages() {
            throw new (await import('../../../src/connectors/types.ts')).RateLimitedError('429', 1);
          },
        },
      ],
    };
    await expect(
      runSync(ctx, { tenantId, connector: hopeless, rateLimit: { maxRetries: 3, maxWaitMs: 1 } }),
    ).rejects.toThrow(/429/);
  });

  it('bad credentials: the run fails, the admins get one notice across runs, a success clears it', async () => {
    const tenantId = newTenantId('sync-auth');
    const source = new FakeSource({ badCredentials: true });
    seedFakeSource(source, { owners: 1, leads: 5 });
    const first = await runSync(ctx, {
      tenantId,
      connector: source.connector(),
      now: () => new Date('2026-11-20T08:00:00Z'),
    }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(SyncFailedError);
    expect((first as SyncFailedError).permanent).toBe(true);
    const run = await t.db.prisma.syncRun.findUniqueOrThrow({
      where: { id: (first as SyncFailedError).runId },
    });
    expect(run.status).toBe('failed');
    expect(JSON.stringify(run.errors)).toContain('401 Unauthorized');
    await expect(
      runSync(ctx, { tenantId, connector: source.connector(), now: () => new Date('2026-11-20T08:15:00Z') }),
    ).rejects.toThrow(SyncFailedError);
    const notices = await pendingAdminNotices(t.db.prisma, tenantId);
    expect(notices).toEqual([
      {
        source: 'fakecrm',
        error: '401 Unauthorized: the access token was revoked',
        at: '2026-11-20T08:00:00.000Z',
        deliveredAt: null,
      },
    ]);
    expect(await t.db.prisma.syncRun.count({ where: { tenantId, status: 'failed' } })).toBe(2);

    source.options.badCredentials = false;
    done(await runSync(ctx, { tenantId, connector: source.connector() }));
    expect(await adminNotices(t.db.prisma, tenantId)).toEqual([]);
  });

  it('refuses bad records with the reason and keeps the rest (partial run)', async () => {
    const tenantId = newTenantId('sync-bad');
    const source = new FakeSource();
    seedFakeSource(source, { owners: 1, leads: 6 });
    source.putDeal({ externalId: 'Dbad', createdAt: new Date('2026-10-01T00:00:00Z'), status: 'won' });
    source.putLead({ externalId: 'Lbad', createdAt: new Date('not a date') });
    const outcome = done(await runSync(ctx, { tenantId, connector: source.connector() }));
    expect(outcome).toMatchObject({ status: 'partial', rejected: 2, inserted: 1 + 6 + 2 });
    const run = await t.db.prisma.syncRun.findUniqueOrThrow({ where: { id: outcome.runId } });
    expect(run.status).toBe('partial');
    expect(run.errors).toEqual([
      {
        stream: 'leads',
        kind: 'leads',
        record: 'Lbad',
        reason: 'createdAt: not a valid date (Invalid Date)',
      },
      { stream: 'deals', kind: 'deals', record: 'Dbad', reason: 'closedAt is required for a won deal' },
    ]);
  });

  it('a page the database refuses is written record by record: the bad record rejected, the rest kept', async () => {
    const tenantId = newTenantId('sync-refused');
    const day = (d: string, sent: number) => ({ externalId: 'C1', name: 'Autumn', day: d, sent, opens: 1 });
    const connector = {
      source: 'fakecrm',
      streams: [
        {
          name: 'campaigns',
          async *pages() {
            // 3 billion does not fit the int4 column: no field rule catches it, PostgreSQL does (22003).
            yield {
              records: { campaigns: [day('2026-11-02', 10), day('2026-11-03', 3e9), day('2026-11-04', 12)] },
              cursor: 'c1',
            };
          },
        },
      ],
    };
    const outcome = done(await runSync(ctx, { tenantId, connector }));
    expect(outcome).toMatchObject({ status: 'partial', inserted: 2, rejected: 1 });
    const run = await t.db.prisma.syncRun.findUniqueOrThrow({ where: { id: outcome.runId } });
    expect(JSON.stringify(run.errors)).toMatch(/refused by the database: .*out of range/);
    const cursor = await t.db.prisma.syncCursor.findFirstOrThrow({ where: { tenantId } });
    expect(cursor.cursor).toBe('c1');
  });

  it('runs one sync per tenant and source at a time; a second one is skipped, not failed', async () => {
    const tenantId = newTenantId('sync-lock');
    const source = new FakeSource({ pageSize: 10, pageDelayMs: 30 });
    seedFakeSource(source, { owners: 1, leads: 60 });
    const [a, b] = await Promise.all([
      runSync(ctx, { tenantId, connector: source.connector() }),
      new Promise((r) => setTimeout(r, 100)).then(() =>
        runSync(ctx, { tenantId, connector: source.connector() }),
      ),
    ]);
    expect(a.status).toBe('succeeded');
    expect(b).toEqual({ status: 'skipped', reason: 'already_running', tenantId, source: 'fakecrm' });
    // Another tenant is not held up by it.
    const other = new FakeSource({ pageSize: 10, pageDelayMs: 30 });
    seedFakeSource(other, { owners: 1, leads: 30 });
    const both = await Promise.all([
      runSync(ctx, { tenantId: newTenantId('sync-lock-a'), connector: other.connector() }),
      runSync(ctx, { tenantId: newTenantId('sync-lock-b'), connector: other.connector() }),
    ]);
    expect(both.map((o) => o.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('closes the row of a run that died mid-way when the next run starts', async () => {
    const tenantId = newTenantId('sync-dead');
    await t.db.prisma.tenant.create({ data: { id: tenantId, name: tenantId } });
    const dead = await t.db.prisma.syncRun.create({ data: { tenantId, source: 'fakecrm' } });
    const source = new FakeSource();
    seedFakeSource(source, { owners: 1, leads: 2 });
    await runSync(ctx, { tenantId, connector: source.connector() });
    const row = await t.db.prisma.syncRun.findUniqueOrThrow({ where: { id: dead.id } });
    expect(row.status).toBe('failed');
    expect(JSON.stringify(row.errors)).toContain('interrupted');
  });
});

describe('runSync on the embedded database (PGlite)', () => {
  let t: TestDatabase;
  let ctx: AppContext;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    ctx = testContext(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('syncs everything, then only what changed, through the same page transactions', async () => {
    await syncsThenUpdates(t, ctx);
  });
});
