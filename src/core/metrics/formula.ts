import { DIMENSION_KEY } from './measure-dimensions.ts';
import type { Dimension, MeasureName } from './measures.ts';

/**
 * Which part of a measure's history a term reads: its total over the queried period, or its running total from the
 * beginning of time up to the period's start or end (what stocks such as the open pipeline are made of).
 */
export type TermWindow = 'period' | 'before_start' | 'before_end';

export interface MeasureTerm {
  measure: MeasureName;
  filter: Partial<Record<Dimension, string>>;
  window: TermWindow;
}

export type BinaryOperator = '+' | '-' | '*' | '/';

export type Formula =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'term'; readonly term: MeasureTerm }
  | { readonly type: 'negate'; readonly operand: Formula }
  | { readonly type: 'binary'; readonly op: BinaryOperator; readonly left: Formula; readonly right: Formula };

/** A formula that does not parse; `position` is the 0-based offset in `source` where the problem is. */
export class FormulaError extends Error {
  override readonly name = 'FormulaError';
  constructor(
    readonly reason: string,
    readonly source: string,
    readonly position: number,
  ) {
    super(`${reason} (at column ${position + 1} of "${source}")`);
  }
}

const BARE_VALUE = /^[A-Za-z0-9_.@:/+-]+$/;

function quoteValue(value: string): string {
  if (BARE_VALUE.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The term written in formula syntax, filters sorted: also its stable key (see termKey). */
function termText(term: MeasureTerm): string {
  const filters = (Object.entries(term.filter) as [Dimension, string][])
    .map(([dimension, value]) => `${DIMENSION_KEY[dimension]}=${quoteValue(value)}`)
    .sort();
  const measure = filters.length > 0 ? `${term.measure}{${filters.join(',')}}` : term.measure;
  return term.window === 'period' ? measure : `${term.window}(${measure})`;
}

const termKeys = new WeakMap<MeasureTerm, string>();

/**
 * A stable key for a term, e.g. `before_end(revenue_won{channel=web})`; it is itself a valid formula. Kept per term
 * object (terms are never changed once built): evaluating a metric for a hundred thousand alert states asks it
 * for the same few terms again and again.
 */
export function termKey(term: MeasureTerm): string {
  let key = termKeys.get(term);
  if (key === undefined) {
    key = termText(term);
    termKeys.set(term, key);
  }
  return key;
}

const PRECEDENCE: Readonly<Record<BinaryOperator, number>> = { '+': 1, '-': 1, '*': 2, '/': 2 };

/** The formula written back with the fewest parentheses that keep its meaning; parses to the same tree. */
export function formatFormula(formula: Formula): string {
  return format(formula, 0, false);
}

function format(f: Formula, parentPrecedence: number, isRightOperand: boolean): string {
  switch (f.type) {
    case 'number':
      return String(f.value);
    case 'term':
      return termText(f.term);
    case 'negate':
      return `-${format(f.operand, 3, false)}`;
    case 'binary': {
      const own = PRECEDENCE[f.op];
      const text = `${format(f.left, own, false)} ${f.op} ${format(f.right, own, true)}`;
      // a - (b - c) and a / (b * c) need their parentheses; (a - b) - c does not.
      const needsParentheses = own < parentPrecedence || (own === parentPrecedence && isRightOperand);
      return needsParentheses ? `(${text})` : text;
    }
  }
}
