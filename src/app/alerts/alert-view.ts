import { DateTime } from 'luxon';
import {
  type AlertCondition,
  type AlertRange,
  type AlertView,
  buildAlertView,
  type Contributor,
  type Judgement,
  type Lang,
} from '../../core/alerts/index.ts';
import type { CompiledMetric } from '../../core/metrics/index.ts';
import { formatInstant } from '../../core/periods/index.ts';
import type { OutboundMessage } from '../delivery/types.ts';
import { alertKeys, type RootMessage } from './state-records.ts';
import type { RuleWindows } from './windows.ts';
import { alertRange, dayRange, sameWeekdays } from './windows.ts';

/** The ranges an alert compared, as its message shows them. */
export function comparedRanges(
  condition: AlertCondition,
  windows: RuleWindows,
  judgement: Pick<Judgement, 'day'>,
  tz: string,
  lang: Lang,
): { current: AlertRange | null; compared: AlertRange | null } {
  switch (condition.kind) {
    case 'threshold':
    case 'pace':
      return { current: windows.current ? alertRange(windows.current, lang) : null, compared: null };
    case 'change':
      return {
        current: windows.current ? alertRange(windows.current, lang) : null,
        compared: windows.previous ? alertRange(windows.previous, lang) : null,
      };
    case 'anomaly': {
      if (!judgement.day) return { current: null, compared: null };
      const history = sameWeekdays(judgement.day, condition.weeks);
      const first = DateTime.fromISO(history[0] ?? judgement.day, { zone: tz }).startOf('day');
      const end = DateTime.fromISO(judgement.day, { zone: tz }).startOf('day');
      const weekday = end.setLocale(lang === 'fr' ? 'fr-FR' : 'en-GB').toFormat('cccc');
      return {
        current: dayRange(judgement.day, tz, lang),
        compared: {
          start: formatInstant(first.toJSDate(), tz),
          end: formatInstant(end.toJSDate(), tz),
          label:
            lang === 'fr'
              ? `les ${condition.weeks} ${weekday}s précédents`
              : `the ${condition.weeks} previous ${weekday}s`,
        },
      };
    }
  }
}

export interface ViewInput {
  stateId: string;
  ruleId: string;
  ruleName: string;
  lang: Lang;
  condition: AlertCondition;
  metric: CompiledMetric;
  currency: string;
  tz: string;
  scopeLabel: string;
  judgement: Judgement;
  firingSince: Date;
  resolvedAt?: Date | null;
  lifecycle?: { ackedAt: Date | null; ackedBy: string | null; snoozedUntil: Date | null };
  current: AlertRange | null;
  compared: AlertRange | null;
  contributors: Contributor[];
  breakdownQuery: string | null;
}

/** CORE's AlertView of one alert, in the rule's language, with the zone its ranges are in. */
export function alertView(input: ViewInput): AlertView {
  const m = input.metric;
  return buildAlertView({
    stateId: input.stateId,
    ruleId: input.ruleId,
    ruleName: input.ruleName,
    lang: input.lang,
    condition: input.condition,
    metric: {
      name: m.name,
      label: m.label[input.lang],
      format: m.format,
      direction: m.direction,
      ...(m.format === 'currency' ? { currency: input.currency } : {}),
    },
    scopeLabel: input.scopeLabel,
    judgement: input.judgement,
    firingSince: input.firingSince,
    resolvedAt: input.resolvedAt ?? null,
    ...(input.lifecycle ? { lifecycle: input.lifecycle } : {}),
    current: input.current,
    compared: input.compared,
    contributors: input.contributors,
    breakdownQuery: input.breakdownQuery,
    tz: input.tz,
  });
}

/**
 * The view as one audience may see it: a by-rep explanation is rep-level detail, left out for a channel that may
 * not show rep figures (the alert itself is about a team or the company, so it still goes there).
 */
export function viewForAudience(view: AlertView, repDetail: boolean): AlertView {
  if (repDetail || !view.contributors.some((c) => c.key.startsWith('rep:'))) return view;
  return { ...view, contributors: view.contributors.filter((c) => !c.key.startsWith('rep:')) };
}

/** The outbox row that makes one posted copy of an alert show `view` (after an ack, a snooze, a resolve). */
export function updateMessage(
  tenantId: string,
  root: RootMessage,
  eventId: string,
  view: AlertView,
): OutboundMessage {
  return {
    tenantId,
    platform: root.platform,
    target: root.target,
    idempotencyKey: alertKeys.update(root.key, eventId),
    kind: 'alert',
    op: 'update',
    parentKey: root.key,
    view: viewForAudience(view, root.repDetail),
  };
}
