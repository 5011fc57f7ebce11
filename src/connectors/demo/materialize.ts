import { currentStage } from './deal-lifecycle.ts';
import type { Pipeline } from './pipeline.ts';
import type { DemoActivity, DemoDeal, DemoLead, DemoStage, DemoStageChange } from './types.ts';

const dateOrNull = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));

export interface PipelineRecords {
  leads: DemoLead[];
  deals: DemoDeal[];
  stageChanges: DemoStageChange[];
  activities: DemoActivity[];
}

/** Turns the simulated pipeline into canonical records; a deal's outcome decides its lead's conversion or loss. */
export function materializePipeline(pipeline: Pipeline): PipelineRecords {
  const leads: DemoLead[] = pipeline.leads.map((lead) => {
    const outcome = lead.deal?.outcome ?? null;
    return {
      externalId: lead.externalId,
      name: lead.identity.name,
      email: lead.identity.email,
      company: lead.identity.company,
      createdAt: new Date(lead.seed.createdAt),
      channel: lead.seed.channel,
      campaignRef: lead.seed.campaignRef,
      ownerRepRef: lead.ownerRef,
      qualifiedAt: dateOrNull(lead.qualifiedAt),
      convertedAt: outcome?.status === 'won' ? new Date(outcome.at) : null,
      lostAt: outcome ? (outcome.status === 'lost' ? new Date(outcome.at) : null) : dateOrNull(lead.lostAt),
    };
  });
  const deals: DemoDeal[] = [];
  const stageChanges: DemoStageChange[] = [];
  const timeline: (Omit<DemoActivity, 'externalId'> & { at: number })[] = [];
  for (const lead of pipeline.leads) {
    for (const a of lead.activities) {
      timeline.push({
        type: a.type,
        at: a.at,
        occurredAt: new Date(a.at),
        repRef: lead.ownerRef,
        leadRef: lead.externalId,
        dealRef: null,
      });
    }
  }
  for (const deal of pipeline.deals) {
    const closedAt = deal.outcome?.at ?? null;
    deals.push({
      externalId: deal.externalId,
      name: deal.name,
      accountRef: deal.account.externalId,
      ownerRepRef: deal.ownerRef,
      teamRef: deal.teamRef,
      stage: currentStage(deal),
      status: deal.outcome?.status ?? 'open',
      amount: deal.amount,
      currency: 'EUR',
      createdAt: new Date(deal.createdAt),
      proposalSentAt: dateOrNull(deal.proposalSentAt),
      proposalReadAt: dateOrNull(deal.proposalReadAt),
      proposalFollowedUpAt: dateOrNull(deal.proposalFollowedUpAt),
      closedAt: dateOrNull(closedAt),
      leadRef: deal.lead.externalId,
      channel: deal.lead.seed.channel,
      campaignRef: deal.lead.seed.campaignRef,
    });
    let from: DemoStage | null = null;
    for (const s of deal.stages) {
      stageChanges.push({ dealRef: deal.externalId, fromStage: from, toStage: s.stage, at: new Date(s.at) });
      from = s.stage;
    }
    if (deal.outcome) {
      stageChanges.push({
        dealRef: deal.externalId,
        fromStage: from,
        toStage: deal.outcome.status,
        at: new Date(deal.outcome.at),
      });
    }
    for (const a of deal.activities) {
      // A planted win closes the deal earlier than the touches planned while it was open.
      if (closedAt !== null && a.at > closedAt) continue;
      timeline.push({
        type: a.type,
        at: a.at,
        occurredAt: new Date(a.at),
        repRef: deal.ownerRef,
        leadRef: deal.lead.externalId,
        dealRef: deal.externalId,
      });
    }
  }
  timeline.sort((a, b) => a.at - b.at);
  const activities = timeline.map(({ at: _at, ...a }, i) => ({
    externalId: `demo-activity-${String(i + 1).padStart(6, '0')}`,
    ...a,
  }));
  return { leads, deals, stageChanges, activities };
}
