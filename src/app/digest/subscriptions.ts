import { z } from 'zod';
import { DEFAULT_DIGEST_CRON } from '../../core/digest/schedule.ts';
import type { DigestSubscription, Platform } from '../../generated/prisma/client.ts';
import type { Prisma } from '../../store/database.ts';

/**
 * Digest subscriptions: one per channel or user (DigestSubscription is unique on tenant, platform, target), from
 * `/kpi digest subscribe`, `kpibot digest` or the KPIBOT_DIGESTS file. The worker keeps one BullMQ job scheduler
 * per subscription (jobs/digest.ts).
 */

/** What the `scope` column holds. */
export const digestScopeSchema = z.object({
  /** A team's digest (its id and name as resolved when subscribing); absent: the whole tenant. */
  teamId: z.string().nullish(),
  teamName: z.string().nullish(),
  /** A channel subscription that also sends each rep of the scope their own digest by DM. */
  dmReps: z.boolean().optional(),
  /** Who manages it: the KPIBOT_DIGESTS file's entries are replaced by the file at each start. */
  source: z.enum(['chat', 'file', 'cli']).optional(),
});
export type DigestScope = z.infer<typeof digestScopeSchema>;

export interface Subscription {
  id: string;
  tenantId: string;
  platform: Platform;
  target: string;
  isUser: boolean;
  cron: string;
  tz: string;
  scope: DigestScope;
  metrics: string[];
  lang: 'en' | 'fr' | null;
  createdBy: string | null;
}

export interface SubscribeInput {
  tenantId: string;
  platform: Platform;
  target: string;
  isUser: boolean;
  cron?: string | null | undefined;
  tz: string;
  scope: DigestScope;
  metrics?: string[] | undefined;
  lang?: 'en' | 'fr' | null | undefined;
  createdBy?: string | null | undefined;
}

/** Creates or replaces the subscription of this channel or user. */
export async function subscribe(prisma: Prisma, input: SubscribeInput): Promise<Subscription> {
  const key = { tenantId: input.tenantId, platform: input.platform, target: input.target };
  const data = {
    isUser: input.isUser,
    cron: input.cron ?? DEFAULT_DIGEST_CRON,
    tz: input.tz,
    scope: JSON.parse(JSON.stringify(input.scope)),
    metrics: input.metrics ?? [],
    lang: input.lang ?? null,
    createdBy: input.createdBy ?? null,
  };
  const row = await prisma.digestSubscription.upsert({
    where: { tenantId_platform_target: key },
    update: data,
    create: { ...key, ...data },
  });
  return toSubscription(row);
}

export async function listSubscriptions(
  prisma: Prisma,
  tenantId?: string | undefined,
): Promise<Subscription[]> {
  const rows = await prisma.digestSubscription.findMany({
    where: tenantId ? { tenantId } : {},
    orderBy: [{ tenantId: 'asc' }, { createdAt: 'asc' }],
  });
  return rows.map(toSubscription);
}

export async function findSubscription(
  prisma: Prisma,
  tenantId: string,
  ref: { id: string } | { platform: Platform; target: string },
): Promise<Subscription | null> {
  const row =
    'id' in ref
      ? await prisma.digestSubscription.findFirst({ where: { tenantId, id: ref.id } })
      : await prisma.digestSubscription.findUnique({
          where: { tenantId_platform_target: { tenantId, platform: ref.platform, target: ref.target } },
        });
  return row ? toSubscription(row) : null;
}

/** Removes the channel's or user's subscription; the removed one, or null when there was none. */
export async function unsubscribe(
  prisma: Prisma,
  tenantId: string,
  platform: Platform,
  target: string,
): Promise<Subscription | null> {
  const found = await findSubscription(prisma, tenantId, { platform, target });
  if (!found) return null;
  await prisma.digestSubscription.deleteMany({ where: { id: found.id, tenantId } });
  return found;
}

export function toSubscription(row: DigestSubscription): Subscription {
  const scope = digestScopeSchema.safeParse(row.scope ?? {});
  return {
    id: row.id,
    tenantId: row.tenantId,
    platform: row.platform,
    target: row.target,
    isUser: row.isUser,
    cron: row.cron,
    tz: row.tz,
    scope: scope.success ? scope.data : {},
    metrics: row.metrics,
    lang: row.lang === 'fr' || row.lang === 'en' ? row.lang : null,
    createdBy: row.createdBy,
  };
}
