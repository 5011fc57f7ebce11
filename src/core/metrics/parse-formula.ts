import { didYouMean } from './closest-names.ts';
import {
  type BinaryOperator,
  type Formula,
  FormulaError,
  type MeasureTerm,
  type TermWindow,
} from './formula.ts';
import { BREAKDOWNS, DIMENSION_KEY, dimensionFromKey, measureDimensions } from './measure-dimensions.ts';
import { ALL, type Dimension, MEASURE_NAMES, type MeasureName } from './measures.ts';

/** Lets a formula name catalog metrics, which expand to their value formula. */
export interface MetricResolver {
  /** The metric's value formula; null when the metric exists but cannot be used (it is invalid, or a cycle). */
  resolve(name: string): Formula | null | undefined;
  readonly names: readonly string[];
}

export interface ParseFormulaOptions {
  metrics?: MetricResolver;
}

const WINDOW_FUNCTIONS: readonly TermWindow[] = ['before_start', 'before_end'];
const MEASURE_SET: ReadonlySet<string> = new Set(MEASURE_NAMES);
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:\d+(?:\.\d+)?|\.\d+)/y;
// `*` is matched only to be refused with a clear message (it means ALL in the rollups).
const BARE_VALUE = /[A-Za-z0-9_.@:/+*-]+/y;

/**
 * Parses the formula language of metric definitions:
 *   formula := sum;  sum := product (('+' | '-') product)*;  product := unary (('*' | '/') unary)*
 *   unary := '-' unary | primary;  primary := number | '(' sum ')' | window '(' measure ')' | measure | metric
 *   measure := name ['{' key '=' value (',' key '=' value)* '}'];  window := before_start | before_end
 * Measure names take precedence over metric names (the count metrics share their measure's name anyway).
 */
export function parseFormula(source: string, options: ParseFormulaOptions = {}): Formula {
  return new FormulaParser(source, options.metrics).parse();
}

class FormulaParser {
  private pos = 0;

  constructor(
    private readonly source: string,
    private readonly metrics: MetricResolver | undefined,
  ) {}

  parse(): Formula {
    this.skipSpace();
    if (this.pos === this.source.length) throw this.error('The formula is empty', 0);
    const formula = this.sum();
    this.skipSpace();
    if (this.pos < this.source.length) {
      const char = this.source[this.pos];
      const hint = char === ')' ? "Unmatched ')'" : `Unexpected '${char}': an operator (+ - * /) is missing`;
      throw this.error(hint, this.pos);
    }
    return formula;
  }

  private sum(): Formula {
    let left = this.product();
    for (let op = this.operator('+-'); op; op = this.operator('+-')) {
      left = { type: 'binary', op, left, right: this.product() };
    }
    return left;
  }

  private product(): Formula {
    let left = this.unary();
    for (let op = this.operator('*/'); op; op = this.operator('*/')) {
      left = { type: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Formula {
    if (this.operator('-')) return { type: 'negate', operand: this.unary() };
    return this.primary();
  }

  private primary(): Formula {
    this.skipSpace();
    const start = this.pos;
    if (this.pos === this.source.length) {
      throw this.error('The formula ends too early: a number, a measure or "(" is missing', start);
    }
    const number = this.match(NUMBER);
    if (number !== undefined) return { type: 'number', value: Number(number) };
    if (this.accept('(')) {
      const inner = this.sum();
      this.expect(')', start, "'(' is never closed");
      return inner;
    }
    const name = this.match(IDENTIFIER);
    if (name === undefined) throw this.error(`Unexpected '${this.source[start]}'`, start);
    this.skipSpace();
    if (this.source[this.pos] === '(') return this.windowed(name, start);
    return this.reference(name, start, 'period');
  }

  /** before_start(measure) / before_end(measure). */
  private windowed(name: string, start: number): Formula {
    const window = WINDOW_FUNCTIONS.find((w) => w === name);
    if (!window) {
      throw this.error(
        `Unknown function ${name}(): the functions are before_start(measure) and before_end(measure)`,
        start,
      );
    }
    this.pos += 1;
    this.skipSpace();
    const argumentStart = this.pos;
    const measure = this.match(IDENTIFIER);
    if (measure === undefined) throw this.error(`${window}() takes one measure name`, argumentStart);
    const formula = this.reference(measure, argumentStart, window);
    this.expect(')', start, `${window}( is never closed: it takes exactly one measure`);
    return formula;
  }

  private reference(name: string, start: number, window: TermWindow): Formula {
    if (MEASURE_SET.has(name)) {
      const measure = name as MeasureName;
      const term: MeasureTerm = { measure, filter: this.filter(measure), window };
      return { type: 'term', term };
    }
    const metric = this.metrics?.resolve(name);
    if (metric !== undefined) {
      if (window !== 'period') {
        throw this.error(`${window}() takes a measure, and ${name} is a metric`, start);
      }
      if (metric === null) {
        throw this.error(
          `Metric ${name} cannot be used here: it is invalid or refers back to this metric`,
          start,
        );
      }
      this.skipSpace();
      if (this.source[this.pos] === '{') {
        throw this.error(
          `Filters apply to measures, and ${name} is a metric: filter its measures instead`,
          this.pos,
        );
      }
      return metric;
    }
    const known = [...MEASURE_NAMES, ...(this.metrics?.names ?? [])];
    const kind = this.metrics ? 'measure or metric' : 'measure';
    throw this.error(`Unknown ${kind} "${name}".${didYouMean(name, known)}`, start);
  }

  /** `{channel=web_form, stage="Proposal sent"}` after a measure name, or nothing. */
  private filter(measure: MeasureName): Partial<Record<Dimension, string>> {
    const filter: Partial<Record<Dimension, string>> = {};
    this.skipSpace();
    const open = this.pos;
    if (!this.accept('{')) return filter;
    do {
      this.skipSpace();
      const keyStart = this.pos;
      const key = this.match(IDENTIFIER);
      if (key === undefined)
        throw this.error('A filter needs a dimension name, e.g. {channel=web_form}', keyStart);
      const dimension = dimensionFromKey(key);
      if (!dimension) {
        throw this.error(`Unknown dimension "${key}": the dimensions are ${BREAKDOWNS.join(', ')}`, keyStart);
      }
      const carried = measureDimensions(measure);
      if (!carried.includes(dimension)) {
        const names = carried.map((d) => DIMENSION_KEY[d]).join(', ') || 'none';
        throw this.error(
          `${measure} has no ${DIMENSION_KEY[dimension]} dimension (it has: ${names})`,
          keyStart,
        );
      }
      if (filter[dimension] !== undefined) {
        throw this.error(`The ${DIMENSION_KEY[dimension]} filter is given twice`, keyStart);
      }
      this.expect('=', keyStart, `"${key}" must be followed by "=" and a value`);
      filter[dimension] = this.filterValue();
    } while (this.accept(','));
    this.expect('}', open, "'{' is never closed");
    return filter;
  }

  private filterValue(): string {
    this.skipSpace();
    const start = this.pos;
    const value = this.source[start] === '"' ? this.quoted() : this.match(BARE_VALUE);
    if (value === undefined) throw this.error('A filter value is missing (quote it if it has spaces)', start);
    if (value === ALL) throw this.error(`"${ALL}" means every value: leave the filter out instead`, start);
    return value;
  }

  /** A double-quoted value; \" and \\ are the escapes. Empty quotes select records with no value. */
  private quoted(): string {
    const start = this.pos;
    let value = '';
    for (let i = start + 1; i < this.source.length; i += 1) {
      const char = this.source[i];
      if (char === '"') {
        this.pos = i + 1;
        return value;
      }
      if (char === '\\' && i + 1 < this.source.length) i += 1;
      value += this.source[i];
    }
    throw this.error('This quoted value is never closed', start);
  }

  private operator(chars: string): BinaryOperator | undefined {
    this.skipSpace();
    const char = this.source[this.pos];
    if (char === undefined || !chars.includes(char)) return undefined;
    this.pos += 1;
    return char as BinaryOperator;
  }

  private accept(char: string): boolean {
    this.skipSpace();
    if (this.source[this.pos] !== char) return false;
    this.pos += 1;
    return true;
  }

  /** `whenMissing` explains an unclosed construct at its opening; anything else is reported where it is. */
  private expect(char: string, openedAt: number, whenMissing: string): void {
    if (this.accept(char)) return;
    const found = this.source[this.pos];
    if (found === undefined) throw this.error(whenMissing, openedAt);
    throw this.error(`Expected '${char}' but found '${found}'`, this.pos);
  }

  private match(pattern: RegExp): string | undefined {
    this.skipSpace();
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.source);
    if (!found) return undefined;
    this.pos = pattern.lastIndex;
    return found[0];
  }

  private skipSpace(): void {
    while (this.pos < this.source.length && /\s/.test(this.source[this.pos] ?? '')) this.pos += 1;
  }

  private error(message: string, position: number): FormulaError {
    return new FormulaError(message, this.source, position);
  }
}
