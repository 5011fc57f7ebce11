export { type Bucket, type BucketUnit, calendarBuckets } from './buckets.ts';
export { fullCalendarPeriod, previousPeriod, samePeriodLastYear } from './compare.ts';
export { defaultPeriod, findPeriod, resolvePeriod } from './find-period.ts';
export { elapsedShare, formatInstant, isDayAligned, localDays } from './instants.ts';
export { comparisonLabel, periodLabel } from './labels.ts';
export type {
  CalendarUnit,
  Grain,
  Lang,
  LocalDate,
  Period,
  PeriodContext,
  PeriodKey,
  PeriodMatch,
} from './types.ts';
