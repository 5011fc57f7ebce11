export type { Period, PeriodContext, PeriodMatch } from '../periods/index.ts';
export { detectLanguage } from './detect-language.ts';
export { MAX_INPUT_CHARS, parseInput } from './parse-input.ts';
export type {
  Breakdown,
  CommandName,
  Compare,
  DimensionBreakdown,
  KpiQuery,
  Lang,
  MetricVocabulary,
  ParsedInput,
  ParseOptions,
  PeriodFinder,
  QueryError,
  RepRef,
  TimeBreakdown,
} from './types.ts';
