import { type Calendar, calendarOf } from './calendar.ts';
import { CALENDAR_RULES } from './grammar-calendar.ts';
import { DATE_RULES } from './grammar-dates.ts';
import { RELATIVE_RULES } from './grammar-relative.ts';
import type { GrammarRule, RuleScope } from './grammar-rule.ts';
import { foldText, sourceSpan } from './normalize-text.ts';
import { periodFromKey } from './period-from-key.ts';
import type { Lang, Period, PeriodContext, PeriodMatch } from './types.ts';

const RULES: readonly GrammarRule[] = [...DATE_RULES, ...CALENDAR_RULES, ...RELATIVE_RULES];

/**
 * A period right after these words is the comparison, not the period asked about:
 * "leads vs last year", "même semaine l'an dernier".
 */
const COMPARISON_BEFORE =
  /(?:^|[^\p{L}\p{N}])(?:vs\.?|versus|compared (?:to|with)|against|par rapport (?:a|au|aux|a l' ?)|compare (?:a|au|avec)|contre|same (?:day|week|month|quarter|half|period|time)|(?:la |le )?meme (?:jour|semaine|mois|trimestre|semestre|periode))\s*$/u;

/** How much text before a candidate can hold a comparison word. */
const COMPARISON_LOOKBEHIND = 30;

interface Candidate {
  index: number;
  length: number;
  period: Period;
}

function scopeOf(cal: Calendar): RuleScope {
  return { cal, today: { year: cal.now.year, month: cal.now.month, day: cal.now.day } };
}

function candidatesIn(text: string, cal: Calendar, wholePhrase: boolean): Candidate[] {
  const scope = scopeOf(cal);
  const found: Candidate[] = [];
  for (const { pattern, build, wholePhraseOnly } of RULES) {
    if (wholePhraseOnly && !wholePhrase) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      // Restart just after this match's start so overlapping phrases starting later are seen too.
      pattern.lastIndex = m.index + 1;
      const key = build(m.slice(1), scope);
      const period = key && periodFromKey(key, cal);
      if (period) found.push({ index: m.index, length: m[0].length, period });
    }
  }
  return found;
}

function isComparison(text: string, index: number) {
  return COMPARISON_BEFORE.test(text.slice(Math.max(0, index - COMPARISON_LOOKBEHIND), index));
}

/** The first phrase, widened to the longest phrase overlapping it ("from March 1 to 15" over "March 1"). */
function pickCandidate(candidates: Candidate[]): Candidate | undefined {
  const ordered = [...candidates].sort((a, b) => a.index - b.index || b.length - a.length);
  let best = ordered[0];
  if (!best) return undefined;
  for (const c of ordered) {
    const overlaps = c.index < best.index + best.length;
    if (overlaps && c.length > best.length) best = c;
  }
  return best;
}

/**
 * Finds the period phrase in free text (EN and FR both, whatever `lang` says, since users mix them; `lang`
 * is kept for callers' symmetry). Case and accents are ignored. A period that follows "vs" is the comparison
 * and is skipped. Returns null when the text names no period.
 */
export function findPeriod(text: string, ctx: PeriodContext, _lang?: Lang): PeriodMatch | null {
  const cal = calendarOf(ctx);
  const folded = foldText(text);
  const candidates = candidatesIn(folded.text, cal, false).filter((c) => !isComparison(folded.text, c.index));
  const best = pickCandidate(candidates);
  if (!best) return null;
  return { period: best.period, ...sourceSpan(folded, best.index, best.length) };
}

const PHRASE_PUNCTUATION = /^[\s"'«»“”()[\].,;:!?]+|[\s"'«»“”()[\].,;:!?]+$/gu;

/** Resolves a phrase that must be a period as a whole ("last week", "T3 2025", "2025"); null otherwise. */
export function resolvePeriod(phrase: string, ctx: PeriodContext): Period | null {
  const cal = calendarOf(ctx);
  const text = foldText(phrase).text.replace(PHRASE_PUNCTUATION, '');
  if (text.length === 0) return null;
  const whole = candidatesIn(text, cal, true).find((c) => c.index === 0 && c.length === text.length);
  return whole?.period ?? null;
}

/** The period used when a question names none: this week to date. */
export function defaultPeriod(ctx: PeriodContext): Period {
  const cal = calendarOf(ctx);
  const period = periodFromKey({ kind: 'toDate', unit: 'week' }, cal);
  if (!period) throw new Error('this week to date always resolves');
  return period;
}
