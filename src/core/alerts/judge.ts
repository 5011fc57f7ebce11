import type { MetricFormat } from '../answer.ts';
import { formatShare, formatValue } from '../format.ts';
import type { AlertCondition, AlertStatus, Judgement, Lang, Observation } from './types.ts';
import { ratioText, signedPercent, signedPoints, versusText, weekdayName, windowText } from './wording.ts';

export interface JudgeOptions {
  lang: Lang;
  /** The state before this evaluation: the reason says "still" / "back" accordingly. */
  status: AlertStatus;
  format: MetricFormat;
  currency?: string | undefined;
}

/** Floating sums (0.8 / 1 − 1 = −0.19999…) must not miss a bound they reach exactly. */
const EPSILON = 1e-9;
const NBSP = '\u00a0';
/** An anomaly's MAD never goes under this share of the median, so a flat history does not make every day odd. */
const MAD_FLOOR = 0.05;
/** Fewer same-weekday values than this and a median means nothing. */
export const MIN_ANOMALY_HISTORY = 3;

type Condition<K extends AlertCondition['kind']> = Extract<AlertCondition, { kind: K }>;
type Obs<K extends Observation['kind']> = Extract<Observation, { kind: K }>;

/**
 * A judgement before it is put into words: the figures and the decision now, the reason when asked. An
 * evaluation of many thousand states words only those it records or tells (formatting is most of a judge's work).
 */
export type Finding = Omit<Judgement, 'reason'> & { word(): string };

/**
 * Judges one observation against a rule's condition: breaching (trigger bound crossed), recovered (recovery
 * bound met), neither (dead band), or skipped (nothing to judge). Pure; the reason is one sentence in `lang`.
 */
export function judge(condition: AlertCondition, observation: Observation, opts: JudgeOptions): Judgement {
  return worded(find(condition, observation, opts));
}

/** The judgement of a finding, with its reason. */
export function worded(f: Finding): Judgement {
  return {
    breaching: f.breaching,
    recovered: f.recovered,
    skipped: f.skipped,
    value: f.value,
    bound: f.bound,
    recoveryBound: f.recoveryBound,
    baseline: f.baseline,
    day: f.day,
    reason: f.word(),
  };
}

/** judge without the words: the same figures and decision, the reason only from `word()`. */
export function find(condition: AlertCondition, observation: Observation, opts: JudgeOptions): Finding {
  if (condition.kind !== observation.kind) {
    return skip('mismatch', () =>
      opts.lang === 'fr'
        ? `Observation «${NBSP}${observation.kind}${NBSP}» pour une règle «${NBSP}${condition.kind}${NBSP}».`
        : `A ${observation.kind} observation for a ${condition.kind} rule.`);
  }
  return withStatus(judgeKind(condition, observation, opts), opts);
}

function judgeKind(condition: AlertCondition, observation: Observation, opts: JudgeOptions): Finding {
  switch (condition.kind) {
    case 'threshold':
      return judgeThreshold(condition, observation as Obs<'threshold'>, opts);
    case 'change':
      return judgeChange(condition, observation as Obs<'change'>, opts);
    case 'pace':
      return judgePace(condition, observation as Obs<'pace'>, opts);
    case 'anomaly':
      return judgeAnomaly(condition, observation as Obs<'anomaly'>, opts);
  }
}

/** A firing alert's reason says whether it still holds or is back to normal: /kpi why reads it in sequence. */
function withStatus(j: Finding, opts: JudgeOptions): Finding {
  if (opts.status !== 'firing' || j.skipped !== null || !(j.breaching || j.recovered)) return j;
  const fr = opts.lang === 'fr';
  const prefix = j.breaching ? (fr ? `Toujours${NBSP}:` : 'Still:') : fr ? `Rétabli${NBSP}:` : 'Recovered:';
  const word = j.word;
  j.word = () => `${prefix} ${lowerFirst(word())}`;
  return j;
}

function skip(
  code: string,
  word: () => string,
  extra: Partial<Omit<Judgement, 'reason' | 'skipped'>> = {},
): Finding {
  return {
    breaching: false,
    recovered: false,
    skipped: code,
    value: null,
    bound: null,
    recoveryBound: null,
    baseline: null,
    day: null,
    word,
    ...extra,
  };
}

function noData(lang: Lang): Finding {
  return skip('no_data', () =>
    lang === 'fr'
      ? `Pas de données sur la période${NBSP}: rien à juger.`
      : 'No data for the period: nothing to judge.');
}

export function judgeThreshold(c: Condition<'threshold'>, o: Obs<'threshold'>, opts: JudgeOptions): Finding {
  const { lang } = opts;
  const value = o.value;
  if (value === null || !Number.isFinite(value)) return noData(lang);
  const recovery = c.recovery ?? c.value;
  const above = c.op === 'above';
  const breaching = above ? value > c.value + EPSILON : value < c.value - EPSILON;
  const recovered = !breaching && (above ? value <= recovery + EPSILON : value >= recovery - EPSILON);
  const word = () => {
    const f = (v: number) => formatValue(v, opts.format, lang, opts.currency);
    const window = windowText(c.windowDays, lang);
    let reason: string;
    if (lang === 'fr') {
      const side = above ? 'au-dessus du' : 'sous le';
      if (breaching) reason = `${f(value)} ${window}, ${side} seuil de ${f(c.value)}.`;
      else if (recovered) reason = `${f(value)} ${window}, du bon côté du seuil de ${f(c.value)}.`;
      else
        reason = `${f(value)} ${window}${NBSP}: revenu du bon côté du seuil de ${f(c.value)}, mais pas encore du seuil de rétablissement de ${f(recovery)}.`;
    } else {
      const side = above ? 'above' : 'below';
      if (breaching) reason = `${f(value)} ${window}, ${side} the ${f(c.value)} threshold.`;
      else if (recovered) reason = `${f(value)} ${window}, on the right side of the ${f(c.value)} threshold.`;
      else
        reason = `${f(value)} ${window}: back past the ${f(c.value)} threshold but not yet the ${f(recovery)} recovery bound.`;
    }
    return capitalize(reason);
  };
  return {
    breaching,
    recovered,
    skipped: null,
    value,
    bound: c.value,
    recoveryBound: recovery,
    baseline: null,
    day: null,
    word,
  };
}

/**
 * Change = value ÷ baseline − 1, also for percent metrics: a 60 % → 25 % rate is a 58 % drop (not 35 points),
 * so one `pct` means the same for every metric; the reason shows the points too.
 */
export function judgeChange(c: Condition<'change'>, o: Obs<'change'>, opts: JudgeOptions): Finding {
  const { lang } = opts;
  const { value, baseline } = o;
  if (value === null || baseline === null || !Number.isFinite(value) || !Number.isFinite(baseline))
    return noData(lang);
  const versus = () => versusText(c.versus, c.windowDays, lang, c.baselineDays);
  if (o.baselineVolume < c.minVolume) {
    return skip(
      'min_volume',
      () => {
        const volume = formatValue(o.baselineVolume, 'number', lang);
        const min = formatValue(c.minVolume, 'number', lang);
        return lang === 'fr'
          ? `Volume trop faible ${versus()} (${volume}, minimum ${min})${NBSP}: pas de jugement.`
          : `Too little volume ${versus()} (${volume}, minimum ${min}): not judged.`;
      },
      { value: null, baseline },
    );
  }
  if (baseline === 0) {
    return skip(
      'zero_baseline',
      () =>
        lang === 'fr'
          ? `La valeur de référence ${versus()} est 0${NBSP}: pas de variation calculable.`
          : `The baseline ${versus()} is 0: no change can be computed.`,
      { baseline: 0 },
    );
  }
  const change = (value - baseline) / Math.abs(baseline);
  const recoveryPct = c.recoveryPct ?? c.pct / 2;
  const sign = c.direction === 'drop' ? -1 : 1;
  const moved = sign * change;
  const breaching = moved >= c.pct - EPSILON;
  const recovered = !breaching && moved < recoveryPct - EPSILON;
  const word = () => {
    const f = (v: number) => formatValue(v, opts.format, lang, opts.currency);
    const pct = (v: number) => signedPercent(v, lang);
    const figures = `${f(value)} ${lang === 'fr' ? 'contre' : 'vs'} ${f(baseline)}`;
    const points =
      opts.format === 'percent'
        ? lang === 'fr'
          ? `${NBSP}; variation relative du taux, soit ${signedPoints(value - baseline, lang)}`
          : `; a relative change of the rate, ${signedPoints(value - baseline, lang)}`
        : '';
    const trigger = pct(sign * c.pct);
    let verdict: string;
    if (lang === 'fr') {
      if (breaching) verdict = `au-delà du déclencheur de ${trigger}`;
      else if (recovered) verdict = `en deçà du seuil de rétablissement de ${pct(sign * recoveryPct)}`;
      else verdict = `entre le rétablissement (${pct(sign * recoveryPct)}) et le déclencheur (${trigger})`;
    } else if (breaching) verdict = `beyond the ${trigger} trigger`;
    else if (recovered) verdict = `within the ${pct(sign * recoveryPct)} recovery bound`;
    else verdict = `between the ${pct(sign * recoveryPct)} recovery bound and the ${trigger} trigger`;
    return lang === 'fr'
      ? `Variation de ${pct(change)} ${versus()} (${figures}${points}), ${verdict}.`
      : `Changed ${pct(change)} ${versus()} (${figures}${points}), ${verdict}.`;
  };
  return {
    breaching,
    recovered,
    skipped: null,
    value: change,
    bound: sign * c.pct,
    recoveryBound: sign * recoveryPct,
    baseline,
    day: null,
    word,
  };
}

/** Attainment = actual ÷ (target × elapsed share); a missing actual counts as 0 (nothing signed yet is behind). */
export function judgePace(c: Condition<'pace'>, o: Obs<'pace'>, opts: JudgeOptions): Finding {
  const { lang } = opts;
  const target = o.target;
  if (target === null || !Number.isFinite(target) || target <= 0) {
    return skip('no_target', () =>
      lang === 'fr'
        ? `Pas d'objectif pour cette période${NBSP}: le rythme ne peut pas être jugé.`
        : 'No objective for this period: the pace cannot be judged.');
  }
  const share = Math.min(1, Math.max(0, o.elapsedShare));
  if (share < c.minElapsed || share <= 0) {
    return skip('too_early', () => {
      const elapsed = formatShare(share, lang);
      const min = formatShare(c.minElapsed, lang);
      return lang === 'fr'
        ? `Trop tôt dans la période (${elapsed} écoulés, minimum ${min})${NBSP}: pas de jugement.`
        : `Too early in the period (${elapsed} elapsed, minimum ${min}): not judged.`;
    });
  }
  const actual = o.actual !== null && Number.isFinite(o.actual) ? o.actual : 0;
  const expected = target * share;
  const attainment = actual / expected;
  const recovery = c.recovery ?? Math.max(c.below, Math.min(1, c.below + 0.1));
  const breaching = attainment < c.below - EPSILON;
  const recovered = !breaching && attainment >= recovery - EPSILON;
  const word = () => {
    const f = (v: number) => formatValue(v, opts.format, lang, opts.currency);
    const at = formatShare(attainment, lang);
    const elapsed = formatShare(share, lang);
    if (lang === 'fr') {
      const verdict = breaching
        ? `sous le seuil de ${formatShare(c.below, lang)}`
        : recovered
          ? `au-dessus du seuil de rétablissement de ${formatShare(recovery, lang)}`
          : `entre ${formatShare(c.below, lang)} et le rétablissement à ${formatShare(recovery, lang)}`;
      return `${f(actual)} sur ${f(expected)} attendus à ce jour (${elapsed} de la période, objectif ${f(target)})${NBSP}: ${at} du rythme, ${verdict}.`;
    }
    const verdict = breaching
      ? `under the ${formatShare(c.below, lang)} bound`
      : recovered
        ? `at or above the ${formatShare(recovery, lang)} recovery bound`
        : `between ${formatShare(c.below, lang)} and the ${formatShare(recovery, lang)} recovery bound`;
    return `${f(actual)} of ${f(expected)} expected by now (${elapsed} of the period, objective ${f(target)}): ${at} of pace, ${verdict}.`;
  };
  return {
    breaching,
    recovered,
    skipped: null,
    value: attainment,
    bound: c.below,
    recoveryBound: recovery,
    baseline: expected,
    day: null,
    word,
  };
}

export interface DayVerdict {
  date: string;
  value: number;
  median: number;
  mad: number;
  /** (value − median) ÷ MAD; ±Infinity when the MAD is 0 and the value differs. */
  score: number;
  anomalous: boolean;
}

/** The same-weekday baseline of one day: median, MAD floored at 5 % of the median, and the verdict. */
export function judgeDay(
  c: Condition<'anomaly'>,
  day: { date: string; value: number | null; history: Array<number | null> },
): DayVerdict | null {
  const history = day.history.filter((v): v is number => v !== null && Number.isFinite(v));
  if (day.value === null || !Number.isFinite(day.value) || history.length < MIN_ANOMALY_HISTORY) return null;
  const m = median(history);
  const mad = Math.max(median(history.map((v) => Math.abs(v - m))), MAD_FLOOR * Math.abs(m));
  const diff = day.value - m;
  const score = diff === 0 ? 0 : mad === 0 ? Math.sign(diff) * Number.POSITIVE_INFINITY : diff / mad;
  const relative = m === 0 ? (diff === 0 ? 0 : Number.POSITIVE_INFINITY) : Math.abs(diff / m);
  const inDirection = c.direction === 'both' || (c.direction === 'up' ? diff > 0 : diff < 0);
  const anomalous =
    inDirection &&
    Math.abs(diff) > c.sensitivity * mad + EPSILON &&
    relative >= c.minChange - EPSILON &&
    Math.max(day.value, m) >= c.minVolume;
  return { date: day.date, value: day.value, median: m, mad, score, anomalous };
}

/** Breach while any day of the lookback is anomalous in the rule's direction; reports the most anomalous day. */
export function judgeAnomaly(c: Condition<'anomaly'>, o: Obs<'anomaly'>, opts: JudgeOptions): Finding {
  const { lang } = opts;
  const verdicts = o.days.flatMap((d) => judgeDay(c, d) ?? []);
  if (verdicts.length === 0) {
    return skip('no_history', () =>
      lang === 'fr'
        ? `Pas assez d'historique (au moins ${MIN_ANOMALY_HISTORY} mêmes jours de semaine avec des données)${NBSP}: pas de jugement.`
        : `Not enough history (at least ${MIN_ANOMALY_HISTORY} same weekdays with data): not judged.`);
  }
  const anomalous = verdicts.filter((v) => v.anomalous);
  const pool = anomalous.length > 0 ? anomalous : verdicts;
  // Most anomalous first; on a tie the latest day (the freshest news).
  const worst = pool.reduce((a, b) => (Math.abs(b.score) >= Math.abs(a.score) ? b : a));
  const breaching = anomalous.length > 0;
  const up = c.direction === 'up' || (c.direction === 'both' && worst.value >= worst.median);
  const bound = worst.median + (up ? 1 : -1) * c.sensitivity * worst.mad;
  const word = () => {
    const f = (v: number) => formatValue(v, opts.format, lang, opts.currency);
    const times = ratioText(worst.value, worst.median, lang);
    const weekday = weekdayName(worst.date, lang);
    if (lang === 'fr') {
      return breaching
        ? `${f(worst.value)} le ${worst.date}, ${times} la normale d'un ${weekday} (médiane ${f(worst.median)}, écart ${f(worst.mad)})${NBSP}: anomalie.`
        : `Rien d'inhabituel${NBSP}: ${f(worst.value)} le ${worst.date}, pour une médiane de ${f(worst.median)} le ${weekday}.`;
    }
    return breaching
      ? `${f(worst.value)} on ${worst.date}, ${times} the usual for a ${weekday} (median ${f(worst.median)}, MAD ${f(worst.mad)}): anomalous.`
      : `Nothing unusual: ${f(worst.value)} on ${worst.date}, against a ${weekday} median of ${f(worst.median)}.`;
  };
  return {
    breaching,
    recovered: !breaching,
    skipped: null,
    value: worst.value,
    bound,
    recoveryBound: bound,
    baseline: worst.median,
    day: worst.date,
    word,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Changed -59% …" → "changed -59% …", leaving figures and acronyms ("CA", "€3,200") as they are. */
function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
