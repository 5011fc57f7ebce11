/**
 * Just enough SOQL for the fake Salesforce: SELECT fields (dotted relationship fields too) FROM object
 * [WHERE conditions with AND / OR / parentheses, = != < > <= >=, IN (…)] [ORDER BY fields] [LIMIT n].
 * Literals: 'strings', numbers, true/false/null, dates (2026-03-02) and dateTimes (2026-03-02T09:00:00Z).
 */

export type Row = Record<string, unknown>;
type Literal = string | number | boolean | null | { dateTime: number };
type Condition =
  | { op: 'and' | 'or'; left: Condition; right: Condition }
  | { op: 'compare'; field: string; operator: string; value: Literal }
  | { op: 'in'; field: string; values: Literal[] };

export interface SoqlQuery {
  fields: string[];
  object: string;
  where: Condition | null;
  orderBy: string[];
  limit: number | null;
}

const TOKEN =
  /\s*(?:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))|(\d{4}-\d{2}-\d{2})|'((?:\\.|[^'\\])*)'|(-?\d+(?:\.\d+)?)|(!=|<=|>=|=|<|>|\(|\)|,)|([A-Za-z_][\w.]*))/y;

type Token = { kind: 'dateTime' | 'date' | 'string' | 'number' | 'punct' | 'word'; text: string };

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < soql.length) {
    if (/^\s*$/.test(soql.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(soql);
    if (!m) throw new SoqlError(`unexpected text at ${start}: ${soql.slice(start, start + 20)}`);
    if (m[1] !== undefined) tokens.push({ kind: 'dateTime', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'date', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'string', text: m[3].replace(/\\(.)/g, '$1') });
    else if (m[4] !== undefined) tokens.push({ kind: 'number', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'punct', text: m[5] });
    else tokens.push({ kind: 'word', text: m[6] ?? '' });
  }
  return tokens;
}

export class SoqlError extends Error {}

export function parseSoql(soql: string): SoqlQuery {
  const tokens = tokenize(soql);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (!t) throw new SoqlError('unexpected end of query');
    return t;
  };
  const keyword = (word: string) => {
    const t = peek();
    if (t?.kind === 'word' && t.text.toUpperCase() === word) {
      i++;
      return true;
    }
    return false;
  };
  const expect = (word: string) => {
    if (!keyword(word)) throw new SoqlError(`expected ${word}`);
  };
  const fieldList = () => {
    const fields = [next().text];
    while (peek()?.text === ',') {
      i++;
      fields.push(next().text);
    }
    return fields;
  };
  const literal = (): Literal => {
    const t = next();
    if (t.kind === 'dateTime')
      return { dateTime: Date.parse(t.text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) };
    if (t.kind === 'date' || t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    const word = t.text.toLowerCase();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    throw new SoqlError(`bad literal ${t.text}`);
  };
  const factor = (): Condition => {
    if (peek()?.text === '(') {
      i++;
      const inner = expression();
      if (next().text !== ')') throw new SoqlError('expected )');
      return inner;
    }
    const field = next().text;
    if (keyword('IN')) {
      if (next().text !== '(') throw new SoqlError('expected ( after IN');
      const values = [literal()];
      while (peek()?.text === ',') {
        i++;
        values.push(literal());
      }
      if (next().text !== ')') throw new SoqlError('expected )');
      return { op: 'in', field, values };
    }
    const operator = next().text;
    if (!['=', '!=', '<', '>', '<=', '>='].includes(operator))
      throw new SoqlError(`bad operator ${operator}`);
    return { op: 'compare', field, operator, value: literal() };
  };
  const term = (): Condition => {
    let left = factor();
    while (keyword('AND')) left = { op: 'and', left, right: factor() };
    return left;
  };
  const expression = (): Condition => {
    let left = term();
    while (keyword('OR')) left = { op: 'or', left, right: term() };
    return left;
  };

  expect('SELECT');
  const fields = fieldList();
  expect('FROM');
  const object = next().text;
  const where = keyword('WHERE') ? expression() : null;
  let orderBy: string[] = [];
  if (keyword('ORDER')) {
    expect('BY');
    orderBy = fieldList();
  }
  const limit = keyword('LIMIT') ? Number(next().text) : null;
  if (i !== tokens.length) throw new SoqlError(`unexpected ${peek()?.text}`);
  return { fields, object, where, orderBy, limit };
}

/** Field value on a row; `resolve` follows relationship fields such as Account.Name. */
export type FieldReader = (row: Row, field: string) => unknown;

function compare(a: unknown, b: Literal): number | null {
  if (b !== null && typeof b === 'object') {
    if (typeof a !== 'string') return null;
    const at = Date.parse(a.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return at - b.dateTime;
  }
  if (a === null || a === undefined || b === null)
    return a === b || (a === undefined && b === null) ? 0 : null;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : 1;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function matches(condition: Condition | null, row: Row, read: FieldReader): boolean {
  if (condition === null) return true;
  switch (condition.op) {
    case 'and':
      return matches(condition.left, row, read) && matches(condition.right, row, read);
    case 'or':
      return matches(condition.left, row, read) || matches(condition.right, row, read);
    case 'in':
      return condition.values.some((v) => compare(read(row, condition.field), v) === 0);
    case 'compare': {
      const c = compare(read(row, condition.field), condition.value);
      if (c === null) return condition.operator === '!=';
      return (
        { '=': c === 0, '!=': c !== 0, '<': c < 0, '>': c > 0, '<=': c <= 0, '>=': c >= 0 }[
          condition.operator
        ] ?? false
      );
    }
  }
}

export function sortRows(rows: Row[], orderBy: string[], read: FieldReader): Row[] {
  return [...rows].sort((a, b) => {
    for (const field of orderBy) {
      const x = read(a, field);
      const y = read(b, field);
      const c =
        x === y ? 0 : x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : x < y ? -1 : 1;
      if (c !== 0) return c;
    }
    return 0;
  });
}
