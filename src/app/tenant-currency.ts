import { ClientCache } from '../store/client-cache.ts';
import type { Prisma } from '../store/database.ts';

const cache = new ClientCache<string>(10 * 60_000);

/** The currency money figures are shown in: the tenant's most common deal currency (EUR when none is known). */
export async function tenantCurrency(prisma: Prisma, tenantId: string, now = Date.now()): Promise<string> {
  const hit = cache.get(prisma, tenantId, now);
  if (hit) return hit;
  const rows = await prisma.deal.groupBy({
    by: ['currency'],
    where: { tenantId, currency: { not: null } },
    _count: { _all: true },
    orderBy: { _count: { currency: 'desc' } },
    take: 1,
  });
  const currency = rows[0]?.currency && /^[A-Z]{3}$/.test(rows[0].currency) ? rows[0].currency : 'EUR';
  cache.set(prisma, tenantId, currency, now);
  return currency;
}
