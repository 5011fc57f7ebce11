import type { AlertRuleSpec, AlertScope, FanOut, Lang } from '../../core/alerts/index.ts';
import type { CompiledMetric } from '../../core/metrics/index.ts';
import { BREAKDOWN_DIMENSION } from '../../core/metrics/index.ts';
import type { Dimension } from '../../core/metrics/measures.ts';
import type { Prisma } from '../../store/database.ts';
import { type ResolvedScope, resolveScope, resolveScopeIn } from '../resolve-scope.ts';
import type { Directory } from './directory.ts';
import type { ObservedMember } from './observe.ts';
import type { MemberPick, Slice } from './read-plan.ts';

/** One state of a rule: the whole scope (scopeKey '') or one member of its fan-out (`rep:<id>`, `team:<id>`…). */
export interface Member extends ObservedMember {
  scopeKey: string;
  label: string;
  /** The member's own filters (the rule's scope and the member's value): explanations read under them. */
  filters: Partial<Record<Dimension, string>>;
}

const SYSTEM_IDENTITY = {
  viewer: { repId: null, role: 'admin' as const, teamId: null, managedTeamIds: [] },
  rep: null,
};

/** Resolves each distinct scope once per evaluation (thousands of rules share a few dozen scopes). */
export class ScopeResolver {
  private readonly memo = new Map<string, Promise<ResolvedScope | { code: string; message: string }>>();

  constructor(
    private readonly prisma: Prisma,
    private readonly tenantId: string,
    /** The tenant's reps and teams when already read (an evaluation's): scopes resolve without a query. */
    private readonly directory?: Directory,
  ) {}

  resolve(scope: AlertScope, lang: Lang): Promise<ResolvedScope | { code: string; message: string }> {
    const key = `${lang}|${scope.team ?? ''}|${scope.rep ?? ''}|${scope.channel ?? ''}`;
    let hit = this.memo.get(key);
    if (!hit) {
      const rep = scope.rep
        ? scope.rep.includes('@')
          ? { kind: 'email' as const, email: scope.rep }
          : { kind: 'name' as const, name: scope.rep }
        : null;
      const words = { rep, team: scope.team ?? null, channel: scope.channel ?? null };
      hit = this.directory
        ? Promise.resolve(resolveScopeIn(this.directory, words, lang))
        : resolveScope(this.prisma, this.tenantId, words, SYSTEM_IDENTITY, lang);
      this.memo.set(key, hit);
    }
    return hit;
  }
}

export function scopeFilters(scope: ResolvedScope): Partial<Record<Dimension, string>> {
  const filters: Partial<Record<Dimension, string>> = {};
  if (scope.rep) filters.repId = scope.rep.id;
  if (scope.team) filters.teamId = scope.team.id;
  if (scope.channel) filters.channel = scope.channel;
  return filters;
}

export function fanOutDimension(fanOut: FanOut): Dimension | null {
  return fanOut ? BREAKDOWN_DIMENSION[fanOut] : null;
}

/**
 * The read a rule's figures come from, chosen so that rules share it: a fan-out reads its scope grouped by the
 * fan-out dimension (every member from one read); a rule scoped to a single rep, team or channel reads the whole
 * tenant grouped by that dimension and picks its group, so every rule on any one rep shares one read; anything
 * else reads its own filters. `pick` is null for fan-outs (each member picks its own group).
 */
export function sliceFor(
  filters: Partial<Record<Dimension, string>>,
  fanOut: Dimension | null,
): { slice: Slice; pick: MemberPick | null } {
  if (fanOut) return { slice: { filters, groupBy: fanOut }, pick: null };
  const dims = (Object.keys(filters) as Dimension[]).filter((d) => filters[d] !== undefined);
  if (dims.length === 1) {
    const d = dims[0]!;
    return { slice: { filters: {}, groupBy: d }, pick: { group: filters[d]! } };
  }
  return { slice: { filters, groupBy: null }, pick: { group: null } };
}

/**
 * What makes a valid rule invalid for its metric (the schema cannot know the catalog): a fan-out or scope the
 * metric cannot be broken down by, a pace on a metric that has no additive objective, a seasonal baseline over a
 * running total. null when the rule can be evaluated.
 */
export function ruleProblem(spec: AlertRuleSpec, metric: CompiledMetric, lang: Lang): string | null {
  const fr = lang === 'fr';
  const label = metric.label[lang];
  const dims: Array<'rep' | 'team' | 'channel'> = [];
  if (spec.fanOut) dims.push(spec.fanOut);
  if (spec.scope.rep) dims.push('rep');
  if (spec.scope.team) dims.push('team');
  if (spec.scope.channel) dims.push('channel');
  for (const d of dims) {
    if (!metric.breakdowns.includes(d)) {
      const possible = metric.breakdowns.filter((b) => b === 'rep' || b === 'team' || b === 'channel');
      return fr
        ? `${label} ne se ventile pas par ${d === 'rep' ? 'commercial' : d === 'team' ? 'équipe' : 'canal'} ; possibles : ${possible.join(', ') || 'aucun'}.`
        : `${label} can't be split by ${d}; it can be by ${possible.join(', ') || 'nothing'}.`;
    }
  }
  if (spec.fanOut && spec.scope[spec.fanOut]) {
    return fr
      ? `La règle vise un seul ${spec.fanOut === 'rep' ? 'commercial' : spec.fanOut === 'team' ? 'équipe' : 'canal'} : elle ne peut pas aussi se répartir « par ${spec.fanOut} ».`
      : `The rule is about one ${spec.fanOut} already: it can't also be split by ${spec.fanOut}.`;
  }
  const c = spec.condition;
  if (c.kind === 'pace') {
    if (!(metric.kind === 'count' || metric.kind === 'sum') || !metric.objective) {
      return fr
        ? `Un rythme se mesure sur un total qui a un objectif (CA signé, affaires gagnées, RDV…) ; ${label} n'en est pas un.`
        : `Pace needs a total that has objectives (revenue signed, deals won, meetings…); ${label} isn't one.`;
    }
    if (spec.fanOut === 'channel' || spec.scope.channel) {
      return fr
        ? 'Les objectifs sont fixés par entreprise, équipe ou commercial, pas par canal : un rythme par canal est impossible.'
        : 'Objectives are set per company, team or rep, not per channel: pace by channel is not possible.';
    }
  }
  if (c.kind === 'anomaly' && metric.terms.some((t) => t.window !== 'period')) {
    return fr
      ? `${label} est un stock (un cumul) : il n'a pas de valeur par jour à comparer aux semaines passées.`
      : `${label} is a running total: it has no per-day value to compare with past weeks.`;
  }
  if (metric.kind === 'attainment' && c.kind === 'anomaly') {
    return fr
      ? `${label} dépend d'un objectif : pas de valeur par jour pour une anomalie.`
      : `${label} depends on an objective: there is no per-day value for an anomaly.`;
  }
  return null;
}

/** How a scope reads in a message: "Team Lyon", "Julien Moreau", "Company", with its channel when it has one. */
export function scopeLabel(scope: ResolvedScope, dir: Directory, lang: Lang): string {
  const parts: string[] = [];
  if (scope.rep) parts.push(scope.rep.name);
  else if (scope.team) parts.push(dir.teamLabel(scope.team.id, lang));
  if (scope.channel) parts.push(lang === 'fr' ? `canal ${scope.channel}` : `channel ${scope.channel}`);
  if (parts.length === 0) return lang === 'fr' ? 'Entreprise' : 'Company';
  return parts.join(' · ');
}

/** The states of one rule: its scope, or each member of its fan-out (known ones, ones with data, ones with a state). */
export function membersOf(
  p: {
    scope: ResolvedScope;
    filters: Partial<Record<Dimension, string>>;
    fanOut: Dimension | null;
    pick: MemberPick | null;
    lang: Lang;
  },
  dir: Directory,
  /** Group keys found by the rule's reads (channels with data, reps who sold for the team). */
  seen: Iterable<string>,
  /** Scope keys of the rule's existing states: a member that left still gets judged (and can resolve). */
  existing: Iterable<string>,
): Member[] {
  const base = {
    repId: p.scope.rep?.id ?? null,
    teamId: p.scope.team?.id ?? p.scope.rep?.teamId ?? null,
    channel: p.scope.channel,
  };
  if (!p.fanOut) {
    return [
      {
        scopeKey: '',
        label: scopeLabel(p.scope, dir, p.lang),
        pick: p.pick ?? { group: null },
        filters: p.filters,
        ...base,
      },
    ];
  }
  const prefix = p.fanOut === 'repId' ? 'rep' : p.fanOut === 'teamId' ? 'team' : 'channel';
  const values = new Set<string>();
  if (p.fanOut === 'repId') for (const id of dir.sellers(p.scope.team?.id ?? null)) values.add(id);
  if (p.fanOut === 'teamId') for (const t of dir.teams) values.add(t.id);
  for (const k of seen) if (k !== '' && k !== '*') values.add(k);
  for (const key of existing) if (key.startsWith(`${prefix}:`)) values.add(key.slice(prefix.length + 1));
  return [...values].sort().map((value) => {
    const filters = { ...p.filters, [p.fanOut!]: value };
    if (p.fanOut === 'repId') {
      const rep = dir.repsById.get(value);
      return {
        scopeKey: `rep:${value}`,
        label: dir.repLabel(value),
        pick: { group: value },
        filters,
        ...base,
        repId: value,
        teamId: rep?.teamId ?? base.teamId,
      };
    }
    if (p.fanOut === 'teamId') {
      return {
        scopeKey: `team:${value}`,
        label: dir.teamLabel(value, p.lang),
        pick: { group: value },
        filters,
        ...base,
        teamId: value,
      };
    }
    return {
      scopeKey: `channel:${value}`,
      label: base.teamId && p.scope.team ? `${dir.teamLabel(base.teamId, p.lang)} · ${value}` : value,
      pick: { group: value },
      filters,
      ...base,
      channel: value,
    };
  });
}
