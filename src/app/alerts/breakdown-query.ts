import type { AlertCondition, Lang } from '../../core/alerts/index.ts';
import type { CompiledMetric } from '../../core/metrics/index.ts';
import type { Dimension } from '../../core/metrics/measures.ts';
import type { Directory } from './directory.ts';
import type { Member } from './plan.ts';

const BY: Record<Lang, Partial<Record<Dimension, string>>> = {
  en: { repId: 'by rep', teamId: 'by team', channel: 'by channel', stage: 'by stage' },
  fr: { repId: 'par commercial', teamId: 'par équipe', channel: 'par canal', stage: 'par étape' },
};
const GRAIN_NOW: Record<Lang, Record<string, string>> = {
  en: { week: 'this week', month: 'this month', quarter: 'this quarter', year: 'this year' },
  fr: { week: 'cette semaine', month: 'ce mois-ci', quarter: 'ce trimestre', year: 'cette année' },
};

/**
 * The /kpi question behind an alert's "Open breakdown" button, in the rule's language: the metric over the
 * member's scope and the alert's window, broken down by the dimension that explains it (e.g. "Meeting → proposal
 * conversion by rep team Lyon last 14 days"). The chat answers it with the asker's own access rights.
 */
export function breakdownQuery(
  metric: CompiledMetric,
  condition: AlertCondition,
  member: Member,
  dimension: Dimension | null,
  dir: Directory,
  lang: Lang,
): string {
  const fr = lang === 'fr';
  const words = [metric.label[lang]];
  const by = dimension ? BY[lang][dimension] : undefined;
  if (by) words.push(by);
  if (member.repId) words.push(dir.repsById.get(member.repId)?.email ?? dir.repLabel(member.repId));
  else if (member.teamId)
    words.push(`${fr ? 'équipe' : 'team'} ${dir.teamsById.get(member.teamId)?.name ?? ''}`);
  if (member.channel) words.push(`${fr ? 'canal' : 'channel'} ${member.channel}`);
  const days =
    condition.kind === 'threshold' || condition.kind === 'change'
      ? condition.windowDays
      : condition.kind === 'anomaly'
        ? condition.lookbackDays
        : null;
  if (condition.kind === 'pace') words.push(GRAIN_NOW[lang][condition.grain] ?? '');
  else if (days === 1) words.push(fr ? 'hier' : 'yesterday');
  else if (days !== null) words.push(fr ? `les ${days} derniers jours` : `last ${days} days`);
  return words.filter((w) => w.trim() !== '').join(' ');
}
