import type { Calendar } from './calendar.ts';
import type { YearMonthDay } from './date-parts.ts';
import type { PeriodKey } from './types.ts';

/** What a rule may read besides its match: the calendar (zone, now, week and fiscal starts) and today's date. */
export interface RuleScope {
  cal: Calendar;
  today: YearMonthDay;
}

/** One phrase shape of the period language, matched against folded text (see normalize-text.ts). */
export interface GrammarRule {
  pattern: RegExp;
  /** `groups[i]` is capture group i + 1; null rejects this match (e.g. "3/4" without a year). */
  build: (groups: ReadonlyArray<string | undefined>, scope: RuleScope) => PeriodKey | null;
  /** Only valid as a whole phrase (a bare "2025" in free text is more likely a count than a year). */
  wholePhraseOnly: boolean;
}

const B_START = '(?<![\\p{L}\\p{N}])';
const B_END = '(?![\\p{L}\\p{N}])';
/** Prepositions that belong to the period phrase: "in March", "over the last 30 days", "sur les 30 derniers jours". */
const LEADING_PREPOSITION =
  "(?:(?:in|during|over|for|on|within|en|pendant|durant|sur|pour|au cours de|au cours du|au cours des) |au cours de l' ?)?";

interface RuleOptions {
  /** The rule handles its own leading words ("since", "from", "in" before a month...). */
  ownPrefix?: boolean;
  wholePhraseOnly?: boolean;
}

export function rule(source: string, build: GrammarRule['build'], options: RuleOptions = {}): GrammarRule {
  const prefix = options.ownPrefix ? '' : LEADING_PREPOSITION;
  return {
    pattern: new RegExp(`${B_START}${prefix}(?:${source})${B_END}`, 'gu'),
    build,
    wholePhraseOnly: options.wholePhraseOnly ?? false,
  };
}
