import { z } from 'zod';
import { BREAKDOWNS } from './measure-dimensions.ts';
import { DIRECTIONS, METRIC_FORMATS, METRIC_KINDS } from './metric-def.ts';

const text = z.string().trim().min(1, 'must not be empty');

/** One string is used for both languages. */
const localizedText = z.union([text, z.strictObject({ en: text, fr: text })], {
  error: 'must be a text, or {en: …, fr: …} with both languages',
});

/** A plain list applies to both languages. */
const aliases = z.union(
  [z.array(text), z.strictObject({ en: z.array(text).default([]), fr: z.array(text).default([]) })],
  { error: 'must be a list of words, or {en: [...], fr: [...]}' },
);

/** YAML reads `denominator: 100` as a number; a formula is text. */
const formula = z.union([z.string(), z.number()], { error: 'must be a formula' }).transform(String);

/**
 * What a metric definition may say, in the built-in catalog and in a user's metrics.yaml alike. Defaults and the
 * kind-specific sugar (measure/filter, sum/count, from/to, formula, of) are resolved by compileMetric.
 */
export const metricInputSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case: lowercase letters, digits and _'),
  label: localizedText.optional(),
  aliases: aliases.optional(),
  format: z.enum(METRIC_FORMATS).optional(),
  direction: z.enum(DIRECTIONS).optional(),
  definition: localizedText.optional(),
  kind: z.enum(METRIC_KINDS).optional(),
  value: formula.optional(),
  formula: formula.optional(),
  numerator: formula.optional(),
  denominator: formula.optional(),
  measure: z.string().optional(),
  filter: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
  sum: formula.optional(),
  count: formula.optional(),
  from: formula.optional(),
  to: formula.optional(),
  of: z.string().optional(),
  breakdowns: z.array(z.enum(BREAKDOWNS)).optional(),
  objective: z.boolean().optional(),
});

export type MetricInput = z.output<typeof metricInputSchema>;
export const METRIC_INPUT_FIELDS: readonly string[] = Object.keys(metricInputSchema.shape);

/** A definition as written, before defaults: how the built-in catalog and metrics.yaml entries are typed. */
export type MetricSource = z.input<typeof metricInputSchema>;
