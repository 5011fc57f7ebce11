import { describe, expect, it } from 'vitest';
import {
  aliasCollisions,
  metricPhrases,
  normalizePhrase,
} from '../../../src/core/metrics/alias-collisions.ts';
import { builtinCatalog } from '../../../src/core/metrics/builtin-catalog.ts';
import { evaluateMetric } from '../../../src/core/metrics/evaluate-metric.ts';
import { formatFormula, termKey } from '../../../src/core/metrics/formula.ts';
import { FUNNEL_STEPS } from '../../../src/core/metrics/funnel.ts';
import { commonBreakdowns } from '../../../src/core/metrics/measure-dimensions.ts';
import { parseFormula } from '../../../src/core/metrics/parse-formula.ts';

const catalog = builtinCatalog();

/** One period's term values, chosen by hand so every expected figure below can be checked with a pencil. */
const FIXTURE = new Map<string, number>([
  ['leads_created', 200],
  ['leads_qualified', 80],
  ['leads_converted', 20],
  ['leads_lost', 30],
  ['leads_converted_30d', 10],
  ['deals_created', 40],
  ['proposals_sent', 25],
  ['proposals_read', 20],
  ['proposals_followed_up', 16],
  ['proposal_followup_hours', 72],
  ['deals_won', 10],
  ['deals_lost', 15],
  ['revenue_won', 120_000],
  ['amount_lost', 90_000],
  ['won_cycle_days', 450],
  ['stage_entered', 60],
  ['meetings', 50],
  ['first_meetings', 32],
  ['calls', 300],
  ['emails', 420],
  ['new_customers', 8],
  ['churned_customers', 4],
  ['nps_responses', 50],
  ['nps_promoters', 30],
  ['nps_detractors', 10],
  ['csat_responses', 40],
  ['csat_satisfied', 34],
  ['email_sent', 10_000],
  ['email_delivered', 9_800],
  ['email_opens', 2_450],
  ['email_unique_clicks', 490],
  ['email_unsubscribes', 49],
  ['email_spam_reports', 98],
  ['email_bounces', 200],
  ['marketing_cost', 24_000],
  ['web_sessions', 5_000],
  ['web_users', 4_000],
  ['web_pageviews', 12_000],
  ['web_bounces', 2_250],
  ['web_engaged_seconds', 300_000],
  ['web_leads', 100],
  // Running totals for stocks.
  ['before_end(deals_created_amount)', 1_000_000],
  ['before_end(revenue_won)', 500_000],
  ['before_end(amount_lost)', 300_000],
  ['before_end(deals_created)', 300],
  ['before_end(deals_won)', 100],
  ['before_end(deals_lost)', 150],
  ['before_start(new_customers)', 110],
  ['before_start(churned_customers)', 10],
  ['before_end(new_customers)', 118],
  ['before_end(churned_customers)', 14],
]);

/** Every built-in metric on FIXTURE; objective_attainment is checked separately (it needs a target). */
const EXPECTED: Record<string, number> = {
  leads: 200,
  qualified_leads: 80,
  lost_leads: 30,
  qualification_rate: 0.4, // 80 / 200
  conversion_rate: 0.25, // 20 converted / 80 qualified
  lead_conversion_30d: 0.05, // 10 / 200
  qualified_to_meeting_rate: 0.4, // 32 first meetings / 80 qualified
  meeting_to_proposal_rate: 0.78125, // 25 proposals / 32 first meetings
  proposal_to_win_rate: 0.4, // 10 won / 25 proposals
  meetings: 50,
  first_meetings: 32,
  proposals_sent: 25,
  proposal_read_rate: 0.8, // 20 / 25
  proposal_followup_rate: 0.64, // 16 / 25
  proposal_followup_time: 4.5, // 72 h / 16
  deals_created: 40,
  deals_won: 10,
  deals_lost: 15,
  win_rate: 0.4, // 10 / (10 + 15)
  revenue_signed: 120_000,
  amount_lost: 90_000,
  pipeline_value: 200_000, // 1,000,000 − 500,000 − 300,000
  open_deals: 50, // 300 − 100 − 150
  average_deal_size: 12_000, // 120,000 / 10
  sales_cycle: 45, // 450 days / 10
  stage_entries: 60,
  calls: 300,
  sales_emails: 420,
  new_customers: 8,
  churned_customers: 4,
  active_customers: 104, // 118 − 14
  churn_rate: 0.04, // 4 / (110 − 10)
  retention_rate: 0.96, // (100 − 4) / 100
  ltv: 30_000, // (120,000 / 100 customers) / 4% churn = 1,200 / 0.04 = 120,000 / 4 lost
  nps: 40, // (30 − 10) × 100 / 50
  csat: 0.85, // 34 / 40
  marketing_cost: 24_000,
  cac: 3_000, // 24,000 / 8
  cost_per_lead: 120, // 24,000 / 200
  campaign_roi: 4, // (120,000 − 24,000) / 24,000
  campaign_emails_sent: 10_000,
  email_deliverability: 0.98, // 9,800 / 10,000
  email_open_rate: 0.25, // 2,450 / 9,800
  email_click_rate: 0.05, // 490 / 9,800
  email_unsubscribe_rate: 0.005, // 49 / 9,800
  email_spam_rate: 0.01, // 98 / 9,800
  email_bounce_rate: 0.02, // 200 / 10,000
  web_sessions: 5_000,
  web_visitors: 4_000,
  web_pageviews: 12_000,
  web_bounce_rate: 0.45, // 2,250 / 5,000
  web_leads: 100,
  web_conversion_rate: 0.02, // 100 / 5,000
  average_engagement_time: 60, // 300,000 s / 5,000
};

const EMPTY = new Map<string, number>();

describe('built-in catalog: every metric on a hand-checked fixture', () => {
  it('has an expected value for every metric, and a fixture value for every term it reads', () => {
    const names = catalog.metrics.map((m) => m.name).filter((n) => n !== 'objective_attainment');
    expect(names.sort()).toEqual(Object.keys(EXPECTED).sort());
    const missing = catalog.metrics.flatMap((m) => m.terms.map(termKey)).filter((key) => !FIXTURE.has(key));
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))('%s = %d', (name, expected) => {
    const metric = catalog.get(name);
    expect(metric).toBeDefined();
    if (!metric) return;
    expect(evaluateMetric(metric, FIXTURE).value).toBeCloseTo(expected, 10);
  });

  it('objective_attainment is revenue signed ÷ the revenue objective', () => {
    const metric = catalog.get('objective_attainment');
    expect(metric?.of).toBe('revenue_signed');
    if (!metric) return;
    expect(evaluateMetric(metric, FIXTURE, { target: 150_000 })).toEqual({
      value: 0.8, // 120,000 / 150,000
      numerator: 120_000,
      denominator: 150_000,
    });
    expect(evaluateMetric(metric, FIXTURE).value).toBeNull();
    expect(evaluateMetric(metric, FIXTURE, { target: 0 }).value).toBeNull();
  });

  it('shows numerator and denominator with ratios: win rate 10 / 25', () => {
    const metric = catalog.get('win_rate');
    expect(metric && evaluateMetric(metric, FIXTURE)).toEqual({ value: 0.4, numerator: 10, denominator: 25 });
  });

  it('gives no value (not 0, not NaN) for a rate with an empty denominator, and 0 for an empty count', () => {
    for (const metric of catalog.metrics) {
      const { value } = evaluateMetric(metric, EMPTY);
      if (metric.denominatorF || metric.kind === 'attainment' || metric.name === 'ltv') {
        expect(value, metric.name).toBeNull();
      } else {
        expect(value, metric.name).toBe(0);
      }
    }
  });

  it('ltv is empty when no customer was lost', () => {
    const metric = catalog.get('ltv');
    const noChurn = new Map(FIXTURE);
    noChurn.set('churned_customers', 0);
    expect(metric && evaluateMetric(metric, noChurn).value).toBeNull();
  });
});

describe('built-in catalog: invariants', () => {
  it('has unique snake_case names', () => {
    const names = catalog.metrics.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('has an EN and FR label and definition on every metric', () => {
    for (const m of catalog.metrics) {
      for (const lang of ['en', 'fr'] as const) {
        expect(m.label[lang].trim(), `${m.name} label.${lang}`).not.toBe('');
        expect(m.definition[lang].trim().length, `${m.name} definition.${lang}`).toBeGreaterThan(15);
        expect(m.definition[lang], `${m.name} definition.${lang} is one line`).not.toContain('\n');
      }
    }
  });

  it('has non-empty, trimmed aliases, none repeated within a metric and language', () => {
    for (const m of catalog.metrics) {
      for (const lang of ['en', 'fr'] as const) {
        for (const alias of m.aliases[lang]) {
          expect(alias, m.name).toBe(alias.trim());
          expect(normalizePhrase(alias), `${m.name}: "${alias}"`).not.toBe('');
        }
        const normalized = m.aliases[lang].map(normalizePhrase);
        expect(new Set(normalized).size, `${m.name} ${lang}`).toBe(normalized.length);
      }
    }
  });

  it('has no phrase that two metrics answer to in the same language', () => {
    // Intended sharing would be listed here, with the reason; there is none today.
    const intended: string[] = [];
    const collisions = aliasCollisions(catalog).filter((c) => !intended.includes(`${c.lang}:${c.phrase}`));
    expect(collisions).toEqual([]);
  });

  it('gives rates, averages and conversions a numerator and a denominator, and value = numerator / denominator', () => {
    const doubled = new Map([...FIXTURE].map(([k, v]) => [k, v * 3 + 7]));
    for (const m of catalog.metrics) {
      if (m.kind === 'ratio' || m.kind === 'average' || m.kind === 'conversion') {
        expect(m.numeratorF && m.denominatorF, m.name).toBeTruthy();
        expect(m.numerator && m.denominator, m.name).toBeTruthy();
      }
      if (!m.numeratorF || !m.denominatorF || !m.numerator || !m.denominator) continue;
      expect(formatFormula(parseFormula(m.value))).toBe(
        formatFormula(parseFormula(`(${m.numerator}) / (${m.denominator})`)),
      );
      for (const fixture of [FIXTURE, doubled]) {
        const r = evaluateMetric(m, fixture);
        expect(r.numerator, m.name).not.toBeNull();
        expect(r.value, m.name).toBeCloseTo((r.numerator ?? 0) / (r.denominator ?? 1), 12);
      }
    }
  });

  it('keeps the value, numerator and denominator strings in step with the compiled formulas', () => {
    for (const m of catalog.metrics) {
      expect(formatFormula(parseFormula(m.value)), m.name).toBe(formatFormula(m.valueF));
      if (m.numerator && m.numeratorF)
        expect(formatFormula(parseFormula(m.numerator))).toBe(formatFormula(m.numeratorF));
    }
  });

  it('formats percent metrics as fractions: every percent metric is a quotient', () => {
    for (const m of catalog.metrics.filter((x) => x.format === 'percent')) {
      expect(m.denominatorF !== undefined || m.kind === 'attainment', m.name).toBe(true);
    }
  });

  it('offers only breakdowns that every measure of the metric carries', () => {
    for (const m of catalog.metrics) {
      const possible = commonBreakdowns(m.terms.map((t) => t.measure));
      for (const b of m.breakdowns) expect(possible, `${m.name} by ${b}`).toContain(b);
    }
    expect(catalog.get('campaign_roi')?.breakdowns).toEqual(['campaign', 'channel']);
    expect(catalog.get('web_sessions')?.breakdowns).toEqual(['channel']);
    expect(catalog.get('win_rate')?.breakdowns).toEqual(['rep', 'team', 'channel', 'campaign']);
    expect(catalog.get('stage_entries')?.breakdowns).toContain('stage');
  });

  it('marks the usual objectives', () => {
    for (const name of [
      'revenue_signed',
      'deals_won',
      'meetings',
      'qualified_leads',
      'leads',
      'proposals_sent',
    ]) {
      expect(catalog.get(name)?.objective, name).toBe(true);
    }
  });

  it('says which way is good for costs, churn, bounces and delays', () => {
    const down = catalog.metrics.filter((m) => m.direction === 'down_is_good').map((m) => m.name);
    for (const name of [
      'cac',
      'cost_per_lead',
      'sales_cycle',
      'churn_rate',
      'web_bounce_rate',
      'email_bounce_rate',
      'email_unsubscribe_rate',
      'email_spam_rate',
      'proposal_followup_time',
    ]) {
      expect(down, name).toContain(name);
    }
    expect(down).not.toContain('win_rate');
  });

  it('uses the specified formulas for the key definitions', () => {
    const value = (name: string) => catalog.get(name)?.value;
    expect(value('conversion_rate')).toBe('leads_converted / leads_qualified');
    expect(value('lead_conversion_30d')).toBe('leads_converted_30d / leads_created');
    expect(value('win_rate')).toBe('deals_won / (deals_won + deals_lost)');
    expect(value('pipeline_value')).toBe(
      'before_end(deals_created_amount) - before_end(revenue_won) - before_end(amount_lost)',
    );
    expect(catalog.get('sales_cycle')?.format).toBe('duration_days');
    expect(catalog.get('proposal_followup_time')?.format).toBe('duration_hours');
    expect(catalog.get('nps')?.format).toBe('score');
  });
});

describe('built-in catalog: the words sales teams use', () => {
  const owner = (lang: 'en' | 'fr', phrase: string) =>
    catalog.metrics.filter((m) => metricPhrases(m, lang).has(normalizePhrase(phrase))).map((m) => m.name);

  it.each<['en' | 'fr', string, string]>([
    ['en', 'conversion', 'conversion_rate'],
    ['fr', 'conversion', 'conversion_rate'],
    ['fr', 'taux de conversion', 'conversion_rate'],
    ['fr', 'taux de transformation', 'conversion_rate'],
    ['en', 'meeting to proposal conversion', 'meeting_to_proposal_rate'],
    ['fr', 'conversion rdv → proposition', 'meeting_to_proposal_rate'],
    ['fr', 'RDV', 'meetings'],
    ['fr', 'rendez-vous', 'meetings'],
    ['fr', 'réunions', 'meetings'],
    ['fr', 'devis', 'proposals_sent'],
    ['fr', 'propositions commerciales', 'proposals_sent'],
    ['fr', 'CA', 'revenue_signed'],
    ['fr', "chiffre d'affaires signé", 'revenue_signed'],
    ['en', 'revenue', 'revenue_signed'],
    ['fr', 'panier moyen', 'average_deal_size'],
    ['en', 'win rate', 'win_rate'],
    ['fr', 'taux de closing', 'win_rate'],
    ['fr', 'pipe', 'pipeline_value'],
    ['en', 'pipeline', 'pipeline_value'],
    ['fr', 'cycle de vente', 'sales_cycle'],
    ['fr', "coût d'acquisition client", 'cac'],
    ['en', 'CAC', 'cac'],
    ['fr', 'CPL', 'cost_per_lead'],
    ['en', 'ROI', 'campaign_roi'],
    ['en', 'LTV', 'ltv'],
    ['fr', 'churn', 'churn_rate'],
    ['fr', "taux d'ouverture", 'email_open_rate'],
    ['fr', 'taux de clic', 'email_click_rate'],
    ['fr', 'désabonnements', 'email_unsubscribe_rate'],
    ['fr', 'délivrabilité', 'email_deliverability'],
    ['fr', 'taux de rebond', 'web_bounce_rate'],
    ['fr', 'taux de rebond email', 'email_bounce_rate'],
    ['fr', 'visiteurs', 'web_visitors'],
    ['fr', 'trafic', 'web_sessions'],
    ['en', 'leads from site', 'web_leads'],
    ['en', 'NPS', 'nps'],
    ['fr', 'satisfaction client', 'csat'],
    ['fr', 'appels', 'calls'],
    ['en', 'emails sent by reps', 'sales_emails'],
    ['fr', "atteinte de l'objectif", 'objective_attainment'],
    ['fr', 'leads qualifiés', 'qualified_leads'],
    ['fr', 'taux de qualification', 'qualification_rate'],
  ])('%s "%s" → %s', (lang, phrase, metric) => {
    expect(owner(lang, phrase)).toEqual([metric]);
  });
});

describe('FUNNEL_STEPS', () => {
  it('goes lead → qualified → first meeting → proposal → won, each step a catalog metric = to ÷ from', () => {
    expect(FUNNEL_STEPS.map((s) => [s.from, s.to])).toEqual([
      ['leads_created', 'leads_qualified'],
      ['leads_qualified', 'first_meetings'],
      ['first_meetings', 'proposals_sent'],
      ['proposals_sent', 'deals_won'],
    ]);
    for (const step of FUNNEL_STEPS) {
      const metric = catalog.get(step.name);
      expect(metric?.kind, step.name).toBe('conversion');
      expect(metric?.numerator).toBe(formatFormula(parseFormula(step.to)));
      expect(metric?.denominator).toBe(formatFormula(parseFormula(step.from)));
      expect(step.label.en && step.label.fr).toBeTruthy();
    }
  });
});
