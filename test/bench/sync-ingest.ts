/**
 * Sync ingest: rows per second upserted into PostgreSQL through runSync (one transaction per page of canonical
 * leads: owner matching, upsert on (tenant, source, externalId), dirty days, cursor) from a fake source, against
 * a plain COPY FROM STDIN of the same rows in the same run and database (test/bench/sync-baselines.ts), and an
 * INSERT … unnest bulk insert as a second reference. Every path starts from an empty "Lead" table (same indexes)
 * after a CHECKPOINT, so none pays for another's writes; COPY runs first and last and the faster one is the
 * reference.
 */
import pg from 'pg';
import { runSync } from '../../src/app/run-sync.ts';
import type { CanonicalLead, Connector, SyncPage } from '../../src/connectors/types.ts';
import { createTestDatabase } from '../support/databases.ts';
import { benchContext } from './bench-context.ts';
import { type BaselineSource, copyLeads, UNNEST_STATEMENT, unnestLeads } from './sync-baselines.ts';
import { seconds, textTable } from './text-table.ts';

const SOURCE = 'benchcrm';
const OWNERS = Array.from({ length: 20 }, (_, o) => `o${o}`);
/** Page sizes timed: 1,000 (a typical CRM API page) and 5,000 (what a connector can batch into one page). */
const PAGES = [1_000, 5_000] as const;
const CHANNELS = ['web_form', 'emailing', 'referral', 'events', 'paid_search'];
const START = Date.UTC(2025, 0, 1);
const SPAN_MS = 540 * 86_400_000;
const TARGET = 0.5;

export interface SyncIngestResult {
  rows: number;
  copies: number[];
  unnestMs: number;
  syncs: { page: number; ms: number }[];
}

/** Records come in creation order, as a CRM pages them by id: a page spans a few days (18 months in all). */
function lead(i: number, rows: number): CanonicalLead {
  const createdAt = new Date(START + Math.floor((i / rows) * SPAN_MS));
  return {
    externalId: `L${i}`,
    createdAt,
    name: `Lead ${i}`,
    email: `lead${i}@example.com`,
    channel: CHANNELS[i % CHANNELS.length]!,
    owner: OWNERS[i % OWNERS.length]!,
    qualifiedAt: i % 3 === 0 ? new Date(createdAt.getTime() + 2 * 86_400_000) : null,
  };
}

function benchSource(rows: number, page: number): Connector {
  return {
    source: SOURCE,
    streams: [
      {
        name: 'owners',
        async *pages(): AsyncGenerator<SyncPage> {
          const reps = OWNERS.map((o) => ({ name: `Owner ${o}`, crmOwnerId: o }));
          yield { records: { reps }, cursor: 'all' };
        },
      },
      {
        name: 'leads',
        async *pages(cursor): AsyncGenerator<SyncPage> {
          for (let from = cursor === null ? 0 : Number(cursor); from < rows; from += page) {
            const leads: CanonicalLead[] = [];
            for (let i = from; i < Math.min(rows, from + page); i++) leads.push(lead(i, rows));
            yield { records: { leads }, cursor: String(from + leads.length) };
          }
        },
      },
    ],
  };
}

/** Each path writes into an empty table, with nothing of the previous one left to flush. */
async function emptyLeads(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('TRUNCATE "Lead", "RollupDirtyDay"');
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}

async function countLeads(url: string, tenantId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Lead" WHERE "tenantId" = $1 AND "ownerRepId" IS NOT NULL`,
      [tenantId],
    );
    return result.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** Runs every path in a fresh database (dropped after); scale 1.0 = 1,000,000 leads. */
export async function benchSyncIngest(scale: number): Promise<SyncIngestResult> {
  const rows = Math.max(PAGES[1], Math.round(1_000_000 * scale));
  const test = await createTestDatabase('postgres');
  const url = test.url!;
  const baseline = (tenantId: string): BaselineSource => ({
    tenantId,
    source: SOURCE,
    rows,
    lead: (i) => lead(i, rows),
    owners: OWNERS,
  });
  const checked = async (tenantId: string, ms: number) => {
    const written = await countLeads(url, tenantId);
    if (written !== rows) throw new Error(`${tenantId} wrote ${written} owned leads, expected ${rows}`);
    return ms;
  };
  try {
    const ctx = benchContext(test.db, url);
    const copies: number[] = [];
    await emptyLeads(url);
    copies.push(await checked('bench-copy-1', await copyLeads(url, baseline('bench-copy-1'))));
    await emptyLeads(url);
    const unnestMs = await checked('bench-unnest', await unnestLeads(url, baseline('bench-unnest')));
    const syncs: SyncIngestResult['syncs'] = [];
    for (const page of PAGES) {
      await emptyLeads(url);
      const tenantId = `bench-sync-${page}`;
      const started = performance.now();
      const outcome = await runSync(ctx, { tenantId, connector: benchSource(rows, page) });
      syncs.push({ page, ms: await checked(tenantId, performance.now() - started) });
      if (outcome.status === 'skipped' || outcome.inserted !== rows + OWNERS.length) {
        throw new Error(`sync wrote ${JSON.stringify(outcome)}, expected ${rows + OWNERS.length} rows`);
      }
    }
    await emptyLeads(url);
    copies.push(await checked('bench-copy-2', await copyLeads(url, baseline('bench-copy-2'))));
    return { rows, copies, unnestMs, syncs };
  } finally {
    await test.dispose();
  }
}

export function formatSyncIngest(r: SyncIngestResult): string {
  const n = (v: number) => v.toLocaleString('en');
  const copyMs = Math.min(...r.copies);
  const rate = (ms: number) => `${n(Math.round(r.rows / (ms / 1000)))} rows/s`;
  const share = (ms: number) => `${((copyMs / ms) * 100).toFixed(0)}%`;
  const line = (path: string, ms: number) => [path, n(r.rows), seconds(ms), rate(ms), share(ms)];
  return [
    textTable(
      ['path', 'rows', 'time', 'rate', 'of COPY'],
      [
        ...r.copies.map((ms, i) =>
          line(`COPY FROM STDIN, one statement (${i === 0 ? 'first' : 'last'})`, ms),
        ),
        line(`INSERT … unnest, ${n(UNNEST_STATEMENT)} a statement`, r.unnestMs),
        ...r.syncs.map((s) => line(`runSync, pages of ${n(s.page)}`, s.ms)),
      ],
    ),
    ...r.syncs.map(
      (s) =>
        `runSync with pages of ${n(s.page)}: ${share(s.ms)} of COPY's rate (target ≥ ${TARGET * 100}%): ` +
        `${copyMs / s.ms >= TARGET ? 'met' : 'NOT met'}.`,
    ),
    'COPY = the faster of its two runs; every path starts from an empty "Lead" table after a CHECKPOINT.',
  ].join('\n');
}
