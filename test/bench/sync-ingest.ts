/**
 * Sync ingest: rows per second upserted into PostgreSQL through runSync (one transaction per page of 1,000 canonical
 * leads: owner matching, upsert on (tenant, source, externalId), dirty days, cursor) from a fake source, against a
 * raw bulk insert of the same rows in the same database: INSERT … SELECT FROM unnest($1::text[], …), 50,000 rows a
 * statement in one transaction. (A real COPY needs pg-copy-streams, which is not installed.)
 */
import pg from 'pg';
import { runSync } from '../../src/app/run-sync.ts';
import type { CanonicalLead, Connector, SyncPage } from '../../src/connectors/types.ts';
import { createTestDatabase } from '../support/databases.ts';
import { benchContext } from './bench-context.ts';
import { ratio, seconds, textTable } from './text-table.ts';

const OWNERS = 20;
/** Page sizes timed: 1,000 (a typical CRM API page) and 5,000 (what a connector can batch into one page). */
const PAGES = [1_000, 5_000] as const;
const BASELINE_STATEMENT = 50_000;
const CHANNELS = ['web_form', 'emailing', 'referral', 'events', 'paid_search'];
const START = Date.UTC(2025, 0, 1);
const SPAN_MS = 540 * 86_400_000;

export interface SyncIngestResult {
  rows: number;
  syncs: { page: number; ms: number }[];
  baselineMs: number;
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
    owner: `o${i % OWNERS}`,
    qualifiedAt: i % 3 === 0 ? new Date(createdAt.getTime() + 2 * 86_400_000) : null,
  };
}

function benchSource(rows: number, page: number): Connector {
  return {
    source: 'benchcrm',
    streams: [
      {
        name: 'owners',
        async *pages(): AsyncGenerator<SyncPage> {
          const reps = Array.from({ length: OWNERS }, (_, o) => ({
            name: `Owner ${o}`,
            email: `owner${o}@example.com`,
            crmOwnerId: `o${o}`,
          }));
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

async function rawInsert(url: string, tenantId: string, rows: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO "Tenant" (id, name, "updatedAt") VALUES ($1, $1, now())`, [tenantId]);
    const owners = await client.query<{ id: string }>(
      `INSERT INTO "Rep" ("id", "tenantId", name, email, "crmOwnerIds", "updatedAt")
       SELECT gen_random_uuid()::text, $1, 'Owner ' || o, 'owner' || o || '@example.com', ARRAY['benchcrm:o' || o], now()
       FROM generate_series(0, $2 - 1) AS o ORDER BY o RETURNING id`,
      [tenantId, OWNERS],
    );
    const ownerIds = owners.rows.map((r) => r.id);
    for (let from = 0; from < rows; from += BASELINE_STATEMENT) {
      const batch = Array.from({ length: Math.min(BASELINE_STATEMENT, rows - from) }, (_, k) =>
        lead(from + k, rows),
      );
      await client.query(
        `INSERT INTO "Lead" ("tenantId", source, "externalId", name, email, channel, "createdAt", "qualifiedAt", "ownerRepId")
         SELECT $1, 'benchcrm', u.e, u.n, u.m, u.c, u.t, u.q, u.o
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[])
           AS u(e, n, m, c, t, q, o)`,
        [
          tenantId,
          batch.map((l) => l.externalId),
          batch.map((l) => l.name),
          batch.map((l) => l.email),
          batch.map((l) => l.channel),
          batch.map((l) => l.createdAt.toISOString()),
          batch.map((l) => l.qualifiedAt?.toISOString() ?? null),
          batch.map((_, k) => ownerIds[(from + k) % OWNERS]),
        ],
      );
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** Runs both in a fresh database (dropped after); scale 1.0 = 1,000,000 leads. */
export async function benchSyncIngest(scale: number): Promise<SyncIngestResult> {
  const rows = Math.max(PAGES[1], Math.round(1_000_000 * scale));
  const test = await createTestDatabase('postgres');
  try {
    const ctx = benchContext(test.db, test.url!);
    const syncs: SyncIngestResult['syncs'] = [];
    for (const page of PAGES) {
      const started = performance.now();
      const outcome = await runSync(ctx, {
        tenantId: `bench-sync-${page}`,
        connector: benchSource(rows, page),
      });
      syncs.push({ page, ms: performance.now() - started });
      if (outcome.status === 'skipped' || outcome.inserted !== rows + OWNERS) {
        throw new Error(`sync wrote ${JSON.stringify(outcome)}, expected ${rows + OWNERS} rows`);
      }
    }
    const baselineStarted = performance.now();
    await rawInsert(test.url!, 'bench-raw', rows);
    const baselineMs = performance.now() - baselineStarted;
    return { rows, syncs, baselineMs };
  } finally {
    await test.dispose();
  }
}

export function formatSyncIngest(r: SyncIngestResult): string {
  const n = (v: number) => v.toLocaleString('en');
  const rate = (ms: number) => `${n(Math.round(r.rows / (ms / 1000)))} rows/s`;
  const share = (ms: number) => `${((r.baselineMs / ms) * 100).toFixed(0)}%`;
  const first = r.syncs[0]!;
  return [
    textTable(
      ['path', 'rows', 'time', 'rate', 'of raw'],
      [
        ...r.syncs.map((s) => [
          `runSync, pages of ${n(s.page)}`,
          n(r.rows),
          seconds(s.ms),
          rate(s.ms),
          share(s.ms),
        ]),
        [
          `raw INSERT … unnest, ${n(BASELINE_STATEMENT)} a statement`,
          n(r.rows),
          seconds(r.baselineMs),
          rate(r.baselineMs),
          '100%',
        ],
      ],
    ),
    `runSync with pages of ${n(first.page)} reaches ${share(first.ms)} of the raw insert rate (target ≥ 50%): ` +
      `${r.baselineMs / first.ms >= 0.5 ? 'met' : 'NOT met'}; raw is ${ratio(first.ms / r.baselineMs)} faster.`,
  ].join('\n');
}
