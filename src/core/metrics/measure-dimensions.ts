import { type Dimension, MEASURES, type MeasureEntity, type MeasureName } from './measures.ts';

export type Breakdown = 'rep' | 'team' | 'channel' | 'stage' | 'campaign';
export const BREAKDOWNS = [
  'rep',
  'team',
  'channel',
  'stage',
  'campaign',
] as const satisfies readonly Breakdown[];

/** The rollup dimension behind each breakdown (and each short filter key in formulas). */
export const BREAKDOWN_DIMENSION: Readonly<Record<Breakdown, Dimension>> = {
  rep: 'repId',
  team: 'teamId',
  channel: 'channel',
  stage: 'stage',
  campaign: 'campaignId',
};

/**
 * Which dimensions each entity's measures carry (as documented in measures.ts). A filter or breakdown on any other
 * dimension could only ever match NONE, so the catalog rejects it instead of answering a silent zero.
 */
const ENTITY_DIMENSIONS: Readonly<Record<MeasureEntity, readonly Dimension[]>> = {
  lead: ['repId', 'teamId', 'channel', 'campaignId'],
  deal: ['repId', 'teamId', 'channel', 'campaignId'],
  stage_change: ['repId', 'teamId', 'stage'],
  activity: ['repId', 'teamId'],
  account: ['repId'],
  survey: ['repId'],
  campaign_daily: ['channel', 'campaignId'],
  web_daily: ['channel'],
};

export function measureDimensions(measure: MeasureName): readonly Dimension[] {
  return ENTITY_DIMENSIONS[MEASURES[measure].entity];
}

/** The breakdowns every one of `measures` supports (all breakdowns when there is no measure). */
export function commonBreakdowns(measures: readonly MeasureName[]): Breakdown[] {
  return BREAKDOWNS.filter((b) =>
    measures.every((m) => measureDimensions(m).includes(BREAKDOWN_DIMENSION[b])),
  );
}

/** `rep` and `repId` both name the rep dimension in formulas and YAML filters. */
export function dimensionFromKey(key: string): Dimension | undefined {
  if (Object.hasOwn(BREAKDOWN_DIMENSION, key)) return BREAKDOWN_DIMENSION[key as Breakdown];
  if (Object.hasOwn(DIMENSION_KEY, key)) return key as Dimension;
  return undefined;
}

/** The short key a dimension is written with in formulas: repId → rep. */
export const DIMENSION_KEY: Readonly<Record<Dimension, Breakdown>> = {
  repId: 'rep',
  teamId: 'team',
  channel: 'channel',
  stage: 'stage',
  campaignId: 'campaign',
};
