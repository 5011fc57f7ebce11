import type { Database } from '../../../src/store/database.ts';
import { markDirtyDays } from '../../../src/store/dirty-days.ts';
import { recomputeRollups } from '../../../src/store/rollups/index.ts';

/**
 * A small hand-checked sales team in Europe/Paris. "Now" is Wednesday 18 Nov 2026 10:00 Paris.
 *
 * Last week (Mon 9 → Sun 15 Nov, Paris): won Alice 1000 + 3000, Bob 500, Zoe 2000 (4 won, 6500);
 *   lost Alice 1, Bob 2 + 1 closed 8 Nov 23:30 UTC (= 9 Nov 00:30 Paris) → 4 lost. Win rate 4 / 8 = 50 %.
 * The week before (2 → 8 Nov): Alice won 1 (400, 4 Nov), lost 3 → 25 %.
 * This week: Alice won 1500 closed 15 Nov 23:30 UTC (= 16 Nov 00:30 Paris, so NOT last week in Paris,
 *   but last week in New York, where last week ends 16 Nov 06:00 Paris).
 * Objective: revenue_signed, tenant, November 2026 = 30,000.
 */
export const NOW = new Date('2026-11-18T09:00:00Z');

export async function seedSalesTeam(db: Database, tenantId: string) {
  const p = db.prisma;
  await p.tenant.create({ data: { id: tenantId, name: 'Fixture', tz: 'Europe/Paris' } });
  const paris = await p.team.create({ data: { tenantId, name: 'Paris' } });
  const lyon = await p.team.create({ data: { tenantId, name: 'Lyon' } });
  const rep = (
    name: string,
    email: string,
    teamId: string | null,
    role: 'admin' | 'manager' | 'rep' = 'rep',
  ) => p.rep.create({ data: { tenantId, name, email, teamId, role } });
  const alice = await rep('Alice Martin', 'alice@acme.test', paris.id);
  const bob = await rep('Bob Durand', 'bob@acme.test', paris.id);
  const marc = await rep('Marc Petit', 'marc@acme.test', paris.id, 'manager');
  const zoe = await rep('Zoé Roux', 'zoe@acme.test', lyon.id);
  await rep('Diane Admin', 'dir@acme.test', null, 'admin');
  await p.team.update({ where: { id: paris.id }, data: { managerRepId: marc.id } });

  let n = 0;
  const deal = (
    owner: { id: string; teamId: string | null },
    status: 'won' | 'lost',
    closed: string,
    amount = 0,
  ) => ({
    tenantId,
    source: 'fixture',
    externalId: `d${++n}`,
    ownerRepId: owner.id,
    teamId: owner.teamId,
    status,
    amount,
    currency: 'EUR',
    createdAt: new Date('2026-10-01T10:00:00Z'),
    closedAt: new Date(closed),
  });
  const deals = [
    deal(alice, 'won', '2026-11-10T10:00:00Z', 1000),
    deal(alice, 'won', '2026-11-12T10:00:00Z', 3000),
    deal(alice, 'lost', '2026-11-13T10:00:00Z'),
    deal(bob, 'won', '2026-11-11T10:00:00Z', 500),
    deal(bob, 'lost', '2026-11-14T10:00:00Z'),
    deal(bob, 'lost', '2026-11-15T10:00:00Z'),
    deal(bob, 'lost', '2026-11-08T23:30:00Z'),
    deal(zoe, 'won', '2026-11-12T15:00:00Z', 2000),
    // The week before.
    deal(alice, 'won', '2026-11-04T10:00:00Z', 400),
    deal(alice, 'lost', '2026-11-03T10:00:00Z'),
    deal(alice, 'lost', '2026-11-05T10:00:00Z'),
    deal(alice, 'lost', '2026-11-06T10:00:00Z'),
    // This week in Paris, last week in New York.
    deal(alice, 'won', '2026-11-15T23:30:00Z', 1500),
  ];
  await p.deal.createMany({ data: deals });
  await p.objective.create({
    data: {
      tenantId,
      metric: 'revenue_signed',
      scopeType: 'tenant',
      grain: 'month',
      periodStart: new Date('2026-11-01'),
      target: 30000,
    },
  });
  await markDirtyDays(
    p,
    tenantId,
    'Europe/Paris',
    deals.flatMap((d) => [d.createdAt, d.closedAt]),
  );
  await recomputeRollups(db, tenantId);
  return { teams: { paris, lyon }, reps: { alice, bob, marc, zoe } };
}
