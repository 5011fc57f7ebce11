import type { KpiAnswer } from '../../src/core/answer.ts';
import {
  BREAKDOWN_DIMENSION,
  BREAKDOWNS,
  type Breakdown,
  type CompiledMetric,
  evaluateMetric,
} from '../../src/core/metrics/index.ts';
import type { Dimension } from '../../src/core/metrics/measures.ts';
import type { Database } from '../../src/store/database.ts';
import { rawMeasures, readMeasures } from '../../src/store/rollups/index.ts';
import { type MeasureReader, readTerms } from './term-reads.ts';

/** The figures of an answer that the raw-table baseline must reproduce. */
export interface Figures {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comparison: number | null;
  /** Breakdown key as the answer writes it (e.g. 'rep:rep-0042', 'channel:none') → value. */
  breakdown: Map<string, number | null>;
}

/** What a question asked, read back from its answer: the metric, both exact ranges and the breakdown. */
export interface AnsweredQuestion {
  text: string;
  metric: CompiledMetric;
  period: { start: Date; end: Date };
  comparison: { start: Date; end: Date };
  breakdownBy: Breakdown | null;
  groupBy: Dimension | null;
}

export function answeredQuestion(text: string, answer: KpiAnswer, metric: CompiledMetric): AnsweredQuestion {
  if (answer.scope.team || answer.scope.rep || answer.scope.channel) {
    throw new Error(`bench: "${text}" has a scope; the raw baseline only covers unscoped questions`);
  }
  if (!answer.comparison) throw new Error(`bench: "${text}" has no comparison period`);
  const by = answer.breakdownBy;
  if (by === 'stage' && !metric.breakdowns.includes('stage')) {
    throw new Error(`bench: "${text}" is a funnel breakdown; the raw baseline does not cover it`);
  }
  if (by !== null && !isDimensionBreakdown(by)) {
    throw new Error(
      `bench: "${text}" is broken down by ${by}; the raw baseline only covers dimension breakdowns`,
    );
  }
  const range = (p: { start: string; end: string }) => ({ start: new Date(p.start), end: new Date(p.end) });
  return {
    text,
    metric,
    period: range(answer.period),
    comparison: range(answer.comparison.period),
    breakdownBy: by,
    groupBy: by ? BREAKDOWN_DIMENSION[by] : null,
  };
}

function isDimensionBreakdown(by: string): by is Breakdown {
  return (BREAKDOWNS as readonly string[]).includes(by);
}

export function answerFigures(answer: KpiAnswer): Figures {
  return {
    value: answer.value,
    numerator: answer.numerator,
    denominator: answer.denominator,
    comparison: answer.comparison?.value ?? null,
    breakdown: new Map(answer.breakdown.map((row) => [row.key, row.value])),
  };
}

/** The same figures from the raw tables only (rawMeasures), read with the answer path's concurrency. */
export async function rawFigures(
  db: Database,
  tenantId: string,
  tz: string,
  q: AnsweredQuestion,
): Promise<Figures> {
  return figuresFrom(rawMeasures, db, tenantId, tz, q);
}

/** Where the rollup reads of a question come from: 'rollup', 'mixed' (rollups + partial days raw) or 'raw'. */
export async function rollupSources(
  db: Database,
  tenantId: string,
  tz: string,
  q: AnsweredQuestion,
): Promise<string> {
  const reads = await Promise.all([
    readTerms(readMeasures, db, { tenantId, tz, metric: q.metric, ...q.period, groupBy: q.groupBy }),
    readTerms(readMeasures, db, { tenantId, tz, metric: q.metric, ...q.comparison, groupBy: null }),
  ]);
  return [...new Set(reads.flatMap((r) => [...r.sources]))].sort().join('+');
}

async function figuresFrom(
  read: MeasureReader,
  db: Database,
  tenantId: string,
  tz: string,
  q: AnsweredQuestion,
): Promise<Figures> {
  const [current, previous] = await Promise.all([
    readTerms(read, db, { tenantId, tz, metric: q.metric, ...q.period, groupBy: q.groupBy }),
    readTerms(read, db, { tenantId, tz, metric: q.metric, ...q.comparison, groupBy: null }),
  ]);
  const result = evaluateMetric(q.metric, current.totals);
  const breakdown = new Map<string, number | null>();
  for (const [key, values] of current.groups) {
    const row = evaluateMetric(q.metric, values);
    const shown = row.numerator !== 0 || row.denominator !== 0 || (row.value !== null && row.value !== 0);
    if (key !== '*' && shown) breakdown.set(`${q.breakdownBy}:${key || 'none'}`, row.value);
  }
  return {
    value: result.value,
    numerator: result.numerator,
    denominator: result.denominator,
    comparison: evaluateMetric(q.metric, previous.totals).value,
    breakdown,
  };
}

/** Within 1e-6 relative, plus the 1e-6 absolute rounding answers apply to every figure. */
export function sameFigure(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b)) + 1e-6;
}

/** Every figure where the answer and the raw baseline disagree; the answer's breakdown may be cut (top rows). */
export function disagreements(answer: Figures, raw: Figures, breakdownTotal: number): string[] {
  const out: string[] = [];
  for (const field of ['value', 'numerator', 'denominator', 'comparison'] as const) {
    if (!sameFigure(answer[field], raw[field]))
      out.push(`${field}: answer ${answer[field]} ≠ raw ${raw[field]}`);
  }
  if (breakdownTotal !== raw.breakdown.size) {
    out.push(`breakdown rows: answer ${breakdownTotal} ≠ raw ${raw.breakdown.size}`);
  }
  for (const [key, value] of answer.breakdown) {
    if (!raw.breakdown.has(key) || !sameFigure(value, raw.breakdown.get(key) ?? null)) {
      out.push(`breakdown ${key}: answer ${value} ≠ raw ${raw.breakdown.get(key)}`);
    }
  }
  return out;
}
