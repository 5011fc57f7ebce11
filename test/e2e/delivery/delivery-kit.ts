import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { findDelivery, type OutboundMessage } from '../../../src/app/delivery/index.ts';
import type { Delivery, PrismaClient } from '../../../src/generated/prisma/client.ts';
import type { FakeSlack, FakeSlackMessage } from '../../support/fake-slack.ts';

export const BOT_TOKEN = 'xoxb-delivery-test';
export const SLACK_TOKENS = {
  [BOT_TOKEN]: { teamId: 'T0DELIVER', teamName: 'Acme', botUserId: 'U0KPIBOT', botId: 'B0KPIBOT' },
};
export const SLACK_USERS = [
  {
    id: 'U0ADMIN',
    name: 'alice',
    email: 'alice@acme.test',
    locale: 'en-US',
    tz: 'Europe/Paris',
    realName: 'Alice Admin',
  },
];

/** A unique idempotency key per test, so tests of one file share a database without seeing each other. */
export function key(label: string): string {
  return `${label}:${randomBytes(4).toString('hex')}`;
}

export function notice(
  tenantId: string,
  idempotencyKey: string,
  extra: Partial<OutboundMessage> = {},
): OutboundMessage {
  return {
    tenantId,
    platform: 'slack',
    target: 'C0SALES',
    idempotencyKey,
    kind: 'notice',
    op: 'post',
    view: { kind: 'info', lang: 'en', title: `Notice ${idempotencyKey}`, lines: ['One line'] },
    ...extra,
  };
}

/** Waits until the delivery reaches a final status and returns its row. */
export async function settled(
  prisma: PrismaClient,
  tenantId: string,
  idempotencyKey: string,
): Promise<Delivery> {
  await expect
    .poll(async () => (await findDelivery(prisma, tenantId, idempotencyKey))?.status, { timeout: 20_000 })
    .toMatch(/^(sent|failed|superseded)$/);
  return (await findDelivery(prisma, tenantId, idempotencyKey)) as Delivery;
}

/** The messages in the fake's conversations that this delivery posted (by the metadata every post carries). */
export function postsOf(fake: FakeSlack, deliveryId: string): Array<FakeSlackMessage & { channel: string }> {
  return [...fake.conversations].flatMap(([channel, messages]) =>
    messages
      .filter((m) => m.metadata?.event_payload.delivery_id === deliveryId)
      .map((m) => ({ ...m, channel })),
  );
}

export function postCalls(fake: FakeSlack, deliveryId: string) {
  return fake.calls.filter(
    (c) =>
      c.method === 'chat.postMessage' &&
      (c.params.metadata as { event_payload?: { delivery_id?: string } } | undefined)?.event_payload
        ?.delivery_id === deliveryId,
  );
}
