import type { CalendarUnit, Grain, Lang, Period, PeriodKey } from './types.ts';

const MONTHS: Record<Lang, readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
};

const THIS: Record<Lang, Record<CalendarUnit, string>> = {
  en: {
    day: 'today',
    week: 'this week',
    month: 'this month',
    quarter: 'this quarter',
    half: 'this half',
    year: 'this year',
  },
  fr: {
    day: "aujourd'hui",
    week: 'cette semaine',
    month: 'ce mois-ci',
    quarter: 'ce trimestre',
    half: 'ce semestre',
    year: 'cette année',
  },
};

const LAST: Record<Lang, Record<CalendarUnit, string>> = {
  en: {
    day: 'yesterday',
    week: 'last week',
    month: 'last month',
    quarter: 'last quarter',
    half: 'last half',
    year: 'last year',
  },
  fr: {
    day: 'hier',
    week: 'la semaine dernière',
    month: 'le mois dernier',
    quarter: 'le trimestre dernier',
    half: 'le semestre dernier',
    year: "l'année dernière",
  },
};

/** Unit nouns: [singular, plural]. */
const UNIT_NOUNS: Record<Lang, Record<CalendarUnit, readonly [string, string]>> = {
  en: {
    day: ['day', 'days'],
    week: ['week', 'weeks'],
    month: ['month', 'months'],
    quarter: ['quarter', 'quarters'],
    half: ['half', 'halves'],
    year: ['year', 'years'],
  },
  fr: {
    day: ['jour', 'jours'],
    week: ['semaine', 'semaines'],
    month: ['mois', 'mois'],
    quarter: ['trimestre', 'trimestres'],
    half: ['semestre', 'semestres'],
    year: ['année', 'années'],
  },
};
const FEMININE_FR: ReadonlySet<CalendarUnit> = new Set(['week', 'year']);

const PREVIOUS_LABEL: Record<Lang, Record<Grain, string>> = {
  en: {
    day: 'previous day',
    week: 'previous week',
    month: 'previous month',
    quarter: 'previous quarter',
    half: 'previous half',
    year: 'previous year',
    custom: 'previous period',
  },
  fr: {
    day: 'jour précédent',
    week: 'semaine précédente',
    month: 'mois précédent',
    quarter: 'trimestre précédent',
    half: 'semestre précédent',
    year: 'année précédente',
    custom: 'période précédente',
  },
};

const LAST_YEAR_LABEL: Record<Lang, Record<Grain, string>> = {
  en: {
    day: 'same day last year',
    week: 'same week last year',
    month: 'same month last year',
    quarter: 'same quarter last year',
    half: 'same half last year',
    year: 'previous year',
    custom: 'same period last year',
  },
  fr: {
    day: "même jour l'an dernier",
    week: "même semaine l'an dernier",
    month: "même mois l'an dernier",
    quarter: "même trimestre l'an dernier",
    half: "même semestre l'an dernier",
    year: 'année précédente',
    custom: "même période l'an dernier",
  },
};

function unitNoun(unit: CalendarUnit, n: number, lang: Lang) {
  const [one, many] = UNIT_NOUNS[lang][unit];
  return Math.abs(n) === 1 ? one : many;
}

interface Ymd {
  year: number;
  month: number;
  day: number;
}

function ymd(date: string): Ymd {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return { year, month, day };
}

function dayNumber(day: number, lang: Lang) {
  return lang === 'fr' && day === 1 ? '1er' : String(day);
}

function monthName(month: number, lang: Lang) {
  return MONTHS[lang][month - 1] ?? String(month);
}

/** "15 March 2026" / "1er mars 2026"; parts can be left out to share them with the other end of a range. */
function dateText(d: Ymd, lang: Lang, show: { month: boolean; year: boolean } = { month: true, year: true }) {
  let text = dayNumber(d.day, lang);
  if (show.month) text += ` ${monthName(d.month, lang)}`;
  if (show.year) text += ` ${d.year}`;
  return text;
}

function rangeText(fromDate: string, toDate: string, lang: Lang) {
  const from = ymd(fromDate);
  const to = ymd(toDate);
  if (fromDate === toDate) return dateText(from, lang);
  const sameYear = from.year === to.year;
  const sameMonth = sameYear && from.month === to.month;
  const start = dateText(from, lang, { month: !sameMonth, year: !sameYear });
  if (lang === 'fr') return `du ${start} au ${dateText(to, lang)}`;
  return sameMonth ? `${start}–${dateText(to, lang)}` : `${start} – ${dateText(to, lang)}`;
}

function lastNText(unit: CalendarUnit, n: number, lang: Lang) {
  if (lang === 'en')
    return n === 1 ? `last ${unitNoun(unit, n, lang)}` : `last ${n} ${unitNoun(unit, n, lang)}`;
  const feminine = FEMININE_FR.has(unit);
  if (n === 1) return `${feminine ? 'la dernière' : 'le dernier'} ${unitNoun(unit, n, lang)}`;
  return `les ${n} ${feminine ? 'dernières' : 'derniers'} ${unitNoun(unit, n, lang)}`;
}

function relativeText(unit: CalendarUnit, offset: number, lang: Lang) {
  if (offset === 0) return THIS[lang][unit];
  if (offset === -1) return LAST[lang][unit];
  if (offset === -2 && unit === 'day') return lang === 'en' ? 'the day before yesterday' : 'avant-hier';
  const n = Math.abs(offset);
  const noun = unitNoun(unit, n, lang);
  if (offset < 0) return lang === 'en' ? `${n} ${noun} ago` : `il y a ${n} ${noun}`;
  return lang === 'en' ? `in ${n} ${noun}` : `dans ${n} ${noun}`;
}

function fiscalText(
  kind: 'quarter' | 'half' | 'year',
  index: number,
  year: number,
  fyStart: number,
  lang: Lang,
) {
  const name = kind === 'quarter' ? (lang === 'en' ? 'Q' : 'T') : lang === 'en' ? 'H' : 'S';
  const yearText = fyStart === 1 ? String(year) : lang === 'en' ? `FY${year}` : `exercice ${year}`;
  return kind === 'year' ? yearText : `${name}${index} ${yearText}`;
}

function keyLabel(key: PeriodKey, p: Period, lang: Lang): string {
  switch (key.kind) {
    case 'toDate':
      return THIS[lang][key.unit];
    case 'relative':
      return relativeText(key.unit, key.offset, lang);
    case 'lastN':
      return lastNText(key.unit, key.n, lang);
    case 'day':
      return dateText(ymd(key.date), lang);
    case 'week':
      return lang === 'en'
        ? `week of ${dateText(ymd(key.start), lang)}`
        : `semaine du ${dateText(ymd(key.start), lang)}`;
    case 'month':
      return `${monthName(key.month, lang)} ${key.year}`;
    case 'quarter':
      return fiscalText('quarter', key.q, key.year, key.fiscalYearStart, lang);
    case 'half':
      return fiscalText('half', key.h, key.year, key.fiscalYearStart, lang);
    case 'year':
      return fiscalText('year', 0, key.year, key.fiscalYearStart, lang);
    case 'since':
      return lang === 'en'
        ? `since ${dateText(ymd(key.date), lang)}`
        : `depuis le ${dateText(ymd(key.date), lang)}`;
    case 'range':
      return rangeText(key.from, key.to, lang);
    case 'shifted':
      return comparisonLabel(key.relation, p, lang);
  }
}

/** The period in words, as the answer echoes it: "last week", "T3 2026", "depuis le 1er mars 2026". */
export function periodLabel(p: Period, lang: Lang): string {
  return keyLabel(p.key, p, lang);
}

/** How the comparison period is named next to the figure: "previous week", "même semaine l'an dernier". */
export function comparisonLabel(kind: 'previous' | 'last_year', p: Period, lang: Lang): string {
  return (kind === 'previous' ? PREVIOUS_LABEL : LAST_YEAR_LABEL)[lang][p.grain];
}
