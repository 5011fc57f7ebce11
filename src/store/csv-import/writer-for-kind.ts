import type { ImportKind } from './types.ts';
import type { KindWriter, WriterContext } from './writer.ts';
import { createActivityWriter } from './writers/activities.ts';
import { createCampaignWriter, createWebTrafficWriter } from './writers/daily-stats.ts';
import { createDealWriter } from './writers/deals.ts';
import { createLeadWriter } from './writers/leads.ts';
import { createObjectiveWriter } from './writers/objectives.ts';
import { createRepWriter, createTeamWriter } from './writers/people-and-teams.ts';

const WRITERS: Record<ImportKind, (ctx: WriterContext) => KindWriter> = {
  leads: createLeadWriter,
  deals: createDealWriter,
  activities: createActivityWriter,
  reps: createRepWriter,
  teams: createTeamWriter,
  campaigns: createCampaignWriter,
  'web-traffic': createWebTrafficWriter,
  objectives: createObjectiveWriter,
};

export function createWriter(kind: ImportKind, ctx: WriterContext): KindWriter {
  return WRITERS[kind](ctx);
}
