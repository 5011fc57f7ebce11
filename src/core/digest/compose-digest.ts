import { DateTime } from 'luxon';
import { formatDelta, formatShare, formatValue } from '../format.ts';
import { chartSpec } from './chart-spec.ts';
import { rankLeaders, rankMovers } from './movers.ts';
import type {
  DigestInput,
  DigestKpi,
  DigestMetricInput,
  DigestMover,
  DigestView,
  FigureInput,
  Lang,
  MemberFigure,
} from './types.ts';
import { DIGEST_WORDS } from './wording.ts';

export const MOVERS_SHOWN = 3;
export const LEADERBOARD_SHOWN = 5;
const ALERTS_SHOWN = 10;

/**
 * The digest's content from the week's figures, or null when the scope had no data that week (nothing is posted
 * then). The headline metric (first) drives the movers, the leaderboard and the chart.
 */
export function composeDigest(input: DigestInput): DigestView | null {
  if (!hasData(input.metrics)) return null;
  const w = DIGEST_WORDS[input.lang];
  const lang = input.lang;
  const kpis = input.metrics.map((m) => kpiOf(m, input));
  const headline = input.metrics[0]!;
  const title = input.audience === 'rep' ? w.titleRep(input.scopeLabel) : w.title(input.scopeLabel);
  const subtitle = `${w.weekOf(dateText(input.week.firstDay, lang))} · ${rangeText(input, lang)}`;
  const movers = moversOf(headline, input);
  const leaderboard = leaderboardOf(headline, input);
  const first = kpis[0]!;
  const colon = lang === 'fr' ? ' :' : ':';
  return {
    version: 1,
    lang,
    audience: input.audience,
    title,
    subtitle,
    period: { start: input.week.start, end: input.week.end, tz: input.tz },
    kpis,
    movers,
    leaderboard,
    leaderboardNote: input.audience === 'channel' && !input.leaderboardAllowed ? w.leaderboardHidden : null,
    alerts: alertsOf(input),
    definitions: input.metrics.map((m) => `${m.label}${colon} ${m.definition}`),
    chart: input.chart.length > 0 ? chartSpec(headline, input) : null,
    fallback: `${title}, ${w.weekOf(dateText(input.week.firstDay, lang))}${colon} ${first.label} ${first.valueText}${
      first.delta !== null && first.previous !== null
        ? ` (${arrow(first.delta)} ${deltaText(headline, lang)})`
        : ''
    }`,
  };
}

/** Some figure in some headline metric: a count above zero, or a rate with a denominator. */
export function hasData(metrics: readonly DigestMetricInput[]): boolean {
  return metrics.some((m) => figureHasData(m.current));
}

function figureHasData(f: FigureInput): boolean {
  return (f.value !== null && f.value !== 0) || (f.denominator ?? 0) > 0 || (f.numerator ?? 0) > 0;
}

function kpiOf(m: DigestMetricInput, input: DigestInput): DigestKpi {
  const lang = input.lang;
  const w = DIGEST_WORDS[lang];
  const fmt = (v: number | null) => formatValue(v, m.format, lang, input.currency);
  const value = m.current.value;
  const previous = m.previous.value;
  const delta = value !== null && previous !== null ? value - previous : null;
  const attainment = m.weekTarget === null ? null : ratio(value, m.weekTarget, m.direction);
  const paceAttainment = m.pace
    ? ratio(m.pace.actual, m.pace.target * m.pace.elapsedShare, m.direction)
    : null;
  return {
    name: m.name,
    label: m.label,
    format: m.format,
    direction: m.direction,
    value,
    previous,
    delta,
    trend: trendOf(delta, m.direction),
    attainment,
    paceAttainment,
    valueText: fmt(value),
    previousText:
      previous === null || delta === null
        ? w.noPrevious
        : `${arrow(delta)} ${deltaText(m, lang)} ${w.vsPrevious} (${fmt(previous)})`,
    targetText:
      m.weekTarget === null ? null : w.ofObjective(formatShare(attainment, lang), fmt(m.weekTarget)),
    paceText: m.pace
      ? w.pace(m.pace.periodLabel, fmt(m.pace.actual), formatShare(paceAttainment, lang), fmt(m.pace.target))
      : null,
    teamText: m.team ? `${m.team.label}${lang === 'fr' ? ' :' : ':'} ${fmt(m.team.value)}` : null,
  };
}

/** Attainment: actual ÷ target, or target ÷ actual when lower is better (as answers compute it). */
function ratio(
  actual: number | null,
  target: number,
  direction: DigestMetricInput['direction'],
): number | null {
  if (actual === null || target === 0) return null;
  if (direction === 'down_is_good') return actual === 0 ? null : target / actual;
  return actual / target;
}

function arrow(delta: number): string {
  return Math.abs(delta) < 1e-9 ? '=' : delta > 0 ? '▲' : '▼';
}

/** "+12.5%" for counts and sums (relative), "+3.1 pts" for rates. */
function deltaText(m: DigestMetricInput, lang: Lang): string {
  const v = m.current.value;
  const p = m.previous.value;
  if (v === null || p === null) return '—';
  return formatDelta(v - p, p === 0 ? null : v / p - 1, m.format, lang);
}

function trendOf(delta: number | null, direction: DigestMetricInput['direction']): DigestKpi['trend'] {
  if (delta === null) return null;
  if (Math.abs(delta) < 1e-9) return 'flat';
  return delta > 0 === (direction === 'up_is_good') ? 'good' : 'bad';
}

function moversOf(headline: DigestMetricInput, input: DigestInput): DigestView['movers'] {
  const members = headline.members ?? [];
  if (input.moverDimension === null || members.length < 2) return null;
  const w = DIGEST_WORDS[input.lang];
  const ranked = rankMovers(members, { additive: headline.additive, limit: MOVERS_SHOWN });
  if (ranked.up.length === 0 && ranked.down.length === 0) return null;
  const line = (member: MemberFigure, delta: number): DigestMover => {
    const fmt = (v: number | null) => formatValue(v, headline.format, input.lang, input.currency);
    const before = member.previous.value;
    const change =
      before !== null && before !== 0 && member.current.value !== null
        ? member.current.value / before - 1
        : null;
    const shown = headline.additive
      ? signed(fmt(Math.abs(delta)), delta)
      : formatDelta(delta, change, headline.format, input.lang);
    return {
      key: member.key,
      label: member.label,
      value: member.current.value,
      previous: before,
      delta,
      text: `${member.label} ${arrow(delta)} ${shown} (${fmt(member.current.value ?? (headline.additive ? 0 : null))})`,
    };
  };
  return {
    title: w.movers(headline.label, input.moverDimension),
    up: ranked.up.map((m) => line(m.member, m.delta)),
    down: ranked.down.map((m) => line(m.member, m.delta)),
  };
}

function signed(text: string, delta: number): string {
  return `${delta < 0 ? '−' : '+'}${text}`;
}

function leaderboardOf(headline: DigestMetricInput, input: DigestInput): DigestView['leaderboard'] {
  if (!input.leaderboardAllowed || input.audience !== 'channel' || input.moverDimension !== 'rep')
    return null;
  const ranked = rankLeaders(headline.members ?? [], headline.direction);
  if (ranked.length < 2) return null;
  const w = DIGEST_WORDS[input.lang];
  const fmt = (v: number | null) => formatValue(v, headline.format, input.lang, input.currency);
  return {
    title: w.leaderboard(headline.label),
    lines: ranked.slice(0, LEADERBOARD_SHOWN).map((m, i) => `${i + 1}. ${m.label} — ${fmt(m.current.value)}`),
    more: Math.max(0, ranked.length - LEADERBOARD_SHOWN),
  };
}

function alertsOf(input: DigestInput): DigestView['alerts'] {
  const w = DIGEST_WORDS[input.lang];
  const sorted = [...input.alerts].sort((a, b) => a.firingSince.localeCompare(b.firingSince));
  const lines = sorted.slice(0, ALERTS_SHOWN).map((a) => {
    const since = DateTime.fromISO(a.firingSince, { zone: input.tz })
      .setLocale(input.lang === 'fr' ? 'fr' : 'en-GB')
      .toFormat('d LLL HH:mm');
    const scope = a.scopeLabel ? ` — ${a.scopeLabel}` : '';
    const value =
      a.lastValue === null ? '' : ` · ${formatValue(a.lastValue, a.format, input.lang, input.currency)}`;
    return `${a.ruleName}${scope} (${a.metricLabel}${value}) · ${w.since} ${since}`;
  });
  if (sorted.length > ALERTS_SHOWN) lines.push(w.andMore(sorted.length - ALERTS_SHOWN));
  return { title: w.alerts(sorted.length), lines: lines.length > 0 ? lines : [w.noAlerts] };
}

function rangeText(input: DigestInput, lang: Lang): string {
  const from = dateText(input.week.firstDay, lang);
  const to = dateText(input.week.lastDay, lang);
  return `${from} → ${to} (${input.tz})`;
}

/** '2026-11-09' → "9 Nov 2026" / "9 nov. 2026". */
export function dateText(localDate: string, lang: Lang): string {
  return DateTime.fromISO(localDate)
    .setLocale(lang === 'fr' ? 'fr' : 'en-GB')
    .toFormat('d LLL yyyy');
}
