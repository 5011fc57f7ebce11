import { DateTime } from 'luxon';
import { formatShare, formatValue } from '../format.ts';
import type {
  AlertCondition,
  AlertLifecycle,
  AlertRange,
  AlertView,
  Contributor,
  Judgement,
  Lang,
} from './types.ts';
import { ratioText, versusText, weekdayName, windowText } from './wording.ts';

const NBSP = '\u00a0';

export interface AlertViewInput {
  stateId: string;
  ruleId: string;
  ruleName: string;
  lang: Lang;
  condition: AlertCondition;
  metric: AlertView['metric'];
  /** "Team Lyon", "Julien Moreau", "Company". */
  scopeLabel: string;
  judgement: Judgement;
  /** When this episode started firing (the lifecycle's firingSince, kept by the caller after a resolve). */
  firingSince: Date;
  /** Set when the alert resolved: the view says so and how long it lasted. */
  resolvedAt?: Date | null | undefined;
  lifecycle?: Pick<AlertLifecycle, 'ackedAt' | 'ackedBy' | 'snoozedUntil'> | undefined;
  current?: AlertRange | null | undefined;
  compared?: AlertRange | null | undefined;
  contributors?: Contributor[] | undefined;
  breakdownQuery?: string | null | undefined;
  /** The zone the ranges were computed in (the tenant's), shown beside them. */
  tz?: string | undefined;
}

/** The platform-neutral content of an alert message, in the rule's language. */
export function buildAlertView(input: AlertViewInput): AlertView {
  const resolvedAt = input.resolvedAt ?? null;
  const acked = input.lifecycle?.ackedAt
    ? { by: input.lifecycle.ackedBy ?? '', at: input.lifecycle.ackedAt.toISOString() }
    : null;
  return {
    alertId: input.stateId.slice(0, 8),
    stateId: input.stateId,
    ruleId: input.ruleId,
    ruleName: input.ruleName,
    lang: input.lang,
    status: resolvedAt ? 'resolved' : 'firing',
    acked,
    snoozedUntil: input.lifecycle?.snoozedUntil?.toISOString() ?? null,
    metric: { ...input.metric },
    scopeLabel: input.scopeLabel,
    headline: headline(input),
    judgement: input.judgement,
    current: input.current ?? null,
    compared: input.compared ?? null,
    contributors: input.contributors ?? [],
    firingSince: input.firingSince.toISOString(),
    resolvedAt: resolvedAt?.toISOString() ?? null,
    lasted: resolvedAt ? formatLasted(resolvedAt.getTime() - input.firingSince.getTime(), input.lang) : null,
    breakdownQuery: input.breakdownQuery ?? null,
    kind: input.condition.kind,
    ...(input.tz ? { tz: input.tz } : {}),
  };
}

/** One sentence: what happened, with the figures. */
export function headline(input: Pick<AlertViewInput, 'lang' | 'condition' | 'metric' | 'judgement'>): string {
  const { lang, condition: c, metric, judgement: j } = input;
  const f = (v: number | null) => formatValue(v, metric.format, lang, metric.currency);
  const label = metric.label;
  const colon = lang === 'fr' ? `${NBSP}:` : ':';
  if (j.skipped !== null || j.value === null) return `${label}${colon} ${j.reason}`;
  switch (c.kind) {
    case 'change': {
      const change = formatShare(Math.abs(j.value), lang);
      const current = j.baseline !== null ? j.baseline + j.value * Math.abs(j.baseline) : null;
      const versus = versusText(c.versus, c.windowDays, lang, c.baselineDays);
      if (lang === 'fr') {
        const sign = j.value < 0 ? '−' : '+';
        return `${label}${colon} ${sign}${change} ${versus} (${f(current)} contre ${f(j.baseline)})`;
      }
      const verb = j.value < 0 ? 'fell' : 'rose';
      return `${label} ${verb} ${change} ${versus} (${f(current)} vs ${f(j.baseline)})`;
    }
    case 'threshold': {
      const window = windowText(c.windowDays, lang);
      if (lang === 'fr') {
        const side = c.op === 'above' ? 'au-dessus de' : 'sous';
        return `${label}${colon} ${f(j.value)} ${window}, ${side} ${f(c.value)}`;
      }
      return `${label} is ${f(j.value)} ${window}, ${c.op} ${f(c.value)}`;
    }
    case 'pace': {
      const expected = j.baseline ?? 0;
      const actual = j.value * expected;
      const at = formatShare(j.value, lang);
      return lang === 'fr'
        ? `${label}${colon} ${at} du rythme de l'objectif (${f(actual)} sur ${f(expected)} attendus à ce jour)`
        : `${label} is at ${at} of the pace of its objective (${f(actual)} of ${f(expected)} expected by now)`;
    }
    case 'anomaly': {
      const day = j.day ?? '';
      const base = j.baseline ?? 0;
      const weekday = weekdayName(day, lang);
      const date = shortDate(day, lang);
      if (lang === 'fr') {
        const usual =
          base === 0
            ? `d'habitude 0 un ${weekday}`
            : `${ratioText(j.value, base, lang)} la normale d'un ${weekday} (médiane ${f(base)})`;
        return `${label}${colon} ${f(j.value)} le ${date}, ${usual}`;
      }
      const usual =
        base === 0
          ? `usually 0 on a ${weekday}`
          : `${ratioText(j.value, base, lang)} the usual for a ${weekday} (median ${f(base)})`;
      return `${label}: ${f(j.value)} on ${date}, ${usual}`;
    }
  }
}

/** "Tue 12 Nov" / "mar. 12 nov." from a local date 'YYYY-MM-DD'. */
function shortDate(date: string, lang: Lang): string {
  const dt = DateTime.fromISO(date, { zone: 'UTC', locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
  return dt.isValid ? dt.toFormat('ccc d LLL') : date;
}

/** "3 h 20 min", "2 d 4 h" / "2 j 4 h", "< 1 min" / "< 1 min": the two largest units. */
export function formatLasted(ms: number, lang: Lang): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return `<${NBSP}1${NBSP}min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const d = lang === 'fr' ? 'j' : 'd';
  const parts: string[] = [];
  if (days > 0) {
    parts.push(`${days}${NBSP}${d}`);
    if (hours > 0) parts.push(`${hours}${NBSP}h`);
  } else if (hours > 0) {
    parts.push(`${hours}${NBSP}h`);
    if (mins > 0) parts.push(`${mins}${NBSP}min`);
  } else {
    parts.push(`${mins}${NBSP}min`);
  }
  return parts.join(' ');
}
