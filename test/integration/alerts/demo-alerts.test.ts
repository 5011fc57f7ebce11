import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.ts';
import { installDemoAlerts } from '../../../src/cli/demo-alerts.ts';
import { DEMO_STORIES, generateDemoCompany, loadDemoData } from '../../../src/connectors/demo/index.ts';
import { recomputeRollups } from '../../../src/store/rollups/index.ts';
import { testContext } from '../../support/app-context.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';

const TZ = 'Europe/Paris';
/** Wednesday 18 Nov 2026, 10:30 in Paris: 55 % of the month's working days gone. */
const TODAY = new Date('2026-11-18T09:30:00Z');
/** Tuesday 3 Nov 2026: too early in the month for a pace alert. */
const EARLY = new Date('2026-11-03T09:30:00Z');

describe('the demo company and its default alert rules (PostgreSQL)', () => {
  let t: TestDatabase;
  let ctx: AppContext;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    ctx = testContext(t.db);
    for (const [tenantId, today] of [
      ['demo', TODAY],
      ['early', EARLY],
    ] as const) {
      await loadDemoData(t.db, tenantId, { today, tz: TZ });
      await recomputeRollups(t.db, tenantId);
    }
  }, 240_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('the three planted stories fire, and little else', async () => {
    const { summary, lines } = await installDemoAlerts(ctx, 'demo', { KPIBOT_DEMO_CHANNEL: 'C0DEMO' }, TODAY);
    expect(summary.errors).toEqual([]);
    const fired = (rule: string) => summary.fired.filter((f) => f.ruleName.includes(rule));
    expect(fired('meeting → proposal').map((f) => f.scopeLabel)).toEqual(['Team Lyon']);
    expect(fired('revenue behind objective').map((f) => f.scopeLabel)).toContain(
      DEMO_STORIES.repBehind.repName,
    );
    const spikeDay = generateDemoCompany({ today: TODAY, tz: TZ }).stories.leadSpike.day;
    const anomaly = fired('web-form leads anomaly');
    expect(anomaly).toHaveLength(1);
    const state = await t.db.prisma.alertState.findUniqueOrThrow({ where: { id: anomaly[0]!.stateId } });
    expect(state.lastJudgement).toMatchObject({ day: spikeDay });
    // Nothing absurd: at most one other Paris rep behind pace by chance, nothing else.
    expect(summary.fired.length).toBeLessThanOrEqual(5);
    expect(summary.fired.every((f) => f.sentTo.length === 1 && f.sentTo[0] === 'slack:C0DEMO')).toBe(true);
    expect(lines.filter((l) => l.startsWith('  FIRING'))).toHaveLength(summary.fired.length);
    const posts = await t.db.prisma.delivery.findMany({ where: { tenantId: 'demo' } });
    expect(posts).toHaveLength(summary.fired.length);

    // A second start the same minute changes nothing, and says the alerts are already open.
    const again = await installDemoAlerts(ctx, 'demo', { KPIBOT_DEMO_CHANNEL: 'C0DEMO' }, TODAY);
    expect(again.summary.fired).toEqual([]);
    expect(again.lines[1]).toMatch(/already firing/);
    expect(await t.db.prisma.delivery.count({ where: { tenantId: 'demo' } })).toBe(posts.length);
    expect(await t.db.prisma.alertRule.count({ where: { tenantId: 'demo', deletedAt: null } })).toBe(3);
  });

  it('early in the month the pace rule says why it is quiet', async () => {
    const { summary, lines } = await installDemoAlerts(ctx, 'early', {}, EARLY);
    expect(summary.fired.filter((f) => f.ruleName.includes('revenue behind objective'))).toEqual([]);
    expect(lines).toContainEqual(
      expect.stringMatching(/not judged yet: .*revenue behind objective.*Too early in the period/),
    );
    expect(lines.at(-1)).toMatch(/Set KPIBOT_DEMO_CHANNEL/);
  });
});
