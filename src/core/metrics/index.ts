/** The metrics catalog: definitions as data, the formula language over measures, and their evaluation. */
export { type AliasCollision, aliasCollisions, metricPhrases, normalizePhrase } from './alias-collisions.ts';
export { buildCatalog } from './build-catalog.ts';
export { BUILTIN_METRICS, builtinCatalog } from './builtin-catalog.ts';
export { CatalogError, type CatalogProblem, describeProblem } from './catalog-error.ts';
export { evaluateFormula, formulaTerms } from './evaluate-formula.ts';
export { type EvaluateMetricOptions, evaluateMetric, type MetricValue } from './evaluate-metric.ts';
export {
  type BinaryOperator,
  type Formula,
  FormulaError,
  formatFormula,
  type MeasureTerm,
  type TermWindow,
  termKey,
} from './formula.ts';
export { FUNNEL_STEPS, type FunnelStep } from './funnel.ts';
export {
  BREAKDOWN_DIMENSION,
  BREAKDOWNS,
  type Breakdown,
  commonBreakdowns,
  measureDimensions,
} from './measure-dimensions.ts';
export type {
  Catalog,
  CompiledMetric,
  Direction,
  Localized,
  MetricDef,
  MetricFormat,
  MetricKind,
} from './metric-def.ts';
export { type MetricSource, metricInputSchema } from './metric-input.ts';
export { type MetricResolver, type ParseFormulaOptions, parseFormula } from './parse-formula.ts';
