import { IANAZone } from 'luxon';
import type { Database } from '../../store/database.ts';
import { markDirtyDays, markDirtyLocalDays } from '../../store/dirty-days.ts';
import { ensureTenant, type TenantDefaults } from '../../store/tenants.ts';
import { type DemoCompany, type DemoOptions, generateDemoCompany } from './generate.ts';
import { insertRows, type Tx } from './insert-rows.ts';
import { demoTableRows } from './table-rows.ts';

export const DEMO_SOURCE = 'demo';

export interface LoadDemoOptions extends DemoOptions {
  onProgress?: (message: string) => void;
  /** Defaults for a tenant created by the load (its zone is `tz`). */
  tenantDefaults?: Partial<Omit<TenantDefaults, 'tz'>>;
}

export interface LoadDemoResult {
  /** false when the tenant already had the demo: nothing was written. */
  loaded: boolean;
  /** Rows written per record kind, e.g. counts.leads (or those of the earlier load). */
  counts: Record<string, number>;
}

const TRANSACTION = { maxWait: 30_000, timeout: 10 * 60_000 };

/**
 * Writes the demo company into a tenant, once. Everything goes in one transaction together with the dirty-day
 * journal and the succeeded SyncRun that marks the tenant as loaded, so a crash leaves no half company and a
 * second call (even a concurrent one, thanks to the advisory lock) is a no-op. The company is generated in the
 * tenant's own zone, which `tz` only sets when the tenant is new.
 */
export async function loadDemoData(
  db: Database,
  tenantId: string,
  opts: LoadDemoOptions,
): Promise<LoadDemoResult> {
  const progress = opts.onProgress ?? (() => {});
  // Before the tenant row exists: a bad zone must not become a tenant's setting.
  if (!IANAZone.isValidZone(opts.tz)) throw new RangeError(`Unknown IANA time zone: ${opts.tz}`);
  const defaults = {
    lang: 'en' as const,
    weekStart: 1,
    fiscalYearStart: 1,
    ...opts.tenantDefaults,
    tz: opts.tz,
  };
  // ensureTenant's upsert is not atomic: when two first loads race, the loser's insert hits the primary key and a
  // second call finds the row.
  const tenant = await ensureTenant(db.prisma, tenantId, defaults).catch((error: unknown) => {
    if ((error as { code?: unknown }).code !== 'P2002') throw error;
    return ensureTenant(db.prisma, tenantId, defaults);
  });
  const earlier = await previousLoad(db.prisma, tenantId);
  if (earlier) return { loaded: false, counts: earlier };

  const startedAt = new Date();
  progress('Generating the demo company…');
  const company = generateDemoCompany({ ...opts, tz: tenant.tz });
  try {
    return await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', `kpibot-demo:${tenantId}`);
      const concurrent = await previousLoad(tx, tenantId);
      if (concurrent) return { loaded: false, counts: concurrent };
      const counts = await writeCompany(tx, tenantId, company, progress);
      progress('Marking the days to roll up…');
      await markDirtyDays(tx, tenantId, tenant.tz, datesOf(company));
      await markDirtyLocalDays(tx, tenantId, [
        ...company.campaignDaily.map((r) => r.day),
        ...company.webTraffic.map((r) => r.day),
      ]);
      await tx.syncRun.create({
        data: {
          tenantId,
          source: DEMO_SOURCE,
          status: 'succeeded',
          startedAt,
          finishedAt: new Date(),
          inserted: Object.values(counts).reduce((a, b) => a + b, 0),
          detail: {
            counts,
            today: opts.today.toISOString(),
            tz: tenant.tz,
            seed: opts.seed ?? null,
            months: opts.months ?? null,
            stories: JSON.parse(JSON.stringify(company.stories)),
          },
        },
      });
      return { loaded: true, counts };
    }, TRANSACTION);
  } catch (error) {
    await db.prisma.syncRun
      .create({
        data: {
          tenantId,
          source: DEMO_SOURCE,
          status: 'failed',
          startedAt,
          finishedAt: new Date(),
          errors: [{ error: error instanceof Error ? error.message : String(error) }],
        },
      })
      .catch(() => {});
    throw error;
  }
}

/** The counts of an earlier successful load, or null. */
async function previousLoad(
  client: Pick<Tx, 'syncRun'>,
  tenantId: string,
): Promise<Record<string, number> | null> {
  const run = await client.syncRun.findFirst({
    where: { tenantId, source: DEMO_SOURCE, status: 'succeeded' },
    orderBy: { startedAt: 'desc' },
  });
  if (!run) return null;
  const counts = (run.detail as { counts?: Record<string, number> } | null)?.counts;
  return counts ?? {};
}

async function writeCompany(
  tx: Tx,
  tenantId: string,
  company: DemoCompany,
  progress: (message: string) => void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { kind, table, rows } of demoTableRows(company, tenantId, DEMO_SOURCE, new Date())) {
    progress(`Writing ${rows.length.toLocaleString('en')} ${table} rows…`);
    counts[kind] = await insertRows(tx, table, rows);
  }
  return counts;
}

/** Every instant the company writes: each is a local day the rollups must recompute. */
function datesOf(company: DemoCompany): (Date | null)[] {
  return [
    ...company.leads.flatMap((l) => [l.createdAt, l.qualifiedAt, l.convertedAt, l.lostAt]),
    ...company.deals.flatMap((d) => [
      d.createdAt,
      d.proposalSentAt,
      d.proposalReadAt,
      d.proposalFollowedUpAt,
      d.closedAt,
    ]),
    ...company.stageChanges.map((s) => s.at),
    ...company.activities.map((a) => a.occurredAt),
    ...company.accounts.flatMap((a) => [a.firstWonAt, a.churnedAt]),
    ...company.surveys.map((s) => s.at),
  ];
}
