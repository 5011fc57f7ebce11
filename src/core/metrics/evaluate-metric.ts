import { evaluateFormula } from './evaluate-formula.ts';
import type { CompiledMetric } from './metric-def.ts';

export interface MetricValue {
  value: number | null;
  /** null for metrics that are not a quotient of two figures. */
  numerator: number | null;
  denominator: number | null;
}

export interface EvaluateMetricOptions {
  /** For kind attainment: the objective of the metric named by `of` over the same period and scope. */
  target?: number | null;
}

/**
 * A metric's figures from its term values (keyed by termKey). Ratios are computed from their summed parts, so a
 * value for a team is never an average of its reps' ratios. An attainment is its metric's actual ÷ the target,
 * null without a target (the engine looks it up: it is not a measure).
 */
export function evaluateMetric(
  metric: CompiledMetric,
  values: ReadonlyMap<string, number>,
  options: EvaluateMetricOptions = {},
): MetricValue {
  if (metric.kind === 'attainment') {
    const actual = evaluateFormula(metric.valueF, values);
    const target = options.target ?? null;
    const value = actual === null || target === null || target === 0 ? null : actual / target;
    return { value, numerator: actual, denominator: target };
  }
  const numerator = metric.numeratorF ? evaluateFormula(metric.numeratorF, values) : null;
  const denominator = metric.denominatorF ? evaluateFormula(metric.denominatorF, values) : null;
  if (metric.numeratorF && metric.denominatorF) {
    const value =
      numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;
    return { value, numerator, denominator };
  }
  return { value: evaluateFormula(metric.valueF, values), numerator, denominator };
}
