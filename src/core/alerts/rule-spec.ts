import { z } from 'zod';
import type { AlertCondition, AlertRoute, AlertRuleSpec } from './types.ts';

/** Longest rule name kept: it is shown in lists and message footers. */
export const MAX_RULE_NAME = 120;
/** A window longer than a year is not an alert any more, it is a report. */
const MAX_WINDOW_DAYS = 366;

/** A strict object whose unknown fields are named with the expected ones (a typo in YAML points at itself). */
function strict<T extends z.ZodRawShape>(shape: T) {
  const expected = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: expected ${expected}`
        : undefined,
  });
}

const windowDays = z
  .number({ error: 'must be a number of days' })
  .int({ error: 'must be a whole number of days' })
  .min(1, { error: 'must be at least 1 day' })
  .max(MAX_WINDOW_DAYS, { error: `must be at most ${MAX_WINDOW_DAYS} days` });

const finite = (what: string) =>
  z.number({ error: `must be ${what}` }).refine(Number.isFinite, `must be ${what}`);

/** A relative change as a fraction: 0.2 = 20 %; above 10 (1,000 %) is surely a typo. */
const fraction = z
  .number({ error: 'must be a fraction, e.g. 0.2 for 20 %' })
  .gt(0, { error: 'must be more than 0 (0.2 = 20 %)' })
  .max(10, { error: 'must be at most 10 (1,000 %); write 0.2 for 20 %' });

const thresholdSchema = strict({
  kind: z.literal('threshold'),
  op: z.enum(['above', 'below'], { error: 'must be above or below' }),
  value: finite('a number'),
  recovery: finite('a number').optional(),
  windowDays: windowDays.default(7),
}).refine(
  (c) => c.recovery === undefined || (c.op === 'above' ? c.recovery <= c.value : c.recovery >= c.value),
  {
    error: 'recovery must be on the good side of value (≤ value for above, ≥ value for below)',
    path: ['recovery'],
  },
);

const changeSchema = strict({
  kind: z.literal('change'),
  direction: z.enum(['drop', 'rise'], { error: 'must be drop or rise' }),
  pct: fraction,
  versus: z.enum(['previous', 'last_year'], { error: 'must be previous or last_year' }).default('previous'),
  windowDays: windowDays.default(7),
  baselineDays: windowDays.optional(),
  recoveryPct: z
    .number({ error: 'must be a fraction, e.g. 0.1 for 10 %' })
    .min(0, { error: 'must be 0 or more' })
    .optional(),
  minVolume: z.number({ error: 'must be a number' }).min(0, { error: 'must be 0 or more' }).default(10),
})
  .refine((c) => c.recoveryPct === undefined || c.recoveryPct < c.pct, {
    error: 'recoveryPct must be smaller than pct (it is the change under which the alert resolves)',
    path: ['recoveryPct'],
  })
  .refine(
    (c) => c.baselineDays === undefined || (c.versus === 'previous' && c.baselineDays >= c.windowDays),
    {
      error:
        'baselineDays goes with versus previous and must be at least windowDays (e.g. 14 days vs the 56 before)',
      path: ['baselineDays'],
    },
  );

const paceSchema = strict({
  kind: z.literal('pace'),
  below: fraction,
  grain: z
    .enum(['week', 'month', 'quarter', 'year'], { error: 'must be week, month, quarter or year' })
    .default('month'),
  minElapsed: z
    .number({ error: 'must be a fraction of the period, e.g. 0.2' })
    .min(0, { error: 'must be between 0 and 0.9' })
    .max(0.9, { error: 'must be between 0 and 0.9' })
    .default(0.2),
  workingDays: z.boolean({ error: 'must be true or false' }).default(true),
  recovery: fraction.optional(),
}).refine((c) => c.recovery === undefined || c.recovery >= c.below, {
  error: 'recovery must be at least below (the attainment at which the alert resolves)',
  path: ['recovery'],
});

const anomalySchema = strict({
  kind: z.literal('anomaly'),
  direction: z.enum(['up', 'down', 'both'], { error: 'must be up, down or both' }).default('both'),
  weeks: z
    .number({ error: 'must be a number of weeks' })
    .int({ error: 'must be a whole number of weeks' })
    .min(3, { error: 'must be at least 3 weeks (a median needs history)' })
    .max(52, { error: 'must be at most 52 weeks' })
    .default(8),
  lookbackDays: z
    .number({ error: 'must be a number of days' })
    .int({ error: 'must be a whole number of days' })
    .min(1, { error: 'must be at least 1 day' })
    .max(31, { error: 'must be at most 31 days' })
    .default(1),
  sensitivity: z
    .number({ error: 'must be a number of MADs, e.g. 3' })
    .gt(0, { error: 'must be more than 0' })
    .max(20, { error: 'must be at most 20' })
    .default(3),
  minChange: z
    .number({ error: 'must be a fraction, e.g. 0.5 for 50 %' })
    .min(0, { error: 'must be 0 or more' })
    .max(10, { error: 'must be at most 10 (1,000 %)' })
    .default(0.5),
  minVolume: z.number({ error: 'must be a number' }).min(0, { error: 'must be 0 or more' }).default(5),
});

export const alertConditionSchema = z.discriminatedUnion(
  'kind',
  [thresholdSchema, changeSchema, paceSchema, anomalySchema],
  {
    error: (issue) =>
      issue.input !== null && typeof issue.input === 'object'
        ? 'must be threshold, change, pace or anomaly'
        : 'missing: a condition with a kind (threshold, change, pace or anomaly) and its fields',
  },
);

const routeSchema = z.discriminatedUnion(
  'to',
  [
    strict({
      to: z.literal('channel'),
      platform: z.enum(['slack', 'teams'], { error: 'must be slack or teams' }).default('slack'),
      id: z.string().trim().min(1, { error: 'must name the channel' }),
    }),
    strict({ to: z.literal('owner') }),
    strict({ to: z.literal('manager') }),
  ],
  { error: 'must be channel, owner or manager' },
);

const scopeValue = z.string().trim().min(1, { error: 'must not be empty' }).optional();

export const alertRuleSpecSchema = strict({
  name: z
    .string({ error: 'must be a text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(MAX_RULE_NAME, { error: `must be at most ${MAX_RULE_NAME} characters` }),
  metric: z.string({ error: 'must be a metric name' }).trim().min(1, { error: 'must name a metric' }),
  scope: strict({ team: scopeValue, rep: scopeValue, channel: scopeValue }).default({}),
  fanOut: z
    .enum(['rep', 'team', 'channel'], { error: 'must be rep, team or channel' })
    .nullable()
    .default(null),
  condition: alertConditionSchema,
  lifecycle: strict({
    forEvaluations: z
      .number({ error: 'must be a number of evaluations' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1 (1 = fire on the first breach)' })
      .max(100, { error: 'must be at most 100' })
      .default(1),
    repeatEveryMinutes: z
      .number({ error: 'must be a number of minutes' })
      .int({ error: 'must be a whole number of minutes' })
      .min(0, { error: 'must be 0 (never) or more' })
      .max(60 * 24 * 90, { error: 'must be at most 90 days' })
      .default(1440),
  }).default({ forEvaluations: 1, repeatEveryMinutes: 1440 }),
  routing: z.array(routeSchema).max(10, { error: 'at most 10 routes' }).default([]),
  lang: z.enum(['en', 'fr'], { error: 'must be en or fr' }).optional(),
});

/** A spec as a user may write it (defaults left out). */
export type AlertRuleSpecInput = z.input<typeof alertRuleSpecSchema>;

// The schema's output must stay assignable to the shared type (and the condition union kind by kind).
type Output = z.output<typeof alertRuleSpecSchema>;
const _checkSpec: (o: Output) => AlertRuleSpec = (o) => o;
const _checkCondition: (o: Output['condition']) => AlertCondition = (o) => o;
const _checkRoute: (o: Output['routing'][number]) => AlertRoute = (o) => o;
void _checkSpec;
void _checkCondition;
void _checkRoute;

/** zod issues as `path: message` lines, e.g. `condition.pct: must be more than 0 (0.2 = 20 %)`. */
export function describeSpecIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}
