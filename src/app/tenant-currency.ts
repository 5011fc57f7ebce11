import type { Prisma } from '../store/database.ts';

const cache = new Map<string, { currency: string; at: number }>();
const TTL_MS = 10 * 60_000;

/** The currency money figures are shown in: the tenant's most common deal currency (EUR when none is known). */
export async function tenantCurrency(prisma: Prisma, tenantId: string, now = Date.now()): Promise<string> {
  const hit = cache.get(tenantId);
  if (hit && now - hit.at < TTL_MS) return hit.currency;
  const rows = await prisma.deal.groupBy({
    by: ['currency'],
    where: { tenantId, currency: { not: null } },
    _count: { _all: true },
    orderBy: { _count: { currency: 'desc' } },
    take: 1,
  });
  const currency = rows[0]?.currency && /^[A-Z]{3}$/.test(rows[0].currency) ? rows[0].currency : 'EUR';
  cache.set(tenantId, { currency, at: now });
  return currency;
}
