import type { MetricLookup, ReportProblem } from './compile-types.ts';
import { formulaTerms } from './evaluate-formula.ts';
import { type Formula, formatFormula, type MeasureTerm } from './formula.ts';
import { type Breakdown, commonBreakdowns } from './measure-dimensions.ts';
import type { CompiledMetric, Localized, MetricFormat, MetricKind } from './metric-def.ts';
import { inferKind, metricFormulas } from './metric-formulas.ts';
import type { MetricInput } from './metric-input.ts';

/** Expands one validated definition into a compiled metric, or reports every problem it finds and returns undefined. */
export function compileMetric(
  input: MetricInput,
  metrics: MetricLookup,
  report: ReportProblem,
): CompiledMetric | undefined {
  let ok = true;
  const fail: ReportProblem = (path, message, details) => {
    ok = false;
    report(path, message, details);
  };
  const kind = input.kind ?? inferKind(input);
  if (!kind) {
    fail(
      ['kind'],
      'kind is missing and cannot be inferred: give measure, numerator + denominator, formula or of',
    );
    return undefined;
  }
  const formulas = metricFormulas(input, kind, metrics, fail);
  if (!formulas || !ok) return undefined;

  const terms = dedupeTerms([formulas.value, formulas.numerator, formulas.denominator]);
  const breakdowns = checkBreakdowns(input, terms, formulas.breakdowns, fail);
  if (!ok) return undefined;
  const value = formatFormula(formulas.value);
  const name = humanize(input.name);
  return {
    name: input.name,
    label: localized(input.label, { en: name, fr: name }),
    aliases: aliasesOf(input.aliases),
    format: (input.format as MetricFormat | undefined) ?? defaultFormat(kind),
    direction: input.direction ?? 'up_is_good',
    definition: localized(input.definition, { en: `Formula: ${value}`, fr: `Formule : ${value}` }),
    value,
    ...(formulas.numerator && { numerator: formatFormula(formulas.numerator) }),
    ...(formulas.denominator && { denominator: formatFormula(formulas.denominator) }),
    kind,
    breakdowns,
    objective: input.objective ?? false,
    ...(input.of !== undefined && { of: input.of }),
    valueF: formulas.value,
    ...(formulas.numerator && { numeratorF: formulas.numerator }),
    ...(formulas.denominator && { denominatorF: formulas.denominator }),
    terms,
  };
}

function checkBreakdowns(
  input: MetricInput,
  terms: readonly MeasureTerm[],
  inherited: readonly Breakdown[] | undefined,
  fail: ReportProblem,
): Breakdown[] {
  const possible = commonBreakdowns(terms.map((t) => t.measure));
  if (input.breakdowns === undefined) return inherited ? [...inherited] : possible;
  input.breakdowns.forEach((breakdown, i) => {
    if (!possible.includes(breakdown)) {
      const blocking = terms.find((t) => !commonBreakdowns([t.measure]).includes(breakdown))?.measure;
      fail(
        ['breakdowns', i],
        `cannot break down by ${breakdown}: ${blocking ?? 'a measure'} has no ${breakdown}`,
      );
    }
  });
  return [...new Set(input.breakdowns)];
}

function dedupeTerms(formulas: readonly (Formula | undefined)[]): MeasureTerm[] {
  const parts = formulas.filter((f): f is Formula => f !== undefined);
  const all: Formula = parts.reduce((left, right) => ({ type: 'binary', op: '+', left, right }));
  return formulaTerms(all);
}

function defaultFormat(kind: MetricKind): MetricFormat {
  return kind === 'conversion' || kind === 'attainment' ? 'percent' : 'number';
}

function localized(
  value: string | Localized<string> | undefined,
  fallback: Localized<string>,
): Localized<string> {
  if (value === undefined) return fallback;
  return typeof value === 'string' ? { en: value, fr: value } : value;
}

function aliasesOf(value: string[] | Localized<string[]> | undefined): Localized<string[]> {
  if (value === undefined) return { en: [], fr: [] };
  return Array.isArray(value) ? { en: [...value], fr: [...value] } : { en: value.en, fr: value.fr };
}

function humanize(name: string): string {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
