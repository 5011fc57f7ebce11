import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Breakdown, Compare, Lang, RepRef } from '../../../src/core/query/index.ts';
import { expectPeriod, type PeriodName, parseQuery } from './parse-helpers.ts';

interface Expected {
  metric: string;
  period?: PeriodName;
  rep?: RepRef;
  team?: string;
  channel?: string;
  breakdown?: Breakdown;
  compare?: Compare[];
  lang?: Lang;
  ignored?: string[];
}

const me: RepRef = { kind: 'me' };
const slack = (userId: string): RepRef => ({ kind: 'slack', userId });
const email = (address: string): RepRef => ({ kind: 'email', email: address });
const named = (name: string): RepRef => ({ kind: 'name', name });

const ENGLISH: ReadonlyArray<readonly [string, Expected]> = [
  ['conversion last week', { metric: 'conversion_rate', period: 'lastWeek' }],
  ['last week conversion', { metric: 'conversion_rate', period: 'lastWeek' }],
  ['What is our conversion rate?', { metric: 'conversion_rate' }],
  ['win rate by rep this quarter', { metric: 'win_rate', breakdown: 'rep', period: 'thisQuarter' }],
  ['by rep, this quarter: win rate', { metric: 'win_rate', breakdown: 'rep', period: 'thisQuarter' }],
  ['leads team:emea vs last year', { metric: 'qualified_leads', team: 'emea', compare: ['last_year'] }],
  ['conversion by channel', { metric: 'conversion_rate', breakdown: 'channel' }],
  ['meeting to proposal conversion', { metric: 'meeting_to_proposal_rate' }],
  [
    'meeting to proposal conversion by rep last week',
    { metric: 'meeting_to_proposal_rate', breakdown: 'rep', period: 'lastWeek' },
  ],
  ['show me the pipeline', { metric: 'pipeline_value' }],
  [
    'by rep win rate this quarter vs target',
    { metric: 'win_rate', breakdown: 'rep', period: 'thisQuarter', compare: ['target'] },
  ],
  ['revenue signed vs target and last year', { metric: 'revenue_signed', compare: ['target', 'last_year'] }],
  ['revenue vs previous', { metric: 'revenue_signed', compare: ['previous'] }],
  [
    'revenue this month vs last month',
    { metric: 'revenue_signed', period: 'thisMonth', compare: ['previous'] },
  ],
  ['leads vs same period last year', { metric: 'qualified_leads', compare: ['last_year'] }],
  ['conversion yoy', { metric: 'conversion_rate', compare: ['last_year'] }],
  ['qualified leads for me yesterday', { metric: 'qualified_leads', rep: me, period: 'yesterday' }],
  ['my meetings this week', { metric: 'meetings', rep: me, period: 'thisWeek' }],
  [
    'leads <@U123ABC|alice> last week',
    { metric: 'qualified_leads', rep: slack('U123ABC'), period: 'lastWeek' },
  ],
  ['leads for <@U123ABC>', { metric: 'qualified_leads', rep: slack('U123ABC') }],
  ['proposals sent for alice@acme.com', { metric: 'proposals_sent', rep: email('alice@acme.com') }],
  ['proposals <mailto:Bob@Acme.com|Bob@Acme.com>', { metric: 'proposals_sent', rep: email('bob@acme.com') }],
  ['pipeline for alice', { metric: 'pipeline_value', rep: named('alice') }],
  ['deal size @carol.d', { metric: 'average_deal_size', rep: named('carol.d') }],
  ['<at>Alice Martin</at> win rate', { metric: 'win_rate', rep: named('Alice Martin') }],
  ['win rate rep:dave', { metric: 'win_rate', rep: named('dave') }],
  ['cac by campaign', { metric: 'cac', breakdown: 'campaign' }],
  ['customer acquisition cost per channel', { metric: 'cac', breakdown: 'channel' }],
  ['cost per lead by channel', { metric: 'cost_per_lead', breakdown: 'channel' }],
  ['cost per lead channel:linkedin', { metric: 'cost_per_lead', channel: 'linkedin' }],
  [
    'sessions channel google-ads last 30 days',
    { metric: 'web_sessions', channel: 'google-ads', period: 'last30Days' },
  ],
  ['pipeline channel <#C123|linkedin>', { metric: 'pipeline_value', channel: 'linkedin' }],
  ['<#C999|general> pipeline', { metric: 'pipeline_value' }],
  ['open rate per campaign', { metric: 'email_open_rate', breakdown: 'campaign' }],
  ['click rate', { metric: 'email_click_rate' }],
  ['unsubscribe rate this month', { metric: 'unsubscribe_rate', period: 'thisMonth' }],
  ['bounce rate', { metric: 'web_bounce_rate' }],
  ['email bounce rate', { metric: 'email_bounce_rate' }],
  ['NPS', { metric: 'nps' }],
  ['csat this quarter vs previous quarter', { metric: 'csat', period: 'thisQuarter', compare: ['previous'] }],
  ['sales cycle by team', { metric: 'sales_cycle', breakdown: 'team' }],
  ['average deal size Q3', { metric: 'average_deal_size', period: 'q3' }],
  ['leads qualified', { metric: 'qualified_leads' }],
  ['Qualified Leads!!!', { metric: 'qualified_leads' }],
  ['win rate team "north america"', { metric: 'win_rate', team: 'north america' }],
  ['meetings broken down by stage', { metric: 'meetings', breakdown: 'stage' }],
  ['website leads', { metric: 'website_leads' }],
  ['web traffic', { metric: 'web_sessions' }],
  ['churn', { metric: 'churn_rate' }],
  ['win_rate', { metric: 'win_rate' }],
  ['leads vs last week', { metric: 'qualified_leads', compare: ['previous'] }],
  ['signed', { metric: 'revenue_signed' }],
  ['📈 conversion 🚀 last week', { metric: 'conversion_rate', period: 'lastWeek' }],
  ['leads linkedin', { metric: 'qualified_leads', ignored: ['linkedin'] }],
  ['conversion for the emea team', { metric: 'conversion_rate', team: 'emea' }],
  ['conversion rate channel email', { metric: 'conversion_rate', channel: 'email' }],
  ['team win rate', { metric: 'win_rate', ignored: ['team'] }],
  ["my team's conversion", { metric: 'conversion_rate' }],
  [
    'leads for alice martin this week',
    { metric: 'qualified_leads', rep: named('alice martin'), period: 'thisWeek' },
  ],
  [
    'win rate <@U123ABC> team:emea by channel this month vs target',
    {
      metric: 'win_rate',
      rep: slack('U123ABC'),
      team: 'emea',
      breakdown: 'channel',
      period: 'thisMonth',
      compare: ['target'],
    },
  ],
];

const FRENCH: ReadonlyArray<readonly [string, Expected]> = [
  ['combien de rendez-vous hier ?', { metric: 'meetings', period: 'yesterday' }],
  ['combien de rdv la semaine dernière', { metric: 'meetings', period: 'lastWeek' }],
  ['mes rdv de la semaine dernière', { metric: 'meetings', rep: me, period: 'lastWeek' }],
  [
    'taux de conversion par canal ce mois-ci',
    { metric: 'conversion_rate', breakdown: 'channel', period: 'thisMonth' },
  ],
  ['quel est notre taux de conversion ?', { metric: 'conversion_rate' }],
  [
    "CA signé équipe EMEA T3 par rapport à l'an dernier",
    { metric: 'revenue_signed', team: 'EMEA', period: 'q3', compare: ['last_year'] },
  ],
  [
    'taux de réussite par commercial ce trimestre vs objectif',
    { metric: 'win_rate', breakdown: 'rep', period: 'thisQuarter', compare: ['target'] },
  ],
  ['taux de signature par vendeur', { metric: 'win_rate', breakdown: 'rep' }],
  ["chiffre d'affaires pour moi", { metric: 'revenue_signed', rep: me }],
  ['devis envoyés par étape', { metric: 'proposals_sent', breakdown: 'stage' }],
  ['propositions par campagne', { metric: 'proposals_sent', breakdown: 'campaign' }],
  ['panier moyen par équipe', { metric: 'average_deal_size', breakdown: 'team' }],
  ['cycle de vente vs période précédente', { metric: 'sales_cycle', compare: ['previous'] }],
  ["coût d'acquisition par source", { metric: 'cac', breakdown: 'channel' }],
  ["taux d'ouverture des emails", { metric: 'email_open_rate' }],
  ['taux de désabonnement du mois dernier', { metric: 'unsubscribe_rate', period: 'lastMonth' }],
  ['réunions canal:linkedin', { metric: 'meetings', channel: 'linkedin' }],
  ['conversion rdv → proposition', { metric: 'meeting_to_proposal_rate' }],
  ['rendez-vous pour <@U42|bob>', { metric: 'meetings', rep: slack('U42') }],
  ["les leads qualifiés de l'équipe EMEA", { metric: 'qualified_leads', team: 'EMEA' }],
  ["pipe vs l'année dernière", { metric: 'pipeline_value', compare: ['last_year'] }],
  ['trafic web depuis le 1er mars', { metric: 'web_sessions', period: 'sinceMarch1' }],
  ['RÉUNIONS DE LA SEMAINE DERNIÈRE', { metric: 'meetings', period: 'lastWeek' }],
  ['reunions de la semaine derniere', { metric: 'meetings', period: 'lastWeek' }],
  ['taux de rebond', { metric: 'web_bounce_rate' }],
  ['atteinte des objectifs ce mois-ci', { metric: 'objective_attainment', period: 'thisMonth' }],
  [
    'visiteurs uniques par source les 30 derniers jours',
    { metric: 'web_visitors', breakdown: 'channel', period: 'last30Days' },
  ],
  ['NPS vs N-1', { metric: 'nps', compare: ['last_year'], lang: 'en' }],
  ['leads la semaine dernière', { metric: 'qualified_leads', period: 'lastWeek' }],
  ['mon taux de transformation', { metric: 'conversion_rate', rep: me }],
  ['taux de réussite équipe de Paris', { metric: 'win_rate', team: 'Paris' }],
  ['CA vs obj', { metric: 'revenue_signed', compare: ['target'] }],
  ['taux de closing pour chaque commercial', { metric: 'win_rate', breakdown: 'rep' }],
  [
    'le CA vs objectif et vs période précédente',
    { metric: 'revenue_signed', compare: ['target', 'previous'] },
  ],
  [
    "taux de conversion rdv proposition de l'équipe:grands-comptes",
    {
      metric: 'meeting_to_proposal_rate',
      team: 'grands-comptes',
    },
  ],
];

function expectQuery(text: string, expected: Expected, defaultLang: Lang) {
  const query = parseQuery(text);
  expect(query.metric).toBe(expected.metric);
  expectPeriod(query, expected.period ?? null);
  expect(query.scope).toEqual({
    rep: expected.rep ?? null,
    team: expected.team ?? null,
    channel: expected.channel ?? null,
  });
  expect(query.breakdown).toBe(expected.breakdown ?? null);
  expect(query.compare).toEqual(expected.compare ?? []);
  expect(query.lang).toBe(expected.lang ?? defaultLang);
  expect(query.ignoredWords).toEqual(expected.ignored ?? []);
  expect(query.text).toBe(text.trim());
}

// Periods are computed in the tenant's zone: the process zone must change nothing.
describe.each(['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'])('process TZ=%s', (zone) => {
  const previousZone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    process.env.TZ = previousZone;
  });

  describe('English questions', () => {
    it.each(ENGLISH)('%s', (text, expected) => expectQuery(text, expected, 'en'));
  });

  describe('French questions', () => {
    it.each(FRENCH)('%s', (text, expected) => expectQuery(text, expected, 'fr'));
  });
});

describe('mentions and locale', () => {
  it('drops the bot mention of an app mention, and keeps other mentions as the rep', () => {
    const text = '<@UBOT> combien de rdv hier pour <@U42|bob> ?';
    expect(parseQuery(text, { ignoreMentions: ['UBOT'] }).scope.rep).toEqual(slack('U42'));
    expect(parseQuery('<@UBOT> combien de rdv hier', { ignoreMentions: ['UBOT'] }).scope.rep).toBeNull();
    expect(parseQuery('<at>kpibot</at> win rate', { ignoreMentions: ['KPIbot'] }).scope.rep).toBeNull();
  });

  it('answers in the locale when the words are shared, else in the language of the metric words', () => {
    expect(parseQuery('pipeline', { lang: 'fr' }).lang).toBe('fr');
    expect(parseQuery('pipeline').lang).toBe('en');
    expect(parseQuery('rdv', { lang: 'en' }).lang).toBe('fr');
    expect(parseQuery('conversion last week', { lang: 'fr' }).lang).toBe('en');
  });
});
