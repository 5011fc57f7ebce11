/**
 * The sync ingest benchmark's baselines: the same canonical leads written by the fastest plain means PostgreSQL
 * offers, with no upsert, owner matching, dirty days or cursor: a COPY FROM STDIN (text format) streamed in one
 * statement, and an INSERT … SELECT FROM unnest of 50,000 rows a statement in one transaction.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CanonicalLead } from '../../src/connectors/types.ts';

export const UNNEST_STATEMENT = 50_000;
const COPY_CHUNK = 1_000;

export interface BaselineSource {
  tenantId: string;
  source: string;
  rows: number;
  lead: (i: number) => CanonicalLead;
  /** Vendor owner ids (without the source prefix), in the order the reps are created. */
  owners: readonly string[];
}

/** Creates the tenant and its reps (not timed), then times `write` with the owner id → rep id map. */
async function timedWrite(
  url: string,
  from: BaselineSource,
  write: (client: pg.Client, repIds: ReadonlyMap<string, string>) => Promise<void>,
): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`INSERT INTO "Tenant" (id, name, "updatedAt") VALUES ($1, $1, now())`, [
      from.tenantId,
    ]);
    const reps = await client.query<{ id: string; owner: string }>(
      `INSERT INTO "Rep" (id, "tenantId", name, "crmOwnerIds", "updatedAt")
       SELECT gen_random_uuid()::text, $1, 'Owner ' || o, ARRAY[$2 || ':' || o], now() FROM unnest($3::text[]) AS o
       RETURNING id, "crmOwnerIds"[1] AS owner`,
      [from.tenantId, from.source, from.owners],
    );
    const repIds = new Map(reps.rows.map((r) => [r.owner.slice(from.source.length + 1), r.id]));
    const started = performance.now();
    await write(client, repIds);
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is NULL. */
function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** Milliseconds of one COPY "Lead" FROM STDIN of every row, generated as it streams. */
export function copyLeads(url: string, from: BaselineSource): Promise<number> {
  return timedWrite(url, from, async (client, repIds) => {
    async function* lines(): AsyncGenerator<string> {
      for (let start = 0; start < from.rows; start += COPY_CHUNK) {
        let chunk = '';
        for (let i = start; i < Math.min(from.rows, start + COPY_CHUNK); i++) {
          const l = from.lead(i);
          chunk += `${[
            from.tenantId,
            from.source,
            l.externalId,
            l.name,
            l.email,
            l.channel,
            l.createdAt.toISOString(),
            l.qualifiedAt?.toISOString(),
            l.owner ? repIds.get(l.owner) : null,
          ]
            .map(copyText)
            .join('\t')}\n`;
        }
        yield chunk;
      }
    }
    await pipeline(
      Readable.from(lines()),
      client.query(
        copyFrom(
          `COPY "Lead" ("tenantId", source, "externalId", name, email, channel, "createdAt", "qualifiedAt", "ownerRepId")
           FROM STDIN`,
        ),
      ),
    );
  });
}

/** Milliseconds of INSERT … SELECT FROM unnest($n::type[]…), UNNEST_STATEMENT rows a statement, one transaction. */
export function unnestLeads(url: string, from: BaselineSource): Promise<number> {
  return timedWrite(url, from, async (client, repIds) => {
    await client.query('BEGIN');
    for (let start = 0; start < from.rows; start += UNNEST_STATEMENT) {
      const batch = Array.from({ length: Math.min(UNNEST_STATEMENT, from.rows - start) }, (_, k) =>
        from.lead(start + k),
      );
      await client.query(
        `INSERT INTO "Lead" ("tenantId", source, "externalId", name, email, channel, "createdAt", "qualifiedAt", "ownerRepId")
         SELECT $1, $2, u.e, u.n, u.m, u.c, u.t, u.q, u.o
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::text[])
           AS u(e, n, m, c, t, q, o)`,
        [
          from.tenantId,
          from.source,
          batch.map((l) => l.externalId),
          batch.map((l) => l.name),
          batch.map((l) => l.email),
          batch.map((l) => l.channel),
          batch.map((l) => l.createdAt.toISOString()),
          batch.map((l) => l.qualifiedAt?.toISOString() ?? null),
          batch.map((l) => (l.owner ? (repIds.get(l.owner) ?? null) : null)),
        ],
      );
    }
    await client.query('COMMIT');
  });
}
