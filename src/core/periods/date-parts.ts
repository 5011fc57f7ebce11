import { isValidLocalDate, localDateOf } from './calendar.ts';
import type { LocalDate } from './types.ts';
import { MONTH_PATTERN, MONTH_WORDS } from './vocabulary.ts';

/** What an absolute date phrase says; missing parts come from context (the other end of a range, or `now`). */
export interface DateParts {
  year?: number;
  month?: number;
  day?: number;
}

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

const B_END = '(?![\\p{L}\\p{N}])';
const DAY_SUFFIX = '(?:st|nd|rd|th|er|eme|e)?';
const DAY_NUMBER = `\\d{1,2}${DAY_SUFFIX}`;

/** Regex sources (no capturing groups) of the absolute date phrases, to embed in larger patterns. */
export const FULL_DATE_PATTERN = [
  '\\d{4}-\\d{1,2}-\\d{1,2}',
  '\\d{1,2}[/.]\\d{1,2}(?:[/.](?:\\d{4}|\\d{2}))?',
  '\\d{1,2}-\\d{1,2}-\\d{4}',
  `(?:the |le )?${DAY_NUMBER} (?:of |de )?(?:${MONTH_PATTERN})\\.?(?:,? \\d{4})?`,
  `(?:${MONTH_PATTERN})\\.? (?:the )?${DAY_NUMBER}${B_END}(?:,? \\d{4})?`,
].join('|');
/** A day number alone, valid as one end of a range whose other end names the month ("du 1er au 15 mars"). */
export const DAY_ONLY_PATTERN = `(?:the |le )?${DAY_NUMBER}`;
export const MONTH_YEAR_PATTERN = `(?:${MONTH_PATTERN})\\.?(?: (?:of |de )?\\d{4})?`;

const FORMS: ReadonlyArray<{ pattern: RegExp; read: (m: RegExpExecArray) => DateParts }> = [
  {
    pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
    read: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }),
  },
  {
    // French order, always: dd/mm[/yyyy].
    pattern: /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?$/,
    read: (m) => ({ day: Number(m[1]), month: Number(m[2]), ...yearPart(m[3]) }),
  },
  {
    pattern: new RegExp(
      `^(?:the |le )?(\\d{1,2})${DAY_SUFFIX} (?:of |de )?(${MONTH_PATTERN})\\.?(?:,? (\\d{4}))?$`,
    ),
    read: (m) => ({ day: Number(m[1]), month: monthOf(m[2]), ...yearPart(m[3]) }),
  },
  {
    pattern: new RegExp(`^(${MONTH_PATTERN})\\.? (?:the )?(\\d{1,2})${DAY_SUFFIX}(?:,? (\\d{4}))?$`),
    read: (m) => ({ month: monthOf(m[1]), day: Number(m[2]), ...yearPart(m[3]) }),
  },
  {
    pattern: new RegExp(`^(?:the |le )?(\\d{1,2})${DAY_SUFFIX}$`),
    read: (m) => ({ day: Number(m[1]) }),
  },
  {
    pattern: new RegExp(`^(${MONTH_PATTERN})\\.?(?: (?:of |de )?(\\d{4}))?$`),
    read: (m) => ({ month: monthOf(m[1]), ...yearPart(m[2]) }),
  },
  { pattern: /^(\d{4})$/, read: (m) => ({ year: Number(m[1]) }) },
];

function monthOf(word: string | undefined): number | undefined {
  return word === undefined ? undefined : MONTH_WORDS[word];
}

function yearPart(text: string | undefined): DateParts {
  if (text === undefined) return {};
  const year = Number(text);
  return { year: text.length === 2 ? 2000 + year : year };
}

/** Reads a folded date phrase matched by one of the patterns above; null when it is not a plausible date. */
export function parseDateParts(text: string): DateParts | null {
  for (const form of FORMS) {
    const m = form.pattern.exec(text.trim());
    if (!m) continue;
    const parts = form.read(m);
    if (parts.month !== undefined && (parts.month < 1 || parts.month > 12)) return null;
    if (parts.day !== undefined && (parts.day < 1 || parts.day > 31)) return null;
    if (parts.year !== undefined && (parts.year < 1970 || parts.year > 2200)) return null;
    return parts;
  }
  return null;
}

function compareDays(a: YearMonthDay, b: YearMonthDay): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function formatYmd(d: YearMonthDay): LocalDate {
  return localDateOf(d.year, d.month, d.day);
}

/** Years searched back for a year-less date such as Feb 29. */
const LEAP_SEARCH_YEARS = 8;

/**
 * A complete date from parts; a missing year means the latest occurrence on or before today, because users
 * talk about the past ("since March 1" in November is this year's March 1, never next year's).
 */
export function pastDate(parts: DateParts, today: YearMonthDay): YearMonthDay | null {
  const { month, day } = parts;
  if (month === undefined || day === undefined) return null;
  if (parts.year !== undefined) {
    return isValidLocalDate(parts.year, month, day) ? { year: parts.year, month, day } : null;
  }
  for (let year = today.year; year >= today.year - LEAP_SEARCH_YEARS; year--) {
    const candidate = { year, month, day };
    if (isValidLocalDate(year, month, day) && compareDays(candidate, today) <= 0) return candidate;
  }
  return null;
}

/** The first occurrence of month/day on or after `from`, for the open end of a range. */
function dateOnOrAfter(month: number, day: number, from: YearMonthDay): YearMonthDay | null {
  for (let year = from.year; year <= from.year + LEAP_SEARCH_YEARS; year++) {
    const candidate = { year, month, day };
    if (isValidLocalDate(year, month, day) && compareDays(candidate, from) >= 0) return candidate;
  }
  return null;
}

/**
 * Both ends of "from A to B". An end without a month shares the other end's month and year ("du 1er au 15 mars");
 * when both name a month, a missing year is filled so the range starts in the past and runs forward
 * ("du 15 décembre au 15 janvier" in February = December of last year to January).
 */
export function rangeDates(a: DateParts, b: DateParts, today: YearMonthDay) {
  if (a.day === undefined || b.day === undefined) return null;
  let from: YearMonthDay | null;
  let to: YearMonthDay | null;
  if (a.month === undefined || b.month === undefined) {
    const month = a.month ?? b.month;
    if (month === undefined) return null;
    from = pastDate({ year: a.year ?? b.year, month, day: a.day }, today);
    to = from && pastDate({ year: from.year, month, day: b.day }, today);
  } else if (a.year !== undefined) {
    from = pastDate(a, today);
    to = b.year !== undefined ? pastDate(b, today) : from && dateOnOrAfter(b.month, b.day, from);
  } else if (b.year !== undefined) {
    to = pastDate(b, today);
    from = to && pastDate(a, to);
  } else {
    from = pastDate(a, today);
    to = from && dateOnOrAfter(b.month, b.day, from);
  }
  if (!from || !to || compareDays(from, to) > 0) return null;
  return { from, to };
}
