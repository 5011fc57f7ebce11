import type { Delivery, PrismaClient } from '../../generated/prisma/client.ts';
import type { AppContext } from '../context.ts';
import type { OutboundMessage } from './types.ts';

/** A Prisma client or an interactive transaction's client: the outbox only needs raw queries from it. */
export type OutboxClient = Pick<PrismaClient, '$queryRawUnsafe'>;

/** Adds deliver jobs for these delivery ids (the worker's queue); duplicates and already-sent ids are no-ops. */
export type DeliveryDispatch = (deliveryIds: string[]) => Promise<void>;

export class InvalidOutboundMessageError extends Error {
  readonly code = 'invalid_outbound_message';
}

/**
 * Writes the messages to the outbox: one Delivery row each, `INSERT … ON CONFLICT (tenantId, idempotencyKey) DO
 * NOTHING`, so enqueueing the same key twice (a retried producer, two workers evaluating the same alert) is one
 * message; the first content wins. Returns the delivery ids in the order of `messages` (existing or new).
 *
 * Give it the producer's transaction client (`prisma.$transaction(async (tx) => …)`) so that the producer's state
 * and its outbox rows commit together: a crash after the commit loses nothing (the rows are there, the sweeper
 * dispatches them), a crash before it leaves neither.
 */
export async function enqueueDeliveries(
  db: AppContext | OutboxClient,
  messages: readonly OutboundMessage[],
): Promise<string[]> {
  if (messages.length === 0) return [];
  const client: OutboxClient = 'db' in db ? db.db.prisma : db;
  for (const m of messages) validate(m);
  const column = <T>(pick: (m: OutboundMessage) => T) => messages.map(pick);
  await client.$queryRawUnsafe(
    `INSERT INTO "Delivery" ("tenantId", platform, target, "idempotencyKey", kind, op, "parentKey", payload)
     SELECT u.tenant, u.platform::"Platform", u.target, u.key, u.kind, u.op, u.parent, u.view::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       AS u(tenant, platform, target, key, kind, op, parent, view)
     ON CONFLICT ("tenantId", "idempotencyKey") DO NOTHING`,
    column((m) => m.tenantId),
    column((m) => m.platform),
    column((m) => m.target),
    column((m) => m.idempotencyKey),
    column((m) => m.kind),
    column((m) => m.op),
    column((m) => m.parentKey ?? null),
    column((m) => JSON.stringify(m.view ?? null)),
  );
  const rows = await client.$queryRawUnsafe<Array<{ id: string; tenantId: string; idempotencyKey: string }>>(
    `SELECT d.id, d."tenantId", d."idempotencyKey" FROM "Delivery" d
     JOIN unnest($1::text[], $2::text[]) AS u(tenant, key) ON d."tenantId" = u.tenant AND d."idempotencyKey" = u.key`,
    column((m) => m.tenantId),
    column((m) => m.idempotencyKey),
  );
  const ids = new Map(rows.map((r) => [`${r.tenantId}\u0000${r.idempotencyKey}`, r.id]));
  return messages.map((m) => {
    const id = ids.get(`${m.tenantId}\u0000${m.idempotencyKey}`);
    if (!id) throw new Error(`outbox: delivery ${m.idempotencyKey} was not written`);
    return id;
  });
}

/** The delivery a key names in a tenant (e.g. to read the Slack ts / Teams activity id of a posted root). */
export async function findDelivery(
  prisma: Pick<PrismaClient, 'delivery'>,
  tenantId: string,
  idempotencyKey: string,
): Promise<Delivery | null> {
  return prisma.delivery.findUnique({ where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } } });
}

function validate(m: OutboundMessage): void {
  const problem = !m.tenantId
    ? 'tenantId is empty'
    : !m.idempotencyKey
      ? 'idempotencyKey is empty'
      : !m.target
        ? 'target is empty'
        : !m.kind
          ? 'kind is empty'
          : m.platform !== 'slack' && m.platform !== 'teams'
            ? `platform must be slack or teams, not ${String(m.platform)}`
            : m.op !== 'post' && m.op !== 'update'
              ? `op must be post or update, not ${String(m.op)}`
              : m.op === 'update' && !m.parentKey
                ? 'an update needs parentKey (the key of the delivery that posted the message)'
                : m.parentKey === m.idempotencyKey
                  ? 'parentKey names the delivery itself'
                  : null;
  if (problem) throw new InvalidOutboundMessageError(`outbox: ${problem} (key ${m.idempotencyKey || '?'})`);
}
