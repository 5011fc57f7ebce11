import { CronExpressionParser } from 'cron-parser';

/** Monday 08:30 in the subscription's zone. */
export const DEFAULT_DIGEST_CRON = '30 8 * * 1';

/**
 * The next `count` run times of a digest schedule, computed exactly as BullMQ's job scheduler does (its default
 * repeat strategy: cron-parser's `parse(pattern, { tz, currentDate }).next()`, each run from the previous one), so
 * what `kpibot digest` and `/kpi digest list` announce is what the worker will do, DST changes included.
 */
export function nextRuns(cron: string, tz: string, after: Date, count: number): Date[] {
  const runs: Date[] = [];
  let from = after;
  for (let i = 0; i < count; i++) {
    const next = CronExpressionParser.parse(cron, { tz, currentDate: from }).next().toDate();
    runs.push(next);
    from = next;
  }
  return runs;
}

/** Why BullMQ would refuse or misread this schedule, or null when it is fine. */
export function cronProblem(cron: string, tz: string): string | null {
  const fields = cron.trim().split(/\s+/);
  // Five fields (minute hour day month weekday): a sixth would be read as seconds by cron-parser.
  if (fields.length !== 5) return `expected 5 fields (minute hour day month weekday), got ${fields.length}`;
  try {
    CronExpressionParser.parse(cron, { tz, currentDate: new Date(0) }).next();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
