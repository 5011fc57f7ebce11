export type { Period, PeriodContext, PeriodMatch } from '../periods/index.ts';
export { detectLanguage } from './detect-language.ts';
export { MAX_INPUT_CHARS, parseInput } from './parse-input.ts';
export type {
  Breakdown,
  CommandName,
  Compare,
  KpiQuery,
  Lang,
  MetricVocabulary,
  ParsedInput,
  ParseOptions,
  PeriodFinder,
  QueryError,
  RepRef,
} from './types.ts';
