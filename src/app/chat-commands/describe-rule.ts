import type { AlertCondition, AlertRoute, AlertRuleSpec, Lang } from '../../core/alerts/types.ts';
import type { MetricFormat } from '../../core/answer.ts';
import { formatShare, formatValue } from '../../core/format.ts';

const GRAIN = {
  en: { week: 'weekly', month: 'monthly', quarter: 'quarterly', year: 'yearly' },
  fr: { week: 'hebdomadaire', month: 'mensuel', quarter: 'trimestriel', year: 'annuel' },
} as const;

/**
 * A rule in words, as the confirmation of `/kpi alerts add` and the list show it: "Alerts when Win rate for team
 * Paris drops 20% or more over 7 days vs the 7 days before." Scope names are the user's, shown as typed.
 */
export function describeRule(
  spec: Pick<AlertRuleSpec, 'condition' | 'scope' | 'fanOut'>,
  metric: { label: string; format: MetricFormat; currency?: string | undefined },
  lang: Lang,
): string {
  const fr = lang === 'fr';
  const subject = `${metric.label}${scopeWords(spec, lang)}`;
  const condition = conditionWords(spec.condition, metric, lang);
  return fr ? `Alerte quand ${subject} ${condition}.` : `Alerts when ${subject} ${condition}.`;
}

function scopeWords(spec: Pick<AlertRuleSpec, 'scope' | 'fanOut'>, lang: Lang): string {
  const fr = lang === 'fr';
  const parts: string[] = [];
  const s = spec.scope;
  if (s.rep) parts.push(s.rep);
  if (s.team) parts.push(fr ? `équipe ${s.team}` : `team ${s.team}`);
  if (s.channel) parts.push(fr ? `canal ${s.channel}` : `channel ${s.channel}`);
  const where = parts.length > 0 ? ` (${parts.join(', ')})` : fr ? ' (société)' : ' (company)';
  const each = {
    rep: fr ? ' de chaque commercial' : ' of each rep',
    team: fr ? ' de chaque équipe' : ' of each team',
    channel: fr ? ' de chaque canal' : ' of each channel',
  };
  return `${spec.fanOut ? each[spec.fanOut] : ''}${where}`;
}

function conditionWords(
  c: AlertCondition,
  metric: { format: MetricFormat; currency?: string | undefined },
  lang: Lang,
): string {
  const fr = lang === 'fr';
  const f = (v: number) => formatValue(v, metric.format, lang, metric.currency);
  const pct = (v: number) => formatShare(v, lang);
  const days = (n: number) => (fr ? `${n} jour${n > 1 ? 's' : ''}` : `${n} day${n > 1 ? 's' : ''}`);
  switch (c.kind) {
    case 'threshold': {
      const over =
        c.windowDays === 1
          ? fr
            ? 'hier'
            : 'yesterday'
          : fr
            ? `sur ${days(c.windowDays)}`
            : `over ${days(c.windowDays)}`;
      const side = fr
        ? c.op === 'above'
          ? 'dépasse'
          : 'passe sous'
        : c.op === 'above'
          ? 'goes above'
          : 'goes below';
      const back =
        c.recovery !== undefined && c.recovery !== c.value
          ? fr
            ? ` (rétablie à ${f(c.recovery)})`
            : ` (recovers at ${f(c.recovery)})`
          : '';
      return `${over} ${side} ${f(c.value)}${back}`;
    }
    case 'change': {
      const move = fr
        ? c.direction === 'drop'
          ? 'baisse'
          : 'monte'
        : c.direction === 'drop'
          ? 'drops'
          : 'rises';
      const versus =
        c.versus === 'last_year'
          ? fr
            ? `sur ${days(c.windowDays)} par rapport aux mêmes jours l’an dernier`
            : `over ${days(c.windowDays)} vs the same days last year`
          : fr
            ? `sur ${days(c.windowDays)} par rapport aux ${days(c.windowDays)} précédents`
            : `over ${days(c.windowDays)} vs the ${days(c.windowDays)} before`;
      const volume = fr ? `, à partir d’un volume de ${c.minVolume}` : `, from a volume of ${c.minVolume}`;
      return fr
        ? `${move} de ${pct(c.pct)} ou plus ${versus}${volume}`
        : `${move} ${pct(c.pct)} or more ${versus}${volume}`;
    }
    case 'pace': {
      const grain = GRAIN[lang][c.grain];
      const working = c.workingDays ? (fr ? ', en jours ouvrés' : ', on working days') : '';
      const quiet = fr
        ? `, pas avant ${pct(c.minElapsed)} de la période`
        : `, not before ${pct(c.minElapsed)} of the period`;
      return fr
        ? `passe sous ${pct(c.below)} du rythme de son objectif ${grain}${working}${quiet}`
        : `falls under ${pct(c.below)} of the pace of its ${grain} objective${working}${quiet}`;
    }
    case 'anomaly': {
      const what = {
        up: fr ? 'a un pic inhabituel' : 'spikes unusually',
        down: fr ? 'a un creux inhabituel' : 'dips unusually',
        both: fr ? 'est inhabituel (pic ou creux)' : 'is unusual (a spike or a dip)',
      }[c.direction];
      return fr
        ? `${what} un jour, par rapport au même jour de la semaine sur ${c.weeks} semaines (écart d’au moins ${pct(c.minChange)})`
        : `${what} on a day, against the same weekday over ${c.weeks} weeks (a change of ${pct(c.minChange)} at least)`;
    }
  }
}

/** "Checks: fires after 2 evaluations in a row · reminds every 24 h while firing". */
export function lifecycleWords(spec: Pick<AlertRuleSpec, 'lifecycle'>, lang: Lang): string {
  const fr = lang === 'fr';
  const { forEvaluations: n, repeatEveryMinutes: m } = spec.lifecycle;
  const fire =
    n <= 1
      ? fr
        ? 'se déclenche dès la première évaluation'
        : 'fires on the first evaluation'
      : fr
        ? `se déclenche après ${n} évaluations de suite`
        : `fires after ${n} evaluations in a row`;
  const every = m % 60 === 0 ? `${m / 60}\u00a0h` : `${m}\u00a0min`;
  const repeat =
    m === 0
      ? fr
        ? 'sans rappel'
        : 'no reminder'
      : fr
        ? `rappel toutes les ${every}`
        : `reminds every ${every} while firing`;
  return `${fire} · ${repeat}`;
}

/** Where a rule posts: "here", "<#C0123>", "the rep by DM", "the team's manager by DM". */
export function routeWords(routes: readonly AlertRoute[], here: string | null, lang: Lang): string {
  const fr = lang === 'fr';
  if (routes.length === 0) return fr ? 'nulle part pour l’instant' : 'nowhere yet';
  return routes
    .map((r) => {
      if (r.to === 'owner') return fr ? 'le commercial concerné, en privé' : 'the rep concerned, by DM';
      if (r.to === 'manager') return fr ? 'le manager de l’équipe, en privé' : "the team's manager, by DM";
      if (r.id === here) return fr ? 'ici' : 'here';
      return r.platform === 'slack' && /^[CG][A-Z0-9]+$/.test(r.id) ? `<#${r.id}>` : `#${r.id}`;
    })
    .join(', ');
}
