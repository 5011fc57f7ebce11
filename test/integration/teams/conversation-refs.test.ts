import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findConversationRef,
  findPersonalConversationRef,
  removeConversationRef,
  saveConversationRef,
} from '../../../src/teams/conversation-refs.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';

const TENANT = 'f00dcafe-0000-4000-8000-000000000001';
const activity = (
  conversation: Record<string, unknown>,
  from = { id: '29:1alice', name: 'Alice' },
): Partial<Activity> => ({
  type: 'message',
  id: '1700000000123',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  from,
  recipient: { id: '28:bot', name: 'kpibot' },
  channelData: { tenant: { id: TENANT } },
  conversation: { tenantId: TENANT, ...conversation } as Activity['conversation'],
});

describe.each(databaseKinds)('Teams conversation references (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  }, 30_000);
  afterAll(async () => t?.dispose());

  it('keys a channel by its id without the thread suffix and keeps one row per conversation', async () => {
    const p = t.db.prisma;
    await saveConversationRef(
      p,
      activity({ id: '19:c@thread.tacv2;messageid=42', conversationType: 'channel' }),
    );
    await saveConversationRef(
      p,
      activity({ id: '19:c@thread.tacv2;messageid=43', conversationType: 'channel' }),
    );
    const rows = await p.conversationRef.findMany({ where: { tenantId: TENANT, kind: 'channel' } });
    expect(rows.map((r) => r.conversationId)).toEqual(['19:c@thread.tacv2']);
    const ref = await findConversationRef(p, TENANT, '19:c@thread.tacv2');
    expect(ref).toMatchObject({
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversation: { id: '19:c@thread.tacv2' },
      bot: { id: '28:bot' },
    });
    expect(ref?.activityId).toBeUndefined();
  });

  it('finds a user’s 1:1 chat by their Teams id, and only theirs', async () => {
    const p = t.db.prisma;
    await saveConversationRef(p, activity({ id: 'a:dm-alice', conversationType: 'personal' }));
    await saveConversationRef(
      p,
      activity({ id: 'a:dm-bob', conversationType: 'personal' }, { id: '29:1bob', name: 'Bob' }),
    );
    await saveConversationRef(p, activity({ id: 'a:group', conversationType: 'groupChat', isGroup: true }));
    expect((await findPersonalConversationRef(p, TENANT, '29:1bob'))?.conversation?.id).toBe('a:dm-bob');
    expect((await findPersonalConversationRef(p, TENANT, '29:1alice'))?.conversation?.id).toBe('a:dm-alice');
    expect(await findPersonalConversationRef(p, TENANT, '29:1nobody')).toBeNull();
    expect(await findPersonalConversationRef(p, 'other-tenant', '29:1bob')).toBeNull();
  });

  it('falls back to channelData.tenant, then "default", for the tenant', async () => {
    const p = t.db.prisma;
    const a = activity({
      id: 'a:no-tenant-on-conversation',
      conversationType: 'personal',
      tenantId: undefined,
    });
    await saveConversationRef(p, a);
    expect(await findConversationRef(p, TENANT, 'a:no-tenant-on-conversation')).not.toBeNull();
    await saveConversationRef(p, {
      ...a,
      channelData: {},
      conversation: { id: 'a:orphan' } as Activity['conversation'],
    });
    expect(await findConversationRef(p, 'default', 'a:orphan')).not.toBeNull();
  });

  it('removes a conversation', async () => {
    const p = t.db.prisma;
    await removeConversationRef(p, activity({ id: 'a:group', conversationType: 'groupChat' }));
    expect(await findConversationRef(p, TENANT, 'a:group')).toBeNull();
    expect(await findConversationRef(p, TENANT, 'a:dm-bob')).not.toBeNull();
  });
});
