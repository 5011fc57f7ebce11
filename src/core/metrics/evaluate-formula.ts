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
  let run = compiled.get(formula);
  if (!run) {
    run = compile(formula);
    compiled.set(formula, run);
  }
  const result = run(values);
  return result !== null && Number.isFinite(result) ? result : null;
}

type Compiled = (values: ReadonlyMap<string, number>) => number | null;

/** Each formula turned once into closures (term keys worked out once): an alert evaluation runs a metric's
 * formula for every member of every rule, a hundred thousand times. Formulas are never changed once built. */
const compiled = new WeakMap<Formula, Compiled>();

function compile(f: Formula): Compiled {
  switch (f.type) {
    case 'number': {
      const value = f.value;
      return () => value;
    }
    case 'term': {
      const key = termKey(f.term);
      return (values) => {
        const value = values.get(key) ?? 0;
        return Number.isFinite(value) ? value : null;
      };
    }
    case 'negate': {
      const operand = compile(f.operand);
      return (values) => {
        const v = operand(values);
        return v === null ? null : -v;
      };
    }
    case 'binary': {
      const left = compile(f.left);
      const right = compile(f.right);
      const op = f.op;
      return (values) => {
        const l = left(values);
        const r = right(values);
        if (l === null || r === null) return null;
        switch (op) {
          case '+':
            return l + r;
          case '-':
            return l - r;
          case '*':
            return l * r;
          case '/':
            return r === 0 ? null : l / r;
        }
      };
    }
  }
}
