import { type GrammarRule, rule } from './grammar-rule.ts';
import type { CalendarUnit } from './types.ts';
import { NUMBER_PATTERN, numberValue, UNIT_PATTERN, UNIT_WORDS } from './vocabulary.ts';

const TODAY = "aujourd(?:' ?| )?hui|aujourdhui";

/** Phrases for the current unit up to now. */
const TO_DATE: Record<CalendarUnit, string[]> = {
  day: ['(?:so far )?today', TODAY, `(?:la journee d'|la journee d' )(?:${TODAY})`],
  week: [
    '(?:so far )?(?:this|the current|current) week(?: (?:to date|so far))?',
    '(?:the )?week to date|wtd',
    '(?:since|from) the (?:start|beginning) of (?:the |this )?week',
    'cette semaine(?:-ci| ci)?',
    '(?:la )?semaine en cours',
    'depuis (?:le )?debut (?:de )?(?:la |cette )?semaine',
  ],
  month: [
    '(?:so far )?(?:this|the current|current) month(?: (?:to date|so far))?',
    '(?:the )?month to date|mtd',
    '(?:since|from) the (?:start|beginning) of (?:the |this )?month',
    'ce mois(?:-ci| ci)?',
    '(?:le )?mois en cours',
    'depuis (?:le )?debut (?:du|de ce) mois',
  ],
  quarter: [
    '(?:so far )?(?:this|the current|current) (?:fiscal )?quarter(?: (?:to date|so far))?',
    '(?:the )?quarter to date|qtd',
    '(?:since|from) the (?:start|beginning) of (?:the |this )?quarter',
    'ce trimestre(?:-ci| ci)?',
    '(?:le )?trimestre en cours',
    'depuis (?:le )?debut (?:du|de ce) trimestre',
  ],
  half: [
    '(?:so far )?(?:this|the current|current) half(?:-year| year)?(?: (?:to date|so far))?',
    '(?:the )?half to date|htd',
    'ce semestre(?:-ci| ci)?',
    '(?:le )?semestre en cours',
    'depuis (?:le )?debut (?:du|de ce) semestre',
  ],
  year: [
    '(?:so far )?(?:this|the current|current) (?:fiscal )?year(?: (?:to date|so far))?',
    '(?:the )?(?:fiscal )?year to date|ytd|fytd',
    '(?:since|from) the (?:start|beginning) of (?:the |this )?(?:fiscal )?year',
    'cette annee(?:-ci| ci)?',
    "(?:l' ?|l )?(?:annee|exercice) en cours",
    'cet exercice',
    "depuis (?:le )?debut (?:de l' ?|de l |de cette )(?:annee|exercice)",
  ],
};

/** Phrases for the full unit before the current one. */
const PREVIOUS: Record<CalendarUnit, string[]> = {
  day: ['yesterday', 'hier'],
  week: [
    '(?:the )?(?:last|previous|past|prior) week',
    '(?:la )?semaine (?:derniere|passee|precedente)',
    '(?:la )?derniere semaine',
  ],
  month: ['(?:the )?(?:last|previous|past|prior) month', '(?:le )?mois (?:dernier|passe|precedent)'],
  quarter: [
    '(?:the )?(?:last|previous|past|prior) (?:fiscal )?quarter',
    '(?:le )?trimestre (?:dernier|passe|precedent)',
    '(?:le )?dernier trimestre',
  ],
  half: [
    '(?:the )?(?:last|previous|past|prior) half(?:-year| year)?',
    '(?:le )?semestre (?:dernier|passe|precedent)',
    '(?:le )?dernier semestre',
  ],
  year: [
    '(?:the )?(?:last|previous|past|prior) (?:fiscal )?year',
    "(?:l' ?|l )?(?:annee|exercice) (?:derniere|passee|precedente|dernier|passe|precedent)",
    "(?:l' ?|l )?an (?:dernier|passe)",
  ],
};

/** Phrases for the full unit two before the current one. */
const TWO_BEFORE: Record<CalendarUnit, string[]> = {
  day: ['(?:the )?day before yesterday', 'avant-hier|avant hier'],
  week: ['(?:the )?week before last'],
  month: ['(?:the )?month before last'],
  quarter: ['(?:the )?quarter before last'],
  half: [],
  year: ['(?:the )?year before last'],
};

/** A sanity bound so "last 100000 days" is not taken as a period. */
const MAX_UNITS: Record<CalendarUnit, number> = {
  day: 3660,
  week: 520,
  month: 120,
  quarter: 40,
  half: 20,
  year: 10,
};

function unitOf(word: string | undefined): CalendarUnit | undefined {
  return word === undefined ? undefined : UNIT_WORDS[word];
}

function countOf(word: string | undefined, unit: CalendarUnit | undefined): number | null {
  const n = word === undefined ? undefined : numberValue(word);
  if (n === undefined || unit === undefined || n < 1 || n > MAX_UNITS[unit]) return null;
  return n;
}

function fixedRules(
  table: Record<CalendarUnit, string[]>,
  build: (unit: CalendarUnit) => GrammarRule['build'],
) {
  return (Object.keys(table) as CalendarUnit[])
    .filter((unit) => table[unit].length > 0)
    .map((unit) => rule(table[unit].join('|'), build(unit)));
}

const N = `(${NUMBER_PATTERN})`;
const UNIT = `(${UNIT_PATTERN})`;

function lastNRule(source: string) {
  return rule(source, (g) => {
    const unit = unitOf(g[1]);
    const n = countOf(g[0], unit);
    return unit && n ? { kind: 'lastN', unit, n } : null;
  });
}

function agoRule(source: string) {
  return rule(source, (g) => {
    const unit = unitOf(g[1]);
    const n = countOf(g[0], unit);
    return unit && n ? { kind: 'relative', unit, offset: -n } : null;
  });
}

/** Relative periods: today, yesterday, this/last week..., WTD/MTD/QTD/YTD, last N days, N weeks ago. */
export const RELATIVE_RULES: readonly GrammarRule[] = [
  ...fixedRules(TO_DATE, (unit) => () => ({ kind: 'toDate', unit })),
  ...fixedRules(PREVIOUS, (unit) => () => ({ kind: 'relative', unit, offset: -1 })),
  ...fixedRules(TWO_BEFORE, (unit) => () => ({ kind: 'relative', unit, offset: -2 })),
  // "the last 30 days", "past 3 months" and "les 30 derniers jours", "30 derniers jours", "les derniers 30 jours".
  lastNRule(`(?:the )?(?:last|past|previous|prior) ${N} (?:full |complete )?${UNIT}`),
  lastNRule(`(?:les |ces )?${N} (?:derniers|dernieres|dernier|derniere) ${UNIT}`),
  lastNRule(`(?:les |ces )?(?:derniers|dernieres) ${N} ${UNIT}`),
  agoRule(`${N} ${UNIT} ago`),
  agoRule(`il y a ${N} ${UNIT}`),
];
