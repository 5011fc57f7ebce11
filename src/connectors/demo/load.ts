import { randomUUID } from 'node:crypto';
import { IANAZone } from 'luxon';
import type { Database } from '../../store/database.ts';
import { markDirtyDays, markDirtyLocalDays } from '../../store/dirty-days.ts';
import { ensureTenant, type TenantDefaults } from '../../store/tenants.ts';
import { type DemoCompany, type DemoOptions, generateDemoCompany } from './generate.ts';
import { insertRows, type Tx } from './insert-rows.ts';

export const DEMO_SOURCE = 'demo';

export interface LoadDemoOptions extends DemoOptions {
  onProgress?: (message: string) => void;
  /** Defaults for a tenant created by the load (its zone is `tz`). */
  tenantDefaults?: Partial<Omit<TenantDefaults, 'tz'>>;
}

/** The record lists of a DemoCompany; `counts` uses these names. */
export type DemoRecordKind = Exclude<keyof DemoCompany, 'stories'>;

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
  const ids = new Map<string, string>();
  const idOf = (ref: string) => {
    let id = ids.get(ref);
    if (id === undefined) {
      id = randomUUID();
      ids.set(ref, id);
    }
    return id;
  };
  const ref = (r: string | null) => (r === null ? null : idOf(r));
  const source = DEMO_SOURCE;
  const now = new Date();
  const counts: Record<string, number> = {};
  const write = async (kind: DemoRecordKind, table: string, rows: Record<string, unknown>[]) => {
    progress(`Writing ${rows.length.toLocaleString('en')} ${table} rows…`);
    counts[kind] = await insertRows(tx, table, rows);
  };

  await write(
    'teams',
    'Team',
    company.teams.map((t) => ({
      id: idOf(t.externalId),
      tenantId,
      name: t.name,
      managerRepId: idOf(t.managerRepRef),
      source,
      externalId: t.externalId,
      updatedAt: now,
    })),
  );
  await write(
    'reps',
    'Rep',
    company.reps.map((r) => ({
      id: idOf(r.externalId),
      tenantId,
      name: r.name,
      email: r.email,
      teamId: ref(r.teamRef),
      role: r.role,
      crmOwnerIds: r.crmOwnerIds,
      updatedAt: now,
    })),
  );
  await write(
    'campaigns',
    'Campaign',
    company.campaigns.map((c) => ({
      id: idOf(c.externalId),
      tenantId,
      source,
      externalId: c.externalId,
      channel: c.channel,
      name: c.name,
      cost: c.cost,
      startedAt: c.startedAt,
    })),
  );
  await write(
    'accounts',
    'Account',
    company.accounts.map((a) => ({
      id: idOf(a.externalId),
      tenantId,
      source,
      externalId: a.externalId,
      name: a.name,
      ownerRepId: idOf(a.ownerRepRef),
      firstWonAt: a.firstWonAt,
      churnedAt: a.churnedAt,
    })),
  );
  await write(
    'leads',
    'Lead',
    company.leads.map((l) => ({
      id: idOf(l.externalId),
      tenantId,
      source,
      externalId: l.externalId,
      name: l.name,
      email: l.email,
      company: l.company,
      createdAt: l.createdAt,
      channel: l.channel,
      campaignId: ref(l.campaignRef),
      ownerRepId: idOf(l.ownerRepRef),
      qualifiedAt: l.qualifiedAt,
      convertedAt: l.convertedAt,
      lostAt: l.lostAt,
    })),
  );
  await write(
    'deals',
    'Deal',
    company.deals.map((d) => ({
      id: idOf(d.externalId),
      tenantId,
      source,
      externalId: d.externalId,
      name: d.name,
      accountId: idOf(d.accountRef),
      ownerRepId: idOf(d.ownerRepRef),
      teamId: idOf(d.teamRef),
      stage: d.stage,
      status: d.status,
      amount: d.amount,
      currency: d.currency,
      createdAt: d.createdAt,
      proposalSentAt: d.proposalSentAt,
      proposalReadAt: d.proposalReadAt,
      proposalFollowedUpAt: d.proposalFollowedUpAt,
      closedAt: d.closedAt,
      leadId: idOf(d.leadRef),
      channel: d.channel,
      campaignId: ref(d.campaignRef),
    })),
  );
  await write(
    'stageChanges',
    'DealStageChange',
    company.stageChanges.map((s) => ({
      tenantId,
      dealId: idOf(s.dealRef),
      fromStage: s.fromStage,
      toStage: s.toStage,
      at: s.at,
    })),
  );
  await write(
    'activities',
    'Activity',
    company.activities.map((a) => ({
      tenantId,
      source,
      externalId: a.externalId,
      type: a.type,
      occurredAt: a.occurredAt,
      repId: idOf(a.repRef),
      leadId: ref(a.leadRef),
      dealId: ref(a.dealRef),
    })),
  );
  await write(
    'surveys',
    'Survey',
    company.surveys.map((s) => ({
      tenantId,
      source,
      externalId: s.externalId,
      kind: s.kind,
      score: s.score,
      at: s.at,
      repId: idOf(s.repRef),
      accountId: idOf(s.accountRef),
    })),
  );
  await write(
    'campaignDaily',
    'CampaignDaily',
    company.campaignDaily.map(({ campaignRef, ...day }) => ({
      tenantId,
      campaignId: idOf(campaignRef),
      ...day,
    })),
  );
  await write(
    'webTraffic',
    'WebTrafficDaily',
    company.webTraffic.map((w) => ({ tenantId, ...w })),
  );
  await write(
    'objectives',
    'Objective',
    company.objectives.map((o) => ({
      tenantId,
      metric: o.metric,
      scopeType: o.scopeType,
      scopeId: o.scopeRef === null ? '' : idOf(o.scopeRef),
      grain: o.grain,
      periodStart: o.periodStart,
      target: o.target,
    })),
  );
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
