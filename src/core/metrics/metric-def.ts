import type { Direction, MetricFormat } from '../answer.ts';
import type { Formula, MeasureTerm } from './formula.ts';
import type { Breakdown } from './measure-dimensions.ts';

export type { Direction, MetricFormat };

export const METRIC_KINDS = [
  'count',
  'sum',
  'ratio',
  'average',
  'conversion',
  'derived',
  'stock',
  'attainment',
] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export const METRIC_FORMATS = [
  'number',
  'percent',
  'currency',
  'duration_days',
  'duration_hours',
  'score',
] as const satisfies readonly MetricFormat[];
export const DIRECTIONS = ['up_is_good', 'down_is_good'] as const satisfies readonly Direction[];

export interface Localized<T> {
  en: T;
  fr: T;
}

/** A metric once its YAML sugar is expanded: every figure is a formula over measures (see parse-formula.ts). */
export interface MetricDef {
  /** snake_case, unique in a catalog. */
  name: string;
  label: Localized<string>;
  /** The words users type for it, per language. */
  aliases: Localized<string[]>;
  /** Percent metrics are fractions (0.42), formatted later. */
  format: MetricFormat;
  direction: Direction;
  /** One line shown with every answer. */
  definition: Localized<string>;
  /** The value formula, written with measures only (metric references are expanded). */
  value: string;
  /** For ratios and averages: value = numerator / denominator, both shown with the answer. */
  numerator?: string;
  denominator?: string;
  /** Descriptive; kind-specific YAML sugar compiles to the formulas above. */
  kind: MetricKind;
  breakdowns: Breakdown[];
  /** Objectives may be set on it. */
  objective?: boolean;
  /** For kind attainment: the metric whose objective attainment it is. */
  of?: string;
}

export interface CompiledMetric extends MetricDef {
  valueF: Formula;
  numeratorF?: Formula;
  denominatorF?: Formula;
  /** Every measure term of value, numerator and denominator, each once. */
  terms: MeasureTerm[];
}

export interface Catalog {
  readonly metrics: readonly CompiledMetric[];
  get(name: string): CompiledMetric | undefined;
}
