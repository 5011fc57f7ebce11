import {
  DAY_ONLY_PATTERN,
  type DateParts,
  FULL_DATE_PATTERN,
  formatYmd,
  MONTH_YEAR_PATTERN,
  parseDateParts,
  pastDate,
  rangeDates,
  type YearMonthDay,
} from './date-parts.ts';
import { type GrammarRule, type RuleScope, rule } from './grammar-rule.ts';
import type { PeriodKey } from './types.ts';

const FULL_DATE = `(${FULL_DATE_PATTERN})`;
const DATE_OR_DAY = `(${FULL_DATE_PATTERN}|${DAY_ONLY_PATTERN})`;
const MONTH_YEAR = `(${MONTH_YEAR_PATTERN})`;
const UNTIL_NOW = "(today|now|aujourd(?:' ?| )?hui|maintenant|ce jour)";
const RANGE_START = "(?:(?:from|between|du|entre|de) |d' ?)";
const RANGE_SEPARATOR = "(?: ?- ?| (?:to|and|until|till|through|thru|au|a|et|jusqu'au|jusqu'a|jusqu' au) )";
const SINCE =
  "(?:since|as of|starting|starting from|from|depuis|a partir du|a partir de|a partir d' ?|a compter du|a compter de|a compter d' ?|des le) ";

function parts(text: string | undefined): DateParts | null {
  return text === undefined ? null : parseDateParts(text);
}

/** A numeric date without a year ("3/4", "2.5") is too often a ratio or a decimal to be read as a day alone. */
function isBareNumeric(text: string, p: DateParts) {
  return p.year === undefined && /^\d/.test(text) && /[/.-]/.test(text);
}

function dayKey(text: string | undefined, scope: RuleScope): PeriodKey | null {
  const p = parts(text);
  if (!p || text === undefined || isBareNumeric(text, p)) return null;
  const date = pastDate(p, scope.today);
  return date && { kind: 'day', date: formatYmd(date) };
}

/** The first day a "since" phrase names: a date, a month (its 1st), a year (1 January) or a day of this month. */
function sinceStart(p: DateParts, today: YearMonthDay): YearMonthDay | null {
  if (p.day !== undefined && p.month === undefined) {
    const thisMonth = pastDate({ ...p, month: today.month, year: today.year }, today);
    if (thisMonth && thisMonth.day <= today.day) return thisMonth;
    const previous =
      today.month === 1 ? { year: today.year - 1, month: 12 } : { ...today, month: today.month - 1 };
    return pastDate({ ...p, ...previous }, today);
  }
  if (p.month === undefined) return p.year === undefined ? null : { year: p.year, month: 1, day: 1 };
  return pastDate({ ...p, day: p.day ?? 1 }, today);
}

function sinceKey(text: string | undefined, scope: RuleScope): PeriodKey | null {
  const p = parts(text);
  const start = p && sinceStart(p, scope.today);
  return start && { kind: 'since', date: formatYmd(start) };
}

function rangeKey(
  fromText: string | undefined,
  toText: string | undefined,
  scope: RuleScope,
): PeriodKey | null {
  const from = parts(fromText);
  const to = parts(toText);
  if (!from || !to || from.day === undefined || to.day === undefined) return null;
  const range = rangeDates(from, to, scope.today);
  return range && { kind: 'range', from: formatYmd(range.from), to: formatYmd(range.to) };
}

function lastDayOfMonth(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthRangeKey(
  fromText: string | undefined,
  toText: string | undefined,
  scope: RuleScope,
): PeriodKey | null {
  const from = parts(fromText);
  const to = parts(toText);
  if (from?.month === undefined || to?.month === undefined) return null;
  // Ask for the last day of the end month only once its year is known: resolve with day 1, then extend.
  const range = rangeDates({ ...from, day: 1 }, { ...to, day: 1 }, scope.today);
  if (!range) return null;
  const end = { ...range.to, day: lastDayOfMonth(range.to.year, range.to.month) };
  return { kind: 'range', from: formatYmd(range.from), to: formatYmd(end) };
}

/** Absolute dates, "since <date>" and explicit ranges ("from A to B", "du 1er au 15 mars", "janvier à mars"). */
export const DATE_RULES: readonly GrammarRule[] = [
  rule(`(?:on |le |on the )?${FULL_DATE}`, (g, scope) => dayKey(g[0], scope), { ownPrefix: true }),
  rule(
    `${SINCE}(?:the |le )?(${FULL_DATE_PATTERN}|${MONTH_YEAR_PATTERN}|\\d{4}|(?:the|le) \\d{1,2}(?:st|nd|rd|th|er|e)?)`,
    (g, scope) => sinceKey(g[0], scope),
    {
      ownPrefix: true,
    },
  ),
  rule(
    `(?:since|depuis) (?:yesterday|hier)`,
    (_g, scope) => {
      const yesterday = scope.cal.now.minus({ days: 1 });
      return { kind: 'since', date: yesterday.toFormat('yyyy-MM-dd') };
    },
    { ownPrefix: true },
  ),
  rule(
    `${RANGE_START}${DATE_OR_DAY}${RANGE_SEPARATOR}${DATE_OR_DAY}`,
    (g, scope) => rangeKey(g[0], g[1], scope),
    {
      ownPrefix: true,
    },
  ),
  rule(`${FULL_DATE}(?: ?- ?| (?:to|until|through|au) )${DATE_OR_DAY}`, (g, scope) =>
    rangeKey(g[0], g[1], scope),
  ),
  rule(`(${DAY_ONLY_PATTERN}) ?- ?${FULL_DATE}`, (g, scope) => rangeKey(g[0], g[1], scope)),
  rule(`(?:${RANGE_START})?${FULL_DATE}${RANGE_SEPARATOR}${UNTIL_NOW}`, (g, scope) => sinceKey(g[0], scope), {
    ownPrefix: true,
  }),
  rule(`(?:${RANGE_START}|du mois de )?${MONTH_YEAR}${RANGE_SEPARATOR}${MONTH_YEAR}`, (g, scope) =>
    monthRangeKey(g[0], g[1], scope),
  ),
];
