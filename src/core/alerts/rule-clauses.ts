import type { foldText } from '../periods/normalize-text.ts';
import { sourceSpan } from '../periods/normalize-text.ts';
import { extractBreakdown } from '../query/breakdown.ts';
import type { ChatEntity } from '../query/chat-entities.ts';
import type { TokenClaims } from '../query/token-claims.ts';
import {
  ABOVE,
  ANOMALY,
  CADENCES,
  CALENDAR,
  CHANGE,
  CHANNEL_ROUTE,
  DIPS,
  DM_ROUTE,
  DROP,
  FALLS,
  FOR_EVALUATIONS,
  LAST_YEAR,
  MANAGER,
  NO_REPEAT,
  NUM,
  PACE,
  PACE_BOUND,
  PCT,
  PREVIOUS,
  PREVIOUS_STANDALONE,
  parseNumber,
  REPEAT_CADENCE,
  REPEAT_EVERY,
  re,
  SIGNED_CHANGE,
  SPIKES,
  TARGET_ALONE,
  THRESHOLD,
  UNIT_DAYS,
  unitMinutes,
  WINDOW,
  WORKING,
} from './rule-grammar.ts';
import type { AlertCondition, AlertRoute, FanOut, PaceGrain } from './types.ts';

const NBSP = '\u00a0';

/** The rule being read: each clause found is blanked out of `rest` and its words claimed. */
export interface Working {
  source: string;
  folded: ReturnType<typeof foldText>;
  /** The folded text with the clauses already understood blanked out. */
  rest: string;
  claims: TokenClaims;
}

/** Finds a clause in what is left, blanks it and claims its words; null when absent. */
export function take(w: Working, pattern: RegExp): RegExpExecArray | null {
  const m = pattern.exec(w.rest);
  if (!m) return null;
  w.rest = w.rest.slice(0, m.index) + ' '.repeat(m[0].length) + w.rest.slice(m.index + m[0].length);
  const span = sourceSpan(w.folded, m.index, m[0].length);
  w.claims.claimSpan(span.index, span.index + span.length);
  return m;
}

/** A capture group as the user typed it (case and accents kept); needs a pattern with the `d` flag. */
export function groupText(w: Working, m: RegExpExecArray | null, group: number): string | undefined {
  const at = m?.indices?.[group];
  if (!at) return undefined;
  const span = sourceSpan(w.folded, at[0], at[1] - at[0]);
  return w.source.slice(span.index, span.index + span.length);
}

export function takeFirst(w: Working, patterns: readonly RegExp[]): RegExpExecArray | null {
  for (const p of patterns) {
    const m = take(w, p);
    if (m) return m;
  }
  return null;
}

export function readRoutes(
  w: Working,
  entities: readonly ChatEntity[],
  platform: 'slack' | 'teams',
): AlertRoute[] {
  const routes: AlertRoute[] = [];
  const add = (route: AlertRoute) => {
    const key = JSON.stringify(route);
    if (!routes.some((r) => JSON.stringify(r) === key)) routes.push(route);
  };
  for (const e of entities) {
    if (e.kind === 'channel') add({ to: 'channel', platform: 'slack', id: e.id });
  }
  for (let m = take(w, DM_ROUTE); m; m = take(w, DM_ROUTE)) {
    for (const who of [m[1], m[2]]) {
      if (!who) continue;
      add(re(`^${MANAGER}$`).test(who) ? { to: 'manager' } : { to: 'owner' });
    }
  }
  for (let m = take(w, CHANNEL_ROUTE); m; m = take(w, CHANNEL_ROUTE)) {
    const id = (groupText(w, m, 1) ?? '').replace(/[.-]+$/, '');
    if (id) add({ to: 'channel', platform, id });
  }
  return routes;
}

export function readLifecycle(w: Working): { forEvaluations?: number; repeatEveryMinutes?: number } {
  const out: { forEvaluations?: number; repeatEveryMinutes?: number } = {};
  const forN = takeFirst(w, FOR_EVALUATIONS);
  if (forN) out.forEvaluations = parseNumber(forN[1]);
  const every = take(w, REPEAT_EVERY);
  if (every) {
    const n = every[1] ? parseNumber(every[1]) : 1;
    out.repeatEveryMinutes = Math.round(n * unitMinutes(every[2] ?? 'h'));
  } else {
    const cadence = take(w, REPEAT_CADENCE);
    if (cadence)
      out.repeatEveryMinutes = /hour|heure/.test(cadence[1] ?? '')
        ? 60
        : /week|semaine/.test(cadence[1] ?? '')
          ? 10_080
          : 1440;
    else if (take(w, NO_REPEAT)) out.repeatEveryMinutes = 0;
  }
  return out;
}

export type Versus = { versus: 'previous' | 'last_year'; days: number | null } | null;

export function readVersus(w: Working): Versus {
  if (takeFirst(w, LAST_YEAR)) return { versus: 'last_year', days: null };
  const previous = take(w, PREVIOUS[0] as RegExp);
  if (previous) {
    const n = parseNumber(previous[1] ?? previous[3]);
    const unit = previous[2] ?? previous[4] ?? '';
    if (/^(?:years?|annee)$/.test(unit)) return { versus: 'last_year', days: null };
    const perUnit = UNIT_DAYS[unit] ?? null;
    return { versus: 'previous', days: perUnit === null ? null : perUnit * (Number.isFinite(n) ? n : 1) };
  }
  if (take(w, PREVIOUS[1] as RegExp)) return { versus: 'previous', days: null };
  const standalone = take(w, PREVIOUS_STANDALONE);
  if (standalone) {
    const s = standalone[1] ?? '';
    const days = /^(?:dod|day)/.test(s)
      ? 1
      : /^(?:mom|month)/.test(s)
        ? 30
        : /^(?:qoq|quarter)/.test(s)
          ? 91
          : 7;
    return { versus: 'previous', days };
  }
  return null;
}

export type Window = {
  /** The first "over N days|weeks" as days: a threshold's or a change's window. */
  days: number | null;
  /** The first window counted in days: an anomaly's lookback. */
  dayCount: number | null;
  /** The first window counted in weeks: an anomaly's history. */
  weeks: number | null;
  grain: PaceGrain | 'day' | null;
};

export function readWindow(w: Working): Window {
  const out: Window = { days: null, dayCount: null, weeks: null, grain: null };
  for (let over = take(w, WINDOW); over; over = take(w, WINDOW)) {
    const n = parseNumber(over[1]);
    const unit = over[2] ?? 'days';
    out.days ??= n * (UNIT_DAYS[unit] ?? 1);
    if (/^(?:weeks?|semaines?)$/.test(unit)) out.weeks ??= n;
    else if (/^(?:days?|jours?)$/.test(unit)) out.dayCount ??= n;
  }
  for (const [pattern, grain] of CADENCES) {
    if (take(w, pattern)) out.grain ??= grain;
  }
  return out;
}

export function readFanOut(w: Working): FanOut | 'unsupported' {
  const breakdown = extractBreakdown(w.claims);
  if (breakdown === 'rep' || breakdown === 'team' || breakdown === 'channel') return breakdown;
  if (
    breakdown === null ||
    breakdown === 'day' ||
    breakdown === 'week' ||
    breakdown === 'month' ||
    breakdown === 'quarter'
  )
    return null;
  return 'unsupported';
}

/** What the text says about the condition, before the metric's format tells what a bare number means. */
export type ConditionDraft =
  | { kind: 'threshold'; op: 'above' | 'below'; value: number; percent: boolean; windowDays: number | null }
  | {
      kind: 'change';
      direction: 'drop' | 'rise';
      pct: number;
      versus: 'previous' | 'last_year';
      windowDays: number | null;
    }
  | { kind: 'pace'; below: number | null; percent: boolean; grain: PaceGrain; workingDays: boolean | null }
  | { kind: 'anomaly'; direction: 'up' | 'down' | 'both'; lookbackDays: number | null; weeks: number | null };

export function readCondition(w: Working, versus: Versus, window: Window): ConditionDraft | null {
  const windowDays = window.days ?? (window.grain ? grainDays(window.grain) : null);
  const anomaly = take(w, ANOMALY);
  // "spikes"/"dips" alone mean an anomaly, unless a percentage makes "drops 20%" a change.
  const falls = anomaly && FALLS.test(w.rest);
  const direction = SPIKES.test(w.rest) ? 'up' : DIPS.test(w.rest) || falls ? 'down' : 'both';
  if (anomaly || (direction !== 'both' && !versus && !re(`${NUM}${PCT}`).test(w.rest))) {
    if (direction !== 'both') take(w, direction === 'up' ? SPIKES : DIPS.test(w.rest) ? DIPS : FALLS);
    return { kind: 'anomaly', direction, lookbackDays: window.dayCount, weeks: window.weeks };
  }
  if (take(w, PACE)) {
    while (take(w, PACE));
    const bound = take(w, PACE_BOUND);
    take(w, TARGET_ALONE);
    const working = take(w, WORKING) ? true : take(w, CALENDAR) ? false : null;
    const grain = window.grain && window.grain !== 'day' ? window.grain : 'month';
    return {
      kind: 'pace',
      below: bound ? parseNumber(bound[1]) : null,
      percent: !!bound?.[2],
      grain,
      workingDays: working,
    };
  }
  const change = take(w, CHANGE);
  const signed = change ? null : take(w, SIGNED_CHANGE);
  if (change || signed) {
    const drop = change ? re(`^(?:${DROP})$`).test(change[1] ?? '') : signed?.[1] !== '+';
    const pct = parseNumber(change ? change[2] : signed?.[2]) / 100;
    return {
      kind: 'change',
      direction: drop ? 'drop' : 'rise',
      pct,
      versus: versus?.versus ?? 'previous',
      windowDays: versus?.days ?? windowDays,
    };
  }
  const threshold = take(w, THRESHOLD);
  if (threshold) {
    const op = re(`^(?:${ABOVE})$`).test(threshold[1] ?? '') ? 'above' : 'below';
    return {
      kind: 'threshold',
      op,
      value: parseNumber(threshold[2], threshold[3]),
      percent: !!threshold[4],
      windowDays,
    };
  }
  return null;
}

function grainDays(grain: PaceGrain | 'day'): number {
  return { day: 1, week: 7, month: 30, quarter: 91, year: 365 }[grain];
}

export interface Problem {
  problem: { en: string; fr: string };
}

/** The schema's bounds, said in the user's words and language (the schema's messages name YAML fields). */
export function boundsProblem(
  c: AlertCondition,
  lifecycle: { forEvaluations?: number; repeatEveryMinutes?: number },
): Problem['problem'] | null {
  if (c.kind === 'change' && !(c.pct > 0 && c.pct <= 10))
    return {
      en: 'The change must be more than 0% and at most 1,000%.',
      fr: `La variation doit être supérieure à 0${NBSP}% et d'au plus 1${NBSP}000${NBSP}%.`,
    };
  if (c.kind === 'pace' && !(c.below > 0 && c.below <= 10))
    return {
      en: 'The pace bound must be more than 0% and at most 1,000% of the objective.',
      fr: `Le seuil de rythme doit être supérieur à 0${NBSP}% et d'au plus 1${NBSP}000${NBSP}% de l'objectif.`,
    };
  if ((c.kind === 'threshold' || c.kind === 'change') && !(c.windowDays >= 1 && c.windowDays <= 366))
    return {
      en: 'The window must be 1 to 366 days.',
      fr: 'La fenêtre doit faire de 1 à 366 jours.',
    };
  if (c.kind === 'anomaly' && !(c.weeks >= 3 && c.weeks <= 52 && c.lookbackDays >= 1))
    return {
      en: 'An anomaly compares with 3 to 52 weeks of history, over at least the last day.',
      fr: `Une anomalie se compare à 3 à 52 semaines d'historique, sur au moins le dernier jour.`,
    };
  const n = lifecycle.forEvaluations;
  if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 100))
    return {
      en: 'The number of checks in a row must be 1 to 100 (1 alerts at once).',
      fr: "Le nombre d'évaluations de suite doit être de 1 à 100 (1 alerte tout de suite).",
    };
  const every = lifecycle.repeatEveryMinutes;
  if (every !== undefined && !(every >= 0 && every <= 60 * 24 * 90))
    return {
      en: 'Reminders can repeat at most every 90 days (or say "no repeat").',
      fr: 'Les rappels peuvent se répéter au plus tous les 90 jours (ou dites « sans répétition »).',
    };
  return null;
}

export function finishCondition(d: ConditionDraft, percentMetric: boolean): AlertCondition | Problem {
  switch (d.kind) {
    case 'threshold': {
      if (d.percent && !percentMetric)
        return {
          problem: {
            en: 'A percentage threshold only makes sense for a rate; write a plain number for this metric.',
            fr: `Un seuil en pourcentage ne vaut que pour un taux${NBSP}; indiquez un nombre pour cet indicateur.`,
          },
        };
      const value = d.percent || (percentMetric && d.value > 1) ? d.value / 100 : d.value;
      return { kind: 'threshold', op: d.op, value, windowDays: d.windowDays ?? 7 };
    }
    case 'change':
      return {
        kind: 'change',
        direction: d.direction,
        pct: d.pct,
        versus: d.versus,
        windowDays: d.windowDays ?? 7,
        minVolume: 10,
      };
    case 'pace': {
      const below = d.below === null ? 0.8 : d.percent || d.below > 2 ? d.below / 100 : d.below;
      return {
        kind: 'pace',
        below,
        grain: d.grain,
        minElapsed: 0.2,
        workingDays: d.workingDays ?? true,
      };
    }
    case 'anomaly':
      return {
        kind: 'anomaly',
        direction: d.direction,
        weeks: d.weeks ?? 8,
        lookbackDays: Math.min(31, d.lookbackDays ?? 1),
        sensitivity: 3,
        minChange: 0.5,
        minVolume: 5,
      };
  }
}
