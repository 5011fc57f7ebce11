import { randomBytes } from 'node:crypto';
import type { Database } from '../../../src/store/database.ts';

export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function newTenantId(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

export function newQueuePrefix(): string {
  return `{kpibot-test-${randomBytes(4).toString('hex')}}`;
}

/**
 * What a tenant's synced data says, independent of generated ids: row counts and an md5 over every Lead and Deal
 * (owner by name, lead link by external id, deleted or not), plus the stage changes.
 */
export async function dataChecksum(db: Database, tenantId: string) {
  const [row] = await db.prisma.$queryRawUnsafe<
    { leads: number; deals: number; reps: number; changes: number; lead_sum: string; deal_sum: string }[]
  >(
    `SELECT
       (SELECT count(*)::int FROM "Lead" WHERE "tenantId" = $1) AS leads,
       (SELECT count(*)::int FROM "Deal" WHERE "tenantId" = $1) AS deals,
       (SELECT count(*)::int FROM "Rep" WHERE "tenantId" = $1) AS reps,
       (SELECT count(*)::int FROM "DealStageChange" WHERE "tenantId" = $1) AS changes,
       (SELECT md5(coalesce(string_agg(concat_ws('|', l.source, l."externalId", l.name, l.channel, l."createdAt",
                 l."qualifiedAt", l."convertedAt", l."lostAt", r.name, l."deletedAt" IS NULL), E'\\n'
                 ORDER BY l.source, l."externalId"), ''))
          FROM "Lead" l LEFT JOIN "Rep" r ON r.id = l."ownerRepId" WHERE l."tenantId" = $1) AS lead_sum,
       (SELECT md5(coalesce(string_agg(concat_ws('|', d.source, d."externalId", d.name, d.stage, d.status, d.amount,
                 d."createdAt", d."closedAt", r.name, l."externalId", d."deletedAt" IS NULL,
                 (SELECT string_agg(concat_ws('>', s."fromStage", s."toStage", s.at), ',' ORDER BY s.at, s."toStage")
                    FROM "DealStageChange" s WHERE s."dealId" = d.id)), E'\\n'
                 ORDER BY d.source, d."externalId"), ''))
          FROM "Deal" d LEFT JOIN "Rep" r ON r.id = d."ownerRepId" LEFT JOIN "Lead" l ON l.id = d."leadId"
          WHERE d."tenantId" = $1) AS deal_sum`,
    tenantId,
  );
  return row!;
}
