import { randomUUID } from 'node:crypto';
import type { DemoCompany } from './generate.ts';

/** The record lists of a DemoCompany; load counts use these names. */
export type DemoRecordKind = Exclude<keyof DemoCompany, 'stories'>;

export interface TableRows {
  kind: DemoRecordKind;
  table: string;
  rows: Record<string, unknown>[];
}

/**
 * The company as rows of our tables, in an order that writes every referenced row first. External ids become
 * fresh uuids (ids are global, so two tenants can both hold the demo); Team and Rep get `updatedAt` because the
 * database has no default for it.
 */
export function demoTableRows(
  company: DemoCompany,
  tenantId: string,
  source: string,
  now: Date,
): TableRows[] {
  const ids = new Map<string, string>();
  const idOf = (ref: string) => {
    let id = ids.get(ref);
    if (id === undefined) {
      id = randomUUID();
      ids.set(ref, id);
    }
    return id;
  };
  const ref = (r: string | null) => (r === null ? null : idOf(r));
  return [
    {
      kind: 'teams',
      table: 'Team',
      rows: company.teams.map((t) => ({
        id: idOf(t.externalId),
        tenantId,
        name: t.name,
        managerRepId: idOf(t.managerRepRef),
        source,
        externalId: t.externalId,
        updatedAt: now,
      })),
    },
    {
      kind: 'reps',
      table: 'Rep',
      rows: company.reps.map((r) => ({
        id: idOf(r.externalId),
        tenantId,
        name: r.name,
        email: r.email,
        teamId: ref(r.teamRef),
        role: r.role,
        crmOwnerIds: r.crmOwnerIds,
        updatedAt: now,
      })),
    },
    {
      kind: 'campaigns',
      table: 'Campaign',
      rows: company.campaigns.map((c) => ({
        id: idOf(c.externalId),
        tenantId,
        source,
        externalId: c.externalId,
        channel: c.channel,
        name: c.name,
        cost: c.cost,
        startedAt: c.startedAt,
      })),
    },
    {
      kind: 'accounts',
      table: 'Account',
      rows: company.accounts.map((a) => ({
        id: idOf(a.externalId),
        tenantId,
        source,
        externalId: a.externalId,
        name: a.name,
        ownerRepId: idOf(a.ownerRepRef),
        firstWonAt: a.firstWonAt,
        churnedAt: a.churnedAt,
      })),
    },
    {
      kind: 'leads',
      table: 'Lead',
      rows: company.leads.map((l) => ({
        id: idOf(l.externalId),
        tenantId,
        source,
        externalId: l.externalId,
        name: l.name,
        email: l.email,
        company: l.company,
        createdAt: l.createdAt,
        channel: l.channel,
        campaignId: ref(l.campaignRef),
        ownerRepId: idOf(l.ownerRepRef),
        qualifiedAt: l.qualifiedAt,
        convertedAt: l.convertedAt,
        lostAt: l.lostAt,
      })),
    },
    {
      kind: 'deals',
      table: 'Deal',
      rows: company.deals.map((d) => ({
        id: idOf(d.externalId),
        tenantId,
        source,
        externalId: d.externalId,
        name: d.name,
        accountId: idOf(d.accountRef),
        ownerRepId: idOf(d.ownerRepRef),
        teamId: idOf(d.teamRef),
        stage: d.stage,
        status: d.status,
        amount: d.amount,
        currency: d.currency,
        createdAt: d.createdAt,
        proposalSentAt: d.proposalSentAt,
        proposalReadAt: d.proposalReadAt,
        proposalFollowedUpAt: d.proposalFollowedUpAt,
        closedAt: d.closedAt,
        leadId: idOf(d.leadRef),
        channel: d.channel,
        campaignId: ref(d.campaignRef),
      })),
    },
    {
      kind: 'stageChanges',
      table: 'DealStageChange',
      rows: company.stageChanges.map((s) => ({
        tenantId,
        dealId: idOf(s.dealRef),
        fromStage: s.fromStage,
        toStage: s.toStage,
        at: s.at,
      })),
    },
    {
      kind: 'activities',
      table: 'Activity',
      rows: company.activities.map((a) => ({
        tenantId,
        source,
        externalId: a.externalId,
        type: a.type,
        occurredAt: a.occurredAt,
        repId: idOf(a.repRef),
        leadId: ref(a.leadRef),
        dealId: ref(a.dealRef),
      })),
    },
    {
      kind: 'surveys',
      table: 'Survey',
      rows: company.surveys.map((s) => ({
        tenantId,
        source,
        externalId: s.externalId,
        kind: s.kind,
        score: s.score,
        at: s.at,
        repId: idOf(s.repRef),
        accountId: idOf(s.accountRef),
      })),
    },
    {
      kind: 'campaignDaily',
      table: 'CampaignDaily',
      rows: company.campaignDaily.map(({ campaignRef, ...day }) => ({
        tenantId,
        campaignId: idOf(campaignRef),
        ...day,
      })),
    },
    {
      kind: 'webTraffic',
      table: 'WebTrafficDaily',
      rows: company.webTraffic.map((w) => ({ tenantId, ...w })),
    },
    {
      kind: 'objectives',
      table: 'Objective',
      rows: company.objectives.map((o) => ({
        tenantId,
        metric: o.metric,
        scopeType: o.scopeType,
        scopeId: o.scopeRef === null ? '' : idOf(o.scopeRef),
        grain: o.grain,
        periodStart: o.periodStart,
        target: o.target,
      })),
    },
  ];
}
