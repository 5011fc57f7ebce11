import { DateTime } from 'luxon';
import type { AppContext } from '../../../src/app/context.ts';
import type { AlertRuleSpecInput } from '../../../src/core/alerts/index.ts';
import type { Database } from '../../../src/store/database.ts';
import { markDirtyDays } from '../../../src/store/dirty-days.ts';
import { recomputeRollups } from '../../../src/store/rollups/index.ts';
import { NOW, seedSalesTeam } from '../answers/sales-fixture.ts';

export { NOW };

/**
 * The answers' sales team (Paris: Alice, Bob, manager Marc; Lyon: Zoé; Diane admin; now Wed 18 Nov 2026 10:00
 * Paris, revenue objective 30,000 for November) plus, for alerts:
 * - web_form leads owned by Alice: 5 a day for the 9 weeks before now, 25 on Tue 17 Nov (an anomalous day);
 * - Slack accounts: Alice U_ALICE, Bob U_BOB, Marc U_MARC (mapped through ChatIdentity); Zoé has none;
 * - tenant settings: channel C_REPS shows rep figures, C_SALES does not (repVisibility team).
 */
export async function seedAlertTenant(db: Database, tenantId: string) {
  const seeded = await seedSalesTeam(db, tenantId);
  const p = db.prisma;
  const { alice, bob, marc } = seeded.reps;
  await p.chatIdentity.createMany({
    data: [
      { tenantId, platform: 'slack', userId: 'U_ALICE', repId: alice.id, email: alice.email },
      { tenantId, platform: 'slack', userId: 'U_BOB', repId: bob.id, email: bob.email },
      { tenantId, platform: 'slack', userId: 'U_MARC', repId: marc.id, email: marc.email },
    ],
  });
  await p.tenant.update({
    where: { id: tenantId },
    data: { settings: { channels: { C_REPS: { repDetail: true } } } },
  });
  const today = DateTime.fromJSDate(NOW, { zone: 'Europe/Paris' }).startOf('day');
  const leads: Array<{ day: DateTime; n: number }> = [];
  for (let d = 63; d >= 1; d--) {
    const day = today.minus({ days: d });
    leads.push({ day, n: d === 1 ? 25 : 5 });
  }
  await addLeads(db, tenantId, alice.id, 'web_form', leads);
  return seeded;
}

let serial = 0;

/** `n` leads of a channel on each day (at 11:00 Paris), owned by one rep; rollups recomputed. */
export async function addLeads(
  db: Database,
  tenantId: string,
  ownerRepId: string,
  channel: string,
  days: ReadonlyArray<{ day: DateTime; n: number }>,
) {
  const rows = days.flatMap(({ day, n }) =>
    Array.from({ length: n }, () => ({
      tenantId,
      source: 'fixture',
      externalId: `lead-${++serial}`,
      createdAt: day.set({ hour: 11 }).toJSDate(),
      channel,
      ownerRepId,
    })),
  );
  await db.prisma.lead.createMany({ data: rows });
  await markDirtyDays(
    db.prisma,
    tenantId,
    'Europe/Paris',
    rows.map((r) => r.createdAt),
  );
  await recomputeRollups(db, tenantId);
}

/** A won deal closed at `closedAt`, rollups recomputed. */
export async function addWonDeal(
  db: Database,
  tenantId: string,
  owner: { id: string; teamId: string | null },
  closedAt: Date,
  amount: number,
) {
  await db.prisma.deal.create({
    data: {
      tenantId,
      source: 'fixture',
      externalId: `won-${++serial}`,
      ownerRepId: owner.id,
      teamId: owner.teamId,
      status: 'won',
      amount,
      currency: 'EUR',
      createdAt: new Date('2026-10-01T10:00:00Z'),
      closedAt,
    },
  });
  await markDirtyDays(db.prisma, tenantId, 'Europe/Paris', [closedAt]);
  await recomputeRollups(db, tenantId);
}

export async function deliveries(ctx: AppContext, tenantId: string) {
  return ctx.db.prisma.delivery.findMany({ where: { tenantId }, orderBy: { idempotencyKey: 'asc' } });
}

export const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

/** Revenue signed over the last 7 days under 10,000, told in channel C_SALES: 7,000 at NOW, so it fires. */
export const REVENUE_UNDER_10K: AlertRuleSpecInput = {
  name: 'Revenue under 10k a week',
  metric: 'revenue_signed',
  condition: { kind: 'threshold', op: 'below', value: 10_000 },
  routing: [{ to: 'channel', platform: 'slack', id: 'C_SALES' }],
};
