import type { Localized } from './metric-def.ts';

export interface FunnelStep {
  /** Also the name of the built-in metric that is this step's conversion (to ÷ from). */
  name: string;
  /** Formulas: what enters the step, and what reaches the next one, both counted in the period. */
  from: string;
  to: string;
  label: Localized<string>;
}

/** The sales funnel, in order: what "conversion by stage" shows, one row per step. */
export const FUNNEL_STEPS: readonly FunnelStep[] = [
  {
    name: 'qualification_rate',
    from: 'leads_created',
    to: 'leads_qualified',
    label: { en: 'Lead → qualified', fr: 'Lead → qualifié' },
  },
  {
    name: 'qualified_to_meeting_rate',
    from: 'leads_qualified',
    to: 'first_meetings',
    label: { en: 'Qualified → first meeting', fr: 'Qualifié → premier RDV' },
  },
  {
    name: 'meeting_to_proposal_rate',
    from: 'first_meetings',
    to: 'proposals_sent',
    label: { en: 'Meeting → proposal', fr: 'RDV → proposition' },
  },
  {
    name: 'proposal_to_win_rate',
    from: 'proposals_sent',
    to: 'deals_won',
    label: { en: 'Proposal → won', fr: 'Proposition → signée' },
  },
];
