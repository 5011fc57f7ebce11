import { didYouMean } from './closest-names.ts';
import type { MetricLookup, ReportProblem } from './compile-types.ts';
import { type Formula, FormulaError, formatFormula, type MeasureTerm } from './formula.ts';
import { type Breakdown, DIMENSION_KEY, dimensionFromKey, measureDimensions } from './measure-dimensions.ts';
import { ALL, type Dimension, MEASURE_NAMES, type MeasureName } from './measures.ts';
import type { MetricKind } from './metric-def.ts';
import type { MetricInput } from './metric-input.ts';
import { parseFormula } from './parse-formula.ts';

interface FormulaSource {
  field: keyof MetricInput;
  text: string;
}

/** Which sugar fields a kind accepts for the numerator and the denominator, besides numerator/denominator. */
const ROLE_SUGAR: Partial<
  Record<MetricKind, { numerator: keyof MetricInput; denominator: keyof MetricInput }>
> = {
  average: { numerator: 'sum', denominator: 'count' },
  conversion: { numerator: 'to', denominator: 'from' },
};

const KIND_ONLY_FIELDS: ReadonlyArray<readonly [keyof MetricInput, readonly MetricKind[]]> = [
  ['measure', ['count', 'sum']],
  ['filter', ['count', 'sum']],
  ['sum', ['average']],
  ['count', ['average']],
  ['from', ['conversion']],
  ['to', ['conversion']],
  ['of', ['attainment']],
];

const MEASURE_SET: ReadonlySet<string> = new Set(MEASURE_NAMES);

export interface Formulas {
  value: Formula;
  numerator?: Formula;
  denominator?: Formula;
  /** Breakdowns inherited by default (attainment follows its metric). */
  breakdowns?: readonly Breakdown[];
}

/**
 * The value, numerator and denominator formulas a definition describes, whichever YAML sugar it uses (measure +
 * filter, sum/count, from/to, formula, of), with metric names expanded; problems go to `fail`.
 */
export function metricFormulas(
  input: MetricInput,
  kind: MetricKind,
  metrics: MetricLookup,
  fail: ReportProblem,
): Formulas | undefined {
  for (const [field, kinds] of KIND_ONLY_FIELDS) {
    if (input[field] !== undefined && !kinds.includes(kind)) {
      fail([field], `"${field}" applies to kind ${kinds.join(' or ')}, not ${kind}`);
    }
  }
  const parse = (source: FormulaSource): Formula | undefined => {
    try {
      return parseFormula(source.text, {
        metrics: { resolve: (name) => resolveValue(metrics, name), names: metrics.names },
      });
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      fail([source.field], error.reason, { position: error.position });
      return undefined;
    }
  };

  return kind === 'attainment'
    ? attainmentFormulas(input, metrics, fail)
    : planFormulas(input, kind, fail, parse);
}

export function inferKind(input: MetricInput): MetricKind | undefined {
  if (input.measure !== undefined) return 'count';
  if (input.of !== undefined) return 'attainment';
  if (input.sum !== undefined || input.count !== undefined) return 'average';
  if (input.from !== undefined || input.to !== undefined) return 'conversion';
  if (input.numerator !== undefined || input.denominator !== undefined) return 'ratio';
  if (input.value !== undefined || input.formula !== undefined) return 'derived';
  return undefined;
}

function planFormulas(
  input: MetricInput,
  kind: MetricKind,
  fail: ReportProblem,
  parse: (source: FormulaSource) => Formula | undefined,
): Formulas | undefined {
  const sugar = ROLE_SUGAR[kind];
  const valueSource = pickSource(input, ['value', 'formula'], fail);
  const numeratorSource = pickSource(input, sugar ? [sugar.numerator, 'numerator'] : ['numerator'], fail);
  const denominatorSource = pickSource(
    input,
    sugar ? [sugar.denominator, 'denominator'] : ['denominator'],
    fail,
  );
  const isPart = kind === 'ratio' || kind === 'average' || kind === 'conversion';

  if (kind === 'count' || kind === 'sum') {
    if (numeratorSource || denominatorSource) {
      fail(
        [(numeratorSource ?? denominatorSource)?.field ?? 'numerator'],
        `a ${kind} has no numerator/denominator`,
      );
      return undefined;
    }
    if (input.measure !== undefined) {
      if (valueSource)
        fail([valueSource.field], 'give either measure (with an optional filter) or a formula');
      const term = measureTerm(input, fail);
      return term && { value: { type: 'term', term } };
    }
  }
  if (isPart && (!numeratorSource || !denominatorSource)) {
    const [numeratorField, denominatorField] = sugar
      ? [sugar.numerator, sugar.denominator]
      : ['numerator', 'denominator'];
    const missing = numeratorSource ? denominatorField : numeratorField;
    fail([missing], `a ${kind} needs both ${numeratorField} and ${denominatorField}; ${missing} is missing`);
    return undefined;
  }
  if (Boolean(numeratorSource) !== Boolean(denominatorSource)) {
    fail([numeratorSource ? 'denominator' : 'numerator'], 'numerator and denominator go together');
    return undefined;
  }
  if (!valueSource && !numeratorSource) {
    fail(['value'], `a ${kind} needs a formula (value: or formula:)`);
    return undefined;
  }
  const value = valueSource && parse(valueSource);
  const numerator = numeratorSource && parse(numeratorSource);
  const denominator = denominatorSource && parse(denominatorSource);
  if (!numeratorSource) return value ? { value } : undefined;
  if (!numerator || !denominator || (valueSource && !value)) return undefined;
  const ratio: Formula = { type: 'binary', op: '/', left: numerator, right: denominator };
  if (value && formatFormula(value) !== formatFormula(ratio)) {
    fail(
      [valueSource?.field ?? 'value'],
      `value must equal numerator / denominator, i.e. ${formatFormula(ratio)}`,
    );
    return undefined;
  }
  return { value: ratio, numerator, denominator };
}

/** The one field among synonyms (e.g. sum / numerator) that holds a formula; giving two is a problem. */
function pickSource(
  input: MetricInput,
  fields: readonly (keyof MetricInput)[],
  fail: ReportProblem,
): FormulaSource | undefined {
  const given = fields.filter((f) => input[f] !== undefined);
  if (given.length > 1) fail([given[1] ?? ''], `give either ${given.join(' or ')}, not both`);
  const field = given[0];
  if (field === undefined) return undefined;
  return { field, text: String(input[field]) };
}

function measureTerm(input: MetricInput, fail: ReportProblem): MeasureTerm | undefined {
  const name = (input.measure ?? '').trim();
  if (!MEASURE_SET.has(name)) {
    fail(['measure'], `Unknown measure "${name}".${didYouMean(name, MEASURE_NAMES)}`);
    return undefined;
  }
  const measure = name as MeasureName;
  const filter: Partial<Record<Dimension, string>> = {};
  for (const [key, value] of Object.entries(input.filter ?? {})) {
    const dimension = dimensionFromKey(key);
    const carried = measureDimensions(measure);
    if (!dimension) {
      fail(
        ['filter', key],
        `Unknown dimension "${key}": the dimensions are rep, team, channel, campaign, stage`,
      );
    } else if (!carried.includes(dimension)) {
      const names = carried.map((d) => DIMENSION_KEY[d]).join(', ') || 'none';
      fail(['filter', key], `${measure} has no ${DIMENSION_KEY[dimension]} dimension (it has: ${names})`, {
        onKey: true,
      });
    } else if (filter[dimension] !== undefined) {
      fail(['filter', key], `The ${DIMENSION_KEY[dimension]} filter is given twice`, { onKey: true });
    } else if (value === ALL) {
      fail(['filter', key], `"${ALL}" means every value: leave the filter out instead`);
    } else {
      filter[dimension] = value;
    }
  }
  return { measure, filter, window: 'period' };
}

/** An attainment reads its metric's value; the engine divides by that metric's objective (see evaluateMetric). */
function attainmentFormulas(
  input: MetricInput,
  metrics: MetricLookup,
  fail: ReportProblem,
): Formulas | undefined {
  for (const field of ['value', 'formula', 'numerator', 'denominator'] as const) {
    if (input[field] !== undefined)
      fail([field], `an attainment has no ${field}: it reads the value of "of"`);
  }
  if (input.of === undefined) {
    fail(['of'], 'an attainment needs "of": the metric whose objective it tracks');
    return undefined;
  }
  const target = metrics.get(input.of);
  if (target === undefined) {
    fail(['of'], `Unknown metric "${input.of}".${didYouMean(input.of, metrics.names)}`);
    return undefined;
  }
  if (target === null) {
    fail(['of'], `Metric ${input.of} cannot be used here: it is invalid or refers back to this metric`);
    return undefined;
  }
  if (!target.objective) {
    fail(['of'], `${input.of} takes no objective (objective: true is not set on it)`);
    return undefined;
  }
  return { value: target.valueF, numerator: target.valueF, breakdowns: target.breakdowns };
}

function resolveValue(metrics: MetricLookup, name: string): Formula | null | undefined {
  const metric = metrics.get(name);
  return metric === null || metric === undefined ? metric : metric.valueF;
}
