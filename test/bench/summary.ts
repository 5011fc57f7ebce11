import { ALERTS_TARGET_MS } from './alerts-bench.ts';
import type { AnswerBenchResult } from './answer-bench.ts';
import { ms, ratio, seconds, textTable } from './text-table.ts';

export const TARGETS = { answerP99Ms: 50, speedup: 20, incrementalShare: 0.05 } as const;

export interface SummaryInput {
  answers?: AnswerBenchResult;
  full?: { ms: number };
  incremental?: { ms: number };
  /** The steady evaluations of the alert rules (alerts-bench.ts: median and slowest, ms) and how many rules. */
  alerts?: { median: number; worst: number; runs: number; rules: number };
  /** Questions whose answer disagreed with the raw SQL, before or after the incremental recompute. */
  disagreements: number;
  checked: boolean;
}

/** The targets, each PASS or FAIL with the measured figure; a phase that did not run is skipped. */
export function summaryTable(s: SummaryInput): string {
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const rows: string[][] = [];
  if (s.answers) {
    const { answer, raw } = s.answers;
    const worst = s.answers.questions.reduce((a, b) => (b.answer.p99 > a.answer.p99 ? b : a));
    rows.push([
      `answer p99 ≤ ${TARGETS.answerP99Ms} ms`,
      verdict(answer.p99 <= TARGETS.answerP99Ms),
      `p99 ${ms(answer.p99)} ms over all questions (p50 ${ms(answer.p50)} ms); worst "${worst.text}" p99 ${ms(worst.answer.p99)} ms`,
    ]);
    const p50 = raw.p50 / answer.p50;
    const p99 = raw.p99 / answer.p99;
    const slowest = s.answers.questions.reduce((a, b) =>
      b.raw.p50 / b.answer.p50 < a.raw.p50 / a.answer.p50 ? b : a,
    );
    rows.push([
      `≥ ${TARGETS.speedup}× faster than raw SQL`,
      verdict(p50 >= TARGETS.speedup && p99 >= TARGETS.speedup),
      `raw/answer p50 ${ratio(p50)}, p99 ${ratio(p99)}; lowest "${slowest.text}" p50 ${ratio(slowest.raw.p50 / slowest.answer.p50)}`,
    ]);
  }
  if (s.full && s.incremental) {
    const share = s.incremental.ms / s.full.ms;
    rows.push([
      `incremental ≤ ${TARGETS.incrementalShare * 100}% of a full build`,
      verdict(share <= TARGETS.incrementalShare),
      `${(share * 100).toFixed(1)}% (${seconds(s.incremental.ms)} vs ${seconds(s.full.ms)})`,
    ]);
  }
  if (s.alerts) {
    rows.push([
      `${s.alerts.rules.toLocaleString('en')} alert rules ≤ ${seconds(ALERTS_TARGET_MS)}`,
      verdict(s.alerts.median <= ALERTS_TARGET_MS),
      `${seconds(s.alerts.median)} for a steady evaluation, median of ${s.alerts.runs} (slowest ${seconds(s.alerts.worst)}; ${((s.alerts.median * 1000) / s.alerts.rules).toFixed(0)} µs a rule)`,
    ]);
  }
  if (s.checked) {
    rows.push([
      'answers = raw SQL figures',
      verdict(s.disagreements === 0),
      s.disagreements === 0
        ? 'every figure within 1e-6'
        : `${s.disagreements} question(s) disagree (see above)`,
    ]);
  }
  return textTable(['target', 'result', 'measured'], rows);
}
