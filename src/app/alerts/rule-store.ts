import { type AlertRuleSpec, alertRuleSpecSchema, describeSpecIssues } from '../../core/alerts/index.ts';
import type { Catalog, CompiledMetric } from '../../core/metrics/index.ts';
import type { AlertRule } from '../../generated/prisma/client.ts';
import type { Database } from '../../store/database.ts';

/** A stored rule whose row validated: its spec with every default applied, and its metric from the catalog. */
export interface StoredAlertRule {
  id: string;
  tenantId: string;
  name: string;
  spec: AlertRuleSpec;
  metric: CompiledMetric;
  muted: boolean;
  source: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type LoadedRule =
  | { ok: true; rule: StoredAlertRule }
  | { ok: false; id: string; tenantId: string; name: string; message: string };

/**
 * How a spec is laid out in an AlertRule row: kind and metric in their columns (for listing and SQL), the scope
 * and routing JSON in theirs, and the condition, lifecycle, fan-out and language in `params`.
 */
export function ruleRowData(spec: AlertRuleSpec) {
  return {
    name: spec.name,
    kind: spec.condition.kind,
    metric: spec.metric,
    scope: { ...spec.scope } as Record<string, string>,
    params: {
      condition: spec.condition,
      lifecycle: spec.lifecycle,
      fanOut: spec.fanOut,
      ...(spec.lang ? { lang: spec.lang } : {}),
    } as object,
    routing: spec.routing as object[],
  };
}

/**
 * A row back to a validated spec. A row edited by hand, written by an older version or naming a metric the
 * catalog no longer has is reported (the message says what is wrong), never thrown: one bad rule must not stop
 * the evaluation of the others.
 */
export function loadRule(row: AlertRule, catalog: Catalog): LoadedRule {
  const bad = (message: string): LoadedRule => ({
    ok: false,
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    message,
  });
  const params = (row.params ?? {}) as Record<string, unknown>;
  if (typeof params !== 'object' || Array.isArray(params)) return bad('params: must be an object');
  const parsed = alertRuleSpecSchema.safeParse({
    name: row.name,
    metric: row.metric,
    scope: row.scope ?? {},
    fanOut: params.fanOut ?? null,
    condition: params.condition,
    lifecycle: params.lifecycle,
    routing: row.routing ?? [],
    ...(params.lang !== undefined ? { lang: params.lang } : {}),
  });
  if (!parsed.success) return bad(describeSpecIssues(parsed.error).join('; '));
  const spec = parsed.data as AlertRuleSpec;
  if (spec.condition.kind !== row.kind) {
    return bad(`kind: the row says ${row.kind} but its condition is ${spec.condition.kind}`);
  }
  const metric = catalog.get(spec.metric);
  if (!metric) return bad(`metric: unknown metric "${spec.metric}" (not in the catalog any more?)`);
  return {
    ok: true,
    rule: {
      id: row.id,
      tenantId: row.tenantId,
      name: row.name,
      spec,
      metric,
      muted: row.muted,
      source: row.source,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    },
  };
}

/** The tenant's live (not deleted) rules, validated; `ruleIds` narrows them. Bad rows come back as problems. */
export async function loadRules(
  db: Database,
  tenantId: string,
  catalog: Catalog,
  ruleIds?: readonly string[],
): Promise<LoadedRule[]> {
  // On PostgreSQL straight on the pool: a large tenant has ten thousand rules, and the client's own mapping of
  // their JSON columns takes most of half a second.
  const rows = db.query
    ? await db.query<AlertRule>(
        `SELECT * FROM "AlertRule" WHERE "tenantId" = $1 AND "deletedAt" IS NULL
           ${ruleIds ? 'AND id = ANY($2::text[])' : ''}
         ORDER BY "createdAt", id`,
        ruleIds ? [tenantId, ruleIds] : [tenantId],
      )
    : await db.prisma.alertRule.findMany({
        where: { tenantId, deletedAt: null, ...(ruleIds ? { id: { in: [...ruleIds] } } : {}) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
  return rows.map((row) => loadRule(row, catalog));
}
