import type { AlertLifecycle, AlertStatus } from '../../core/alerts/index.ts';
import type { Database } from '../../store/database.ts';
import type { RecordedJudgement } from './state-records.ts';

/**
 * What an evaluation needs of a stored AlertState: its lifecycle, when it was last evaluated, what its last
 * recorded judgement found (without the words and ranges, which the evaluation never compares) and the
 * `updatedAt` its optimistic write checks.
 */
export interface StoredState {
  id: string;
  ruleId: string;
  scopeKey: string;
  lifecycle: AlertLifecycle;
  lastEvaluated: Date | null;
  /** lastJudgement without `reason`, `current`, `compared` and `at`. */
  judged: RecordedFigures | null;
  updatedAt: Date;
}

export type RecordedFigures = Omit<RecordedJudgement, 'reason' | 'current' | 'compared' | 'at'>;

type Row = {
  id: string;
  ruleId: string;
  scopeKey: string;
  state: string;
  pendingCount: number;
  firingSince: Date | null;
  lastNotified: Date | null;
  ackedAt: Date | null;
  ackedBy: string | null;
  snoozedUntil: Date | null;
  lastEvaluated: Date | null;
  judged: RecordedFigures | null;
  updatedAt: Date;
};

const SQL = `SELECT id, "ruleId", "scopeKey", state, "pendingCount", "firingSince", "lastNotified", "ackedAt", "ackedBy",
    "snoozedUntil", "lastEvaluated", "lastJudgement" - ARRAY['reason', 'current', 'compared', 'at'] AS judged,
    "updatedAt"
  FROM "AlertState" WHERE "tenantId" = $1 AND "ruleId" = ANY($2::text[])`;

/**
 * The states of some rules, by rule then scope key: one lean read straight on the pool (a large tenant has a
 * hundred thousand states; the client's own row mapping and the reasons' text would be most of the time).
 */
export async function loadStates(
  db: Database,
  tenantId: string,
  ruleIds: readonly string[],
): Promise<Map<string, Map<string, StoredState>>> {
  const byRule = new Map<string, Map<string, StoredState>>();
  if (ruleIds.length === 0) return byRule;
  const rows = db.query
    ? await db.query<Row>(SQL, [tenantId, ruleIds])
    : await db.prisma.$queryRawUnsafe<Row[]>(SQL, tenantId, ruleIds);
  for (const row of rows) {
    let states = byRule.get(row.ruleId);
    if (!states) {
      states = new Map();
      byRule.set(row.ruleId, states);
    }
    states.set(row.scopeKey, {
      id: row.id,
      ruleId: row.ruleId,
      scopeKey: row.scopeKey,
      lifecycle: {
        state: (row.state === 'pending' || row.state === 'firing' ? row.state : 'ok') as AlertStatus,
        pendingCount: row.pendingCount,
        firingSince: row.firingSince,
        lastNotified: row.lastNotified,
        ackedAt: row.ackedAt,
        ackedBy: row.ackedBy,
        snoozedUntil: row.snoozedUntil,
      },
      lastEvaluated: row.lastEvaluated,
      judged: row.judged,
      updatedAt: row.updatedAt,
    });
  }
  return byRule;
}
