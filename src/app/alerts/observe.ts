import type { AlertCondition, Lang, Observation } from '../../core/alerts/index.ts';
import { elapsedShare } from '../../core/alerts/index.ts';
import type { Catalog, CompiledMetric } from '../../core/metrics/index.ts';
import { evaluateMetric } from '../../core/metrics/index.ts';
import type { Period } from '../../core/periods/index.ts';
import type { LocalDay } from '../../store/rollups/local-days.ts';
import type { MemberPick, TermMap } from './read-plan.ts';
import type { TargetBook } from './target-book.ts';
import { alertRange, type RuleWindows, sameWeekdays } from './windows.ts';

/** Where an observation reads its term values from: the shared evaluation reads, or a replay's daily series. */
export interface ValueSource {
  range(which: 'current' | 'previous', pick: MemberPick): TermMap;
  day(day: LocalDay, pick: MemberPick): TermMap;
}

/** Who an observation is about: the scope's (or fan-out member's) rep and team, for objectives. */
export interface ObservedMember {
  pick: MemberPick;
  repId: string | null;
  teamId: string | null;
  channel: string | null;
}

export interface ObserveInput {
  metric: CompiledMetric;
  condition: AlertCondition;
  windows: RuleWindows;
  catalog: Catalog;
  targets: TargetBook;
  now: Date;
  tz: string;
  lang: Lang;
  /** Elapsed shares already computed in this evaluation (every member of a pace rule shares its period's). */
  shares?: Map<string, number>;
}

export function isAdditive(metric: CompiledMetric): boolean {
  return metric.kind === 'count' || metric.kind === 'sum';
}

/** The metric's figures from term values; an attainment metric also needs its objective over the same range. */
export function metricFigures(
  input: Pick<ObserveInput, 'metric' | 'catalog' | 'targets'>,
  member: ObservedMember,
  values: TermMap,
  period: Period | null,
) {
  const { metric } = input;
  if (metric.kind !== 'attainment') return evaluateMetric(metric, values);
  const of = metric.of ? input.catalog.get(metric.of) : undefined;
  const target =
    of && period && member.channel === null
      ? input.targets.target(of.name, isAdditive(of), { repId: member.repId, teamId: member.teamId }, period)
      : null;
  return evaluateMetric(metric, values, { target });
}

/** What the judge needs for one (rule, member) at `now`. */
export function observe(input: ObserveInput, member: ObservedMember, src: ValueSource): Observation {
  const { condition: c, windows: w, lang } = input;
  switch (c.kind) {
    case 'threshold': {
      const current = w.current!;
      const v = metricFigures(input, member, src.range('current', member.pick), current);
      return { kind: 'threshold', value: v.value, current: alertRange(current, lang) };
    }
    case 'change': {
      const current = w.current!;
      const previous = w.previous!;
      const now = metricFigures(input, member, src.range('current', member.pick), current);
      const before = metricFigures(input, member, src.range('previous', member.pick), previous);
      // The volume behind the baseline: a rate's denominator (proposals out of how many meetings), else the value.
      const ratio = Boolean(input.metric.denominatorF);
      const baselineVolume = Math.abs((ratio ? before.denominator : before.value) ?? 0);
      // A longer baseline (baselineDays) is compared per day for counts and sums; rates and averages as they are.
      const scale = !ratio && c.baselineDays !== undefined ? c.windowDays / c.baselineDays : 1;
      return {
        kind: 'change',
        value: now.value,
        baseline: before.value === null ? null : before.value * scale,
        baselineVolume,
        current: alertRange(current, lang),
        previous: alertRange(previous, lang),
      };
    }
    case 'pace': {
      const current = w.current!;
      const full = w.full!;
      const actual = evaluateMetric(input.metric, src.range('current', member.pick)).value;
      // Objectives are set per tenant, team or rep: a channel has none (a pace rule on a channel never judges).
      const target =
        member.channel === null && isAdditive(input.metric)
          ? input.targets.target(
              input.metric.name,
              true,
              { repId: member.repId, teamId: member.teamId },
              full,
            )
          : null;
      return {
        kind: 'pace',
        actual,
        target,
        elapsedShare: shareOf(input, full, c.workingDays),
        current: alertRange(current, lang),
      };
    }
    case 'anomaly': {
      const a = w.anomaly!;
      // Days before the member's first data in the span are unknown, not zero: a source connected three weeks
      // ago has no history to compare with, and its first days are not "anomalous" against zeros.
      const first = a.days.find((d) => src.day(d, member.pick).size > 0);
      const valueOn = (day: LocalDay) =>
        first === undefined || day < first
          ? null
          : evaluateMetric(input.metric, src.day(day, member.pick)).value;
      return {
        kind: 'anomaly',
        days: a.judged.map((date) => ({
          date,
          value: valueOn(date),
          history: sameWeekdays(date, a.weeks).map(valueOn),
        })),
      };
    }
  }
}

function shareOf(input: ObserveInput, full: Period, workingDays: boolean): number {
  const key = `${full.start.getTime()}|${full.end.getTime()}|${input.now.getTime()}|${input.tz}|${workingDays}`;
  let share = input.shares?.get(key);
  if (share === undefined) {
    share = elapsedShare(full, input.now, input.tz, workingDays);
    input.shares?.set(key, share);
  }
  return share;
}
