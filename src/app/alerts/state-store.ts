import type { AlertLifecycle, Judgement } from '../../core/alerts/index.ts';
import type { Database } from '../../store/database.ts';
import { type LifecycleRow, lifecycleOf } from './state-records.ts';

/** What an evaluation compares of a state's last recorded judgement: its figures and decision, not its words. */
export type RecordedFigures = Pick<
  Judgement,
  'breaching' | 'recovered' | 'skipped' | 'value' | 'bound' | 'recoveryBound' | 'day'
> & { decision: string };

/**
 * What an evaluation needs of a stored AlertState: its lifecycle, when it was last evaluated, what its last
 * recorded judgement found, and the version its optimistic write checks.
 */
export interface StoredState {
  id: string;
  ruleId: string;
  scopeKey: string;
  lifecycle: AlertLifecycle;
  /** lastEvaluated, as epoch milliseconds. */
  lastEvaluated: number | null;
  judged: RecordedFigures | null;
  /** updatedAt as STATE_VERSION reads it: a write applies only if the row still has this version. */
  version: number;
}

/** A state row's version, the same expression on reading and on the optimistic write (tell-alerts.ts). */
export const STATE_VERSION = (alias: string) => `(extract(epoch from ${alias}."updatedAt") * 1000)::float8`;

type Row = LifecycleRow & {
  id: string;
  ruleId: string;
  scopeKey: string;
  lastEvaluated: number | null;
  version: number;
  decision: string | null;
  breaching: boolean | null;
  recovered: boolean | null;
  skipped: string | null;
  value: number | null;
  bound: number | null;
  recoveryBound: number | null;
  day: string | null;
};

// The recorded judgement's figures as columns: a hundred bytes a row instead of its whole JSON, no JSON to parse.
const SQL = `SELECT s.id, s."ruleId", s."scopeKey", s.state, s."pendingCount", s."firingSince", s."lastNotified",
    s."ackedAt", s."ackedBy", s."snoozedUntil", (extract(epoch from s."lastEvaluated") * 1000)::float8 AS "lastEvaluated",
    ${STATE_VERSION('s')} AS version,
    j->>'decision' AS decision, (j->>'breaching')::boolean AS breaching, (j->>'recovered')::boolean AS recovered,
    j->>'skipped' AS skipped, (j->>'value')::float8 AS value, (j->>'bound')::float8 AS bound,
    (j->>'recoveryBound')::float8 AS "recoveryBound", j->>'day' AS day
  FROM "AlertState" s CROSS JOIN LATERAL (SELECT s."lastJudgement" AS j) AS recorded
  WHERE s."tenantId" = $1 AND s."ruleId" = ANY($2::text[])`;

/**
 * The states of some rules, by rule then scope key: one lean read straight on the pool (a large tenant has a
 * hundred thousand states; the client's row mapping and the reasons' JSON would be most of the time).
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
      lifecycle: lifecycleOf(row),
      lastEvaluated: row.lastEvaluated === null ? null : Number(row.lastEvaluated),
      judged:
        row.decision === null
          ? null
          : {
              decision: row.decision,
              breaching: row.breaching === true,
              recovered: row.recovered === true,
              skipped: row.skipped,
              value: row.value === null ? null : Number(row.value),
              bound: row.bound === null ? null : Number(row.bound),
              recoveryBound: row.recoveryBound === null ? null : Number(row.recoveryBound),
              day: row.day,
            },
      version: Number(row.version),
    });
  }
  return byRule;
}
