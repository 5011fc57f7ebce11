/** Words of the period grammar, in folded form (lower case, no accents). */

/** Month names and abbreviations, EN and FR → month number. */
export const MONTH_WORDS: Readonly<Record<string, number>> = {
  january: 1,
  janvier: 1,
  janv: 1,
  jan: 1,
  february: 2,
  fevrier: 2,
  fevr: 2,
  feb: 2,
  fev: 2,
  march: 3,
  mars: 3,
  mar: 3,
  april: 4,
  avril: 4,
  apr: 4,
  avr: 4,
  may: 5,
  mai: 5,
  june: 6,
  juin: 6,
  jun: 6,
  july: 7,
  juillet: 7,
  juil: 7,
  jul: 7,
  august: 8,
  aout: 8,
  aug: 8,
  september: 9,
  septembre: 9,
  sept: 9,
  sep: 9,
  october: 10,
  octobre: 10,
  oct: 10,
  november: 11,
  novembre: 11,
  nov: 11,
  december: 12,
  decembre: 12,
  dec: 12,
};

/**
 * Month words that are also ordinary words or abbreviations ("may", "sept" = seven in French, "mar"):
 * alone they are a period only after a preposition or before a year.
 */
export const AMBIGUOUS_MONTH_WORDS: ReadonlySet<string> = new Set([
  'may',
  'janv',
  'jan',
  'fevr',
  'feb',
  'fev',
  'mar',
  'apr',
  'avr',
  'jun',
  'juil',
  'jul',
  'aug',
  'sept',
  'sep',
  'oct',
  'nov',
  'dec',
]);

/** Small numbers written as words ("last seven days", "les trois derniers mois"). */
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  quatorze: 14,
  quinze: 15,
  vingt: 20,
  trente: 30,
  soixante: 60,
};

/** Ordinals naming quarters and halves: "third quarter", "2e trimestre", "premier semestre". */
export const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  premier: 1,
  '1er': 1,
  deuxieme: 2,
  seconde: 2,
  '2e': 2,
  '2eme': 2,
  troisieme: 3,
  '3e': 3,
  '3eme': 3,
  quatrieme: 4,
  '4e': 4,
  '4eme': 4,
};

/** Regex alternation of a word list, longest first so a prefix never wins over the whole word. */
function alternation(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

export const MONTH_PATTERN = alternation(Object.keys(MONTH_WORDS));
export const NUMBER_PATTERN = `\\d{1,3}|${alternation(Object.keys(NUMBER_WORDS))}`;
export const ORDINAL_PATTERN = alternation(Object.keys(ORDINAL_WORDS));

export function numberValue(word: string): number | undefined {
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];
}

type UnitWord = 'day' | 'week' | 'month' | 'quarter' | 'half' | 'year';

/** Unit words, singular and plural, EN and FR. */
export const UNIT_WORDS: Readonly<Record<string, UnitWord>> = {
  day: 'day',
  days: 'day',
  jour: 'day',
  jours: 'day',
  week: 'week',
  weeks: 'week',
  semaine: 'week',
  semaines: 'week',
  month: 'month',
  months: 'month',
  mois: 'month',
  quarter: 'quarter',
  quarters: 'quarter',
  trimestre: 'quarter',
  trimestres: 'quarter',
  half: 'half',
  halves: 'half',
  semestre: 'half',
  semestres: 'half',
  year: 'year',
  years: 'year',
  an: 'year',
  ans: 'year',
  annee: 'year',
  annees: 'year',
};

export const UNIT_PATTERN = alternation(Object.keys(UNIT_WORDS));
