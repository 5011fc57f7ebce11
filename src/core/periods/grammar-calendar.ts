import { fiscalYearOf } from './calendar.ts';
import { type GrammarRule, type RuleScope, rule } from './grammar-rule.ts';
import type { PeriodKey } from './types.ts';
import {
  AMBIGUOUS_MONTH_WORDS,
  MONTH_PATTERN,
  MONTH_WORDS,
  ORDINAL_PATTERN,
  ORDINAL_WORDS,
} from './vocabulary.ts';

const YEAR = '(\\d{4})';
const MIN_YEAR = 1970;
const MAX_YEAR = 2200;

function yearOf(text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined;
  const year = Number(text);
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

function currentFiscalYear(scope: RuleScope) {
  return fiscalYearOf(scope.cal.now, scope.cal.fiscalYearStart);
}

function quarterKey(q: number, yearText: string | undefined, scope: RuleScope): PeriodKey | null {
  const year = yearOf(yearText);
  if (year === null || q < 1 || q > 4) return null;
  return {
    kind: 'quarter',
    year: year ?? currentFiscalYear(scope),
    q,
    fiscalYearStart: scope.cal.fiscalYearStart,
  };
}

function halfKey(h: number, yearText: string | undefined, scope: RuleScope): PeriodKey | null {
  const year = yearOf(yearText);
  if (year === null || h < 1 || h > 2) return null;
  return {
    kind: 'half',
    year: year ?? currentFiscalYear(scope),
    h,
    fiscalYearStart: scope.cal.fiscalYearStart,
  };
}

function ordinalOf(word: string | undefined) {
  return word === undefined ? 0 : (ORDINAL_WORDS[word] ?? 0);
}

const MONTH_PREPOSITION =
  "(in |during |for |of |in the month of |for the month of |en |pendant |durant |pour |au mois d' ?|le mois d' ?|au mois de |le mois de |mois de )?";

function monthKey(
  prefix: string | undefined,
  word: string | undefined,
  yearText: string | undefined,
  scope: RuleScope,
) {
  const month = word === undefined ? undefined : MONTH_WORDS[word];
  const year = yearOf(yearText);
  if (month === undefined || year === null) return null;
  // "may", "mar", "sept" alone are words or numbers more often than months.
  if (year === undefined && prefix === undefined && word !== undefined && AMBIGUOUS_MONTH_WORDS.has(word))
    return null;
  // A bare month is the latest one that has started: "March" in February means last March.
  const resolvedYear = year ?? (month <= scope.today.month ? scope.today.year : scope.today.year - 1);
  return { kind: 'month', year: resolvedYear, month } satisfies PeriodKey;
}

/** Calendar periods named by the user: Q3 [2026], T3, H1/S1, "first quarter", month names, fiscal years. */
export const CALENDAR_RULES: readonly GrammarRule[] = [
  rule(`q([1-4])(?:[ /-]${YEAR})?|t([1-4])(?:[ /-]${YEAR})?`, (g, scope) =>
    quarterKey(Number(g[0] ?? g[2]), g[1] ?? g[3], scope),
  ),
  rule(`${YEAR}[ /-]?[qt]([1-4])`, (g, scope) => quarterKey(Number(g[1]), g[0], scope)),
  rule(
    `(?:the |le )?(${ORDINAL_PATTERN}) (?:fiscal )?(?:quarter|trimestre)(?: (?:of |de |d'|)${YEAR})?`,
    (g, scope) => quarterKey(ordinalOf(g[0]), g[1], scope),
  ),
  rule(`[hs]([12])(?:[ /-]${YEAR})?`, (g, scope) => halfKey(Number(g[0]), g[1], scope)),
  rule(`${YEAR}[ /-]?[hs]([12])`, (g, scope) => halfKey(Number(g[1]), g[0], scope)),
  rule(`(?:the |le )?(${ORDINAL_PATTERN}) (?:half|semestre)(?: (?:of |de |d'|)${YEAR})?`, (g, scope) =>
    halfKey(ordinalOf(g[0]), g[1], scope),
  ),
  rule(
    `${MONTH_PREPOSITION}(${MONTH_PATTERN})\\.?(?: (?:of |de )?${YEAR})?`,
    (g, scope) => monthKey(g[0], g[1], g[2], scope),
    { ownPrefix: true },
  ),
  rule(
    `(?:(?:in|during|for|en|pendant|durant|year|annee|l'annee|fiscal year|exercice) |fy ?)${YEAR}`,
    (g, scope) => {
      const year = yearOf(g[0]);
      return year ? { kind: 'year', year, fiscalYearStart: scope.cal.fiscalYearStart } : null;
    },
    { ownPrefix: true },
  ),
  rule(
    YEAR,
    (g, scope) => {
      const year = yearOf(g[0]);
      return year ? { kind: 'year', year, fiscalYearStart: scope.cal.fiscalYearStart } : null;
    },
    { ownPrefix: true, wholePhraseOnly: true },
  ),
];
