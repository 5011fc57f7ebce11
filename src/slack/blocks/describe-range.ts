import type { AnswerPeriod } from '../../core/answer.ts';
import { describeRange as describe } from '../../core/describe-range.ts';
import type { Lang } from '../../core/format.ts';

/** The answer's exact range for a Slack context line: "9 Nov 2026 → 15 Nov 2026 · Europe/Paris". */
export function describeRange(period: AnswerPeriod, lang: Lang): string {
  return describe(period, lang, 'dot');
}
