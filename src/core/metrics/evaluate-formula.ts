import { type Formula, type MeasureTerm, termKey } from './formula.ts';

/** The measure terms a formula reads, each once, in order of first appearance: what the engine must fetch. */
export function formulaTerms(formula: Formula): MeasureTerm[] {
  const terms = new Map<string, MeasureTerm>();
  collect(formula, terms);
  return [...terms.values()];
}

function collect(f: Formula, into: Map<string, MeasureTerm>): void {
  switch (f.type) {
    case 'number':
      return;
    case 'term':
      if (!into.has(termKey(f.term))) into.set(termKey(f.term), f.term);
      return;
    case 'negate':
      collect(f.operand, into);
      return;
    case 'binary':
      collect(f.left, into);
      collect(f.right, into);
      return;
  }
}

/**
 * The formula's value given each term's value keyed by termKey. A term missing from `values` counts as 0: no rollup
 * row means nothing happened (a rep with leads but no qualified lead has no leads_qualified row). Division by zero
 * and non-finite inputs give null, and null propagates: "no rate" is not a rate of 0.
 */
export function evaluateFormula(formula: Formula, values: ReadonlyMap<string, number>): number | null {
  const result = evaluate(formula, values);
  return result !== null && Number.isFinite(result) ? result : null;
}

function evaluate(f: Formula, values: ReadonlyMap<string, number>): number | null {
  switch (f.type) {
    case 'number':
      return f.value;
    case 'term': {
      const value = values.get(termKey(f.term)) ?? 0;
      return Number.isFinite(value) ? value : null;
    }
    case 'negate': {
      const operand = evaluate(f.operand, values);
      return operand === null ? null : -operand;
    }
    case 'binary': {
      const left = evaluate(f.left, values);
      const right = evaluate(f.right, values);
      if (left === null || right === null) return null;
      switch (f.op) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return right === 0 ? null : left / right;
      }
    }
  }
}
