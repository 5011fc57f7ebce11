import { DateTime } from 'luxon';
import type { DateFormat } from './types.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date or date-time cell → the instant it names. A date without a time is the start of that calendar day in the
 * tenant's zone, and so is a date-time without an offset read in that zone; an offset or Z is honoured as written.
 */
export function parseInstant(raw: string, tz: string, format: DateFormat): Parsed<Date> {
  const local = readLocal(raw, tz, format);
  if (!local) return { ok: false, reason: notADate(raw, format) };
  return { ok: true, value: local.toJSDate() };
}

/** A calendar day cell → 'YYYY-MM-DD' (a date-time with an offset is first moved into the tenant's zone). */
export function parseDay(raw: string, tz: string, format: DateFormat): Parsed<string> {
  const local = readLocal(raw, tz, format);
  if (!local) return { ok: false, reason: notADate(raw, format) };
  return { ok: true, value: local.toISODate() ?? '' };
}

function readLocal(raw: string, tz: string, format: DateFormat): DateTime | null {
  const value = raw.trim();
  const iso = ISO_DATE.exec(value);
  if (iso) return calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]), tz);
  if (ISO_DATE_TIME.test(value)) {
    const text = value.replace(' ', 'T');
    const dt = DateTime.fromISO(text, { zone: tz, setZone: HAS_OFFSET.test(text) });
    return dt.isValid ? dt.setZone(tz) : null;
  }
  const slashed = format === 'iso' ? null : SLASHED.exec(value);
  if (!slashed) return null;
  const [first, second, year] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
  const [day, month] = format === 'dd/mm/yyyy' ? [first, second] : [second, first];
  const dt = DateTime.fromObject(
    {
      year,
      month,
      day,
      hour: Number(slashed[4] ?? 0),
      minute: Number(slashed[5] ?? 0),
      second: Number(slashed[6] ?? 0),
    },
    { zone: tz },
  );
  return dt.isValid && dt.day === day && dt.month === month ? dt : null;
}

/** Exports repeat the same few hundred days: zone arithmetic once per day and zone, not once per cell. */
const dayStarts = new Map<string, DateTime | null>();
const MAX_REMEMBERED_DAYS = 20_000;

function calendarDay(year: number, month: number, day: number, tz: string): DateTime | null {
  const key = `${tz}|${year}-${month}-${day}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return known;
  const dt = DateTime.fromObject({ year, month, day }, { zone: tz });
  if (dayStarts.size >= MAX_REMEMBERED_DAYS) dayStarts.clear();
  dayStarts.set(key, dt.isValid ? dt : null);
  return dt.isValid ? dt : null;
}

function notADate(raw: string, format: DateFormat): string {
  const expected =
    format === 'iso' ? 'YYYY-MM-DD or an ISO date-time' : `${format}, YYYY-MM-DD or an ISO date-time`;
  const hint =
    format === 'iso' && SLASHED.test(raw.trim()) ? ' (add --date-format dd/mm/yyyy or mm/dd/yyyy)' : '';
  return `'${raw}' is not a date (expected ${expected})${hint}`;
}

const CURRENCY = /^(?:[€$£¥]|[A-Z]{3}(?![\d.,]*[A-Z]))|(?:[€$£¥]|[A-Z]{3})$/g;

/**
 * A lenient amount: "1234", "1 234,50", "1.234,50", "1,234.50", "€1234", "12 EUR", "-3.5". With both separators the
 * last one is the decimal mark; a lone comma before exactly three digits after a non-zero ("1,234" but not "0,500") is a thousands separator.
 */
export function parseNumber(raw: string): Parsed<number> {
  let s = raw.trim().replace(/[\s\u00a0\u202f']/g, '');
  // One sign, before or after a leading currency symbol: "-€12" and "€-12".
  const signed = /^[+-]/.test(s) ? s : s.replace(CURRENCY, '');
  const negative = signed.startsWith('-');
  s = signed.replace(/^[+-]/, '').replace(CURRENCY, '');
  if (!/^(?:\d[\d.,]*|[.,]\d+)$/.test(s)) return { ok: false, reason: `'${raw}' is not a number` };
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let normalized: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    normalized = s.split(thousands).join('').replace(decimal, '.');
  } else if (lastComma >= 0) {
    const commas = s.split(',').length - 1;
    normalized = commas > 1 || /^[1-9]\d{0,2},\d{3}$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else {
    const dots = s.split('.').length - 1;
    normalized = dots > 1 ? s.replace(/\./g, '') : s;
  }
  const value = Number(normalized);
  if (!Number.isFinite(value) || (normalized.match(/\./g)?.length ?? 0) > 1) {
    return { ok: false, reason: `'${raw}' is not a number` };
  }
  return { ok: true, value: negative ? -value : value };
}

/** A non-negative whole count ("1 234" accepted). */
export function parseCount(raw: string): Parsed<number> {
  const parsed = parseNumber(raw);
  if (!parsed.ok) return parsed;
  if (!Number.isInteger(parsed.value) || parsed.value < 0 || parsed.value > 2_147_483_647) {
    return { ok: false, reason: `'${raw}' is not a whole count ≥ 0` };
  }
  return parsed;
}
