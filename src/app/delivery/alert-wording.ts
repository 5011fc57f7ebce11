import { DateTime } from 'luxon';
import type { AlertReplyView, AlertView, Contributor, Lang } from '../../core/alerts/types.ts';
import { describeRange } from '../../core/describe-range.ts';
import { formatDelta, formatShare, formatValue } from '../../core/format.ts';

/**
 * The words of an alert message, shared by the Slack blocks, the Teams card, the thread replies and `/kpi why`, so
 * that every surface says the same thing in EN and FR. Each platform brings its markup: emphasis, how user data is
 * made safe, and how an instant is shown (Slack and Teams can show it in the reader's own zone).
 */
export interface AlertMarkup {
  bold(text: string): string;
  /** Data we did not write (rule names, rep labels, headlines built from them) made safe for the platform. */
  text(raw: string): string;
  /** An ISO instant, as the platform best shows it. */
  instant(iso: string): string;
}

/** An instant as text in the alert's zone (or UTC, named, when the zone is unknown): "19 Nov 2026, 10:00". */
export function formatInstant(iso: string, lang: Lang, tz: string | undefined): string {
  const dt = DateTime.fromISO(iso, { zone: tz ?? 'UTC' }).setLocale(lang === 'fr' ? 'fr' : 'en-GB');
  if (!dt.isValid) return iso;
  const text = dt.toFormat(lang === 'fr' ? 'd LLL yyyy, HH:mm' : 'd LLL yyyy, HH:mm');
  return tz ? text : `${text} UTC`;
}

/** Markup for text that carries no formatting of its own (thread replies in Teams, the terminal). */
export function plainMarkup(view: Pick<AlertView, 'lang' | 'tz'>): AlertMarkup {
  return {
    bold: (t) => t,
    text: (t) => t,
    instant: (iso) => formatInstant(iso, view.lang, view.tz),
  };
}

/**
 * Markup for an InfoReply's lines (`/kpi why`, `/kpi alerts`): Slack-style `*bold*`, which the Slack, Teams and
 * terminal renderers of an InfoReply each read; they escape user data themselves.
 */
export function chatLineMarkup(view: Pick<AlertView, 'lang' | 'tz'>): AlertMarkup {
  return { ...plainMarkup(view), bold: (t) => `*${t}*` };
}

const WORDS = {
  en: {
    value: 'Value',
    threshold: 'Threshold',
    recoversAt: 'Recovers at',
    change: 'Change',
    before: 'Before',
    trigger: 'Trigger',
    pace: 'Pace of objective',
    expectedByNow: 'Expected by now',
    alertUnder: 'Alert under',
    usual: 'Usual (median)',
    bound: 'Bound',
    vs: 'vs',
    topContributors: 'What explains it',
    ofTheChange: 'of the change',
    was: 'was',
    firingSince: 'Firing since',
    resolvedAfter: 'Resolved after',
    resolved: 'Resolved',
    ackedBy: 'Acknowledged by',
    snoozedUntil: 'Snoozed until',
    why: 'why',
    alert: 'Alert',
    ack: 'Ack',
    snooze1d: 'Snooze 1 day',
    snooze1w: 'Snooze 1 week',
    openBreakdown: 'Open breakdown',
    stillFiring: 'Still firing since',
    backTo: 'back to',
    after: 'after',
    ofPace: 'of the expected pace',
    someone: 'someone',
  },
  fr: {
    value: 'Valeur',
    threshold: 'Seuil',
    recoversAt: 'Rétablie à',
    change: 'Variation',
    before: 'Avant',
    trigger: 'Déclencheur',
    pace: 'Rythme de l’objectif',
    expectedByNow: 'Attendu à date',
    alertUnder: 'Alerte sous',
    usual: 'Habituel (médiane)',
    bound: 'Limite',
    vs: 'contre',
    topContributors: 'Ce qui l’explique',
    ofTheChange: 'de la variation',
    was: 'avant',
    firingSince: 'Active depuis le',
    resolvedAfter: 'Résolue après',
    resolved: 'Résolue',
    ackedBy: 'Prise en charge par',
    snoozedUntil: 'En pause jusqu’au',
    why: 'pourquoi',
    alert: 'Alerte',
    ack: 'Je m’en occupe',
    snooze1d: 'Pause 1 jour',
    snooze1w: 'Pause 1 semaine',
    openBreakdown: 'Voir le détail',
    stillFiring: 'Toujours active depuis le',
    backTo: 'retour à',
    after: 'après',
    ofPace: 'du rythme attendu',
    someone: 'quelqu’un',
  },
} as const;

export function alertWords(lang: Lang): (typeof WORDS)[Lang] {
  return WORDS[lang];
}

/** French typography puts a (non-breaking) space before a colon. */
export function colon(lang: Lang): string {
  return lang === 'fr' ? '\u00a0:' : ':';
}

/** "Conversion drop — Team Lyon" (raw: the caller escapes it for its platform). */
export function alertTitle(view: AlertView): string {
  return view.scopeLabel && !view.ruleName.includes(view.scopeLabel)
    ? `${view.ruleName} — ${view.scopeLabel}`
    : view.ruleName;
}

export interface AlertFigure {
  label: string;
  value: string;
}

/** What reading a judged figure needs: the rule kind, the metric's format, the language. */
export interface JudgedUnits {
  kind?: AlertView['kind'];
  metric: Pick<AlertView['metric'], 'format' | 'currency'>;
  lang: Lang;
}

/**
 * A judged figure in the unit its rule kind judges: a signed change for change, a share of the expected pace for
 * pace, the metric's own unit for threshold and anomaly (and when the kind is unknown).
 */
export function formatJudged(value: number | null, view: JudgedUnits): string {
  switch (view.kind) {
    case 'change':
      return formatDelta(null, value, 'number', view.lang);
    case 'pace':
      return formatShare(value, view.lang);
    default:
      return formatValue(value, view.metric.format, view.lang, view.metric.currency);
  }
}

/**
 * The judged figure beside what it was compared with and the bounds, in the units the rule kind judges.
 * Empty for an unknown kind or a skipped judgement: the headline and the reason then say it all.
 */
export function alertFigures(view: JudgedUnits & Pick<AlertView, 'judgement'>): AlertFigure[] {
  const j = view.judgement;
  const w = WORDS[view.lang];
  const lang = view.lang;
  const f = (v: number | null) => formatValue(v, view.metric.format, lang, view.metric.currency);
  const judged = (v: number | null) => formatJudged(v, view);
  if (j.value === null || j.skipped !== null) return [];
  const out: AlertFigure[] = [];
  const push = (label: string, value: string | null) => {
    if (value !== null && value !== '—') out.push({ label, value });
  };
  switch (view.kind) {
    case 'threshold':
      push(w.value, f(j.value));
      push(w.threshold, f(j.bound));
      if (j.recoveryBound !== null && j.recoveryBound !== j.bound) push(w.recoversAt, f(j.recoveryBound));
      break;
    case 'change': {
      push(w.change, judged(j.value));
      const current = j.baseline !== null ? j.baseline * (1 + j.value * Math.sign(j.baseline)) : null;
      push(w.value, `${f(current)} ${w.vs} ${f(j.baseline)}`);
      push(w.trigger, judged(j.bound));
      if (j.recoveryBound !== null) push(w.recoversAt, judged(j.recoveryBound));
      break;
    }
    case 'pace':
      push(w.pace, judged(j.value));
      if (j.baseline !== null) push(w.expectedByNow, f(j.baseline));
      push(w.alertUnder, judged(j.bound));
      if (j.recoveryBound !== null) push(w.recoversAt, judged(j.recoveryBound));
      break;
    case 'anomaly':
      push(j.day ? `${w.value} (${j.day})` : w.value, f(j.value));
      push(w.usual, f(j.baseline));
      push(w.bound, f(j.bound));
      break;
    default:
      return [];
  }
  return out;
}

/** "10 Nov 2026 → 16 Nov 2026 (last 7 days) vs 3 Nov 2026 → 9 Nov 2026 (previous 7 days) · Europe/Paris". */
export function alertRanges(view: Pick<AlertView, 'current' | 'compared' | 'lang' | 'tz'>): string | null {
  const describe = (r: { start: string; end: string; label: string }) => {
    const dates = describeRange({ ...r, tz: '' }, view.lang, 'dot').replace(/ · $/, '');
    return r.label ? `${dates} (${r.label})` : dates;
  };
  const parts = [view.current, view.compared].flatMap((r) => (r ? [describe(r)] : []));
  if (parts.length === 0) return null;
  const joined = parts.join(` ${WORDS[view.lang].vs} `);
  return view.tz ? `${joined} · ${view.tz}` : joined;
}

/** One line per contributor: "Alice Martin: 20% (was 60%) · 62% of the change"; the label is raw user data. */
export function contributorLines(view: AlertView, limit = 3): Array<{ label: string; figures: string }> {
  const lang = view.lang;
  const w = WORDS[lang];
  const f = (v: number | null) => formatValue(v, view.metric.format, lang, view.metric.currency);
  return view.contributors.slice(0, limit).map((c: Contributor) => {
    const was = c.baseline !== null ? ` (${w.was} ${f(c.baseline)})` : '';
    return {
      label: c.label,
      figures: `${f(c.value)}${was} · ${formatShare(c.share, lang)} ${w.ofTheChange}`,
    };
  });
}

/** "🔴 Firing since …", "✅ Resolved after 3 h 20 min", then who acknowledged it and until when it is snoozed. */
export function alertStatus(view: AlertView, m: AlertMarkup): string {
  const w = WORDS[view.lang];
  const parts: string[] = [];
  if (view.status === 'resolved') {
    parts.push(view.lasted ? `✅ ${w.resolvedAfter} ${view.lasted}` : `✅ ${w.resolved}`);
  } else {
    parts.push(`🔴 ${w.firingSince} ${m.instant(view.firingSince)}`);
  }
  if (view.acked) parts.push(`👀 ${w.ackedBy} ${m.bold(m.text(view.acked.by || w.someone))}`);
  if (view.status !== 'resolved' && view.snoozedUntil) {
    parts.push(`💤 ${w.snoozedUntil} ${m.instant(view.snoozedUntil)}`);
  }
  return parts.join(' · ');
}

/** The command that explains the alert, as one types it: "/kpi why 1a2b3c4d" / "/kpi pourquoi 1a2b3c4d". */
export function whyCommand(view: Pick<AlertView, 'lang' | 'alertId'>): string {
  return `/kpi ${WORDS[view.lang].why} ${view.alertId}`;
}

/** Which buttons still make sense: none but the breakdown once resolved or acknowledged; no snooze while snoozed. */
export function alertButtons(view: AlertView): {
  ack: boolean;
  snooze: boolean;
  breakdown: boolean;
} {
  const open = view.status === 'firing' && view.acked === null;
  return {
    ack: open,
    snooze: open && view.snoozedUntil === null,
    breakdown: view.breakdownQuery !== null && view.breakdownQuery.trim() !== '',
  };
}

/**
 * The current figure in words, for "back to …": the metric's value for threshold, change (what it moved to) and
 * anomaly; the share of the expected pace for pace. Null when the kind is unknown.
 */
function figureNow(view: AlertView): string | null {
  const j = view.judgement;
  if (j.value === null) return null;
  const lang = view.lang;
  const f = (v: number) => formatValue(v, view.metric.format, lang, view.metric.currency);
  switch (view.kind) {
    case 'threshold':
    case 'anomaly':
      return f(j.value);
    case 'change':
      return j.baseline !== null ? f(j.baseline * (1 + j.value * Math.sign(j.baseline))) : null;
    case 'pace':
      return `${formatShare(j.value, lang)} ${WORDS[lang].ofPace}`;
    default:
      return null;
  }
}

/**
 * The text of a thread reply: "🔁 Still firing since …: <headline>" or "✅ Resolved: back to 58% after 3 h 20 min.
 * <headline>". The headline is user-influenced (labels), so it goes through `m.text`.
 */
export function alertReplyText(reply: AlertReplyView, m: AlertMarkup): string {
  const view = reply.alert;
  const w = WORDS[view.lang];
  const c = colon(view.lang);
  if (reply.reply === 'repeat') {
    return `🔁 ${w.stillFiring} ${m.instant(view.firingSince)}${c} ${m.text(view.headline)}`;
  }
  const now = figureNow(view);
  const back = now ? ` ${w.backTo} ${m.bold(now)}` : '';
  const after = view.lasted ? ` ${w.after} ${view.lasted}` : '';
  return `✅ ${m.bold(w.resolved)}${c}${back}${after}. ${m.text(alertTitle(view))}`;
}
