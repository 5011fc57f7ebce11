import type { MetricSource } from './metric-input.ts';

/** Customers kept and lost, their value, and what they say (NPS, CSAT). */
export const CUSTOMER_METRICS: readonly MetricSource[] = [
  {
    name: 'new_customers',
    kind: 'count',
    measure: 'new_customers',
    label: { en: 'New customers', fr: 'Nouveaux clients' },
    aliases: {
      en: ['new clients', 'customers won', 'new accounts', 'customers acquired'],
      fr: ['clients gagnés', 'nouveaux comptes', 'clients acquis', 'conquêtes'],
    },
    definition: {
      en: 'Accounts that became customers (first deal won) in the period',
      fr: 'Comptes devenus clients (première affaire gagnée) sur la période',
    },
    objective: true,
  },
  {
    name: 'churned_customers',
    kind: 'count',
    measure: 'churned_customers',
    direction: 'down_is_good',
    label: { en: 'Customers lost', fr: 'Clients perdus' },
    aliases: {
      en: ['churned customers', 'lost customers', 'churned accounts', 'cancellations'],
      fr: ['clients churnés', 'résiliations', 'départs clients', 'comptes perdus'],
    },
    definition: { en: 'Customers lost (churned) in the period', fr: 'Clients perdus (churn) sur la période' },
  },
  {
    name: 'active_customers',
    kind: 'stock',
    value: 'before_end(new_customers) - before_end(churned_customers)',
    label: { en: 'Active customers', fr: 'Clients actifs' },
    aliases: {
      en: ['customers', 'customer count', 'customer base', 'number of customers'],
      fr: ['clients', 'nombre de clients', 'portefeuille clients', 'base clients', 'parc clients'],
    },
    definition: {
      en: 'Customers at the end of the period: customers won minus customers lost, up to the period end',
      fr: 'Clients en fin de période : clients gagnés moins clients perdus, jusqu’à la fin de la période',
    },
  },
  {
    name: 'churn_rate',
    kind: 'ratio',
    numerator: 'churned_customers',
    denominator: 'before_start(new_customers) - before_start(churned_customers)',
    format: 'percent',
    direction: 'down_is_good',
    label: { en: 'Churn rate', fr: 'Taux de churn' },
    aliases: {
      en: ['churn', 'customer churn', 'attrition', 'attrition rate', 'customer attrition'],
      fr: ['churn', 'attrition', "taux d'attrition", 'taux de résiliation', 'taux de départ clients'],
    },
    definition: {
      en: 'Customers lost in the period ÷ customers at the period start',
      fr: 'Clients perdus sur la période ÷ clients en début de période',
    },
  },
  {
    name: 'retention_rate',
    kind: 'ratio',
    numerator: 'before_start(new_customers) - before_start(churned_customers) - churned_customers',
    denominator: 'before_start(new_customers) - before_start(churned_customers)',
    format: 'percent',
    label: { en: 'Retention rate', fr: 'Taux de rétention' },
    aliases: {
      en: ['retention', 'customer retention', 'customer retention rate'],
      fr: ['rétention', 'fidélisation', 'taux de fidélisation', 'rétention client'],
    },
    definition: {
      en: 'Customers at the period start not lost during it ÷ customers at the period start (1 − churn rate)',
      fr: 'Clients du début de période non perdus pendant celle-ci ÷ clients en début de période (1 − taux de churn)',
    },
  },
  {
    name: 'ltv',
    kind: 'derived',
    // Revenue per customer over the period ÷ the period's churn rate: the customer base cancels out, so this is
    // revenue signed ÷ customers lost, written the long way to keep its meaning (and to be empty with no customers).
    value: 'revenue_won / (before_start(new_customers) - before_start(churned_customers)) / churn_rate',
    format: 'currency',
    label: { en: 'Customer lifetime value (LTV)', fr: 'Valeur vie client (LTV)' },
    aliases: {
      en: ['LTV', 'CLV', 'lifetime value', 'customer lifetime value'],
      fr: ['LTV', 'CLV', 'valeur vie client', 'valeur à vie', 'valeur client'],
    },
    definition: {
      en: 'Revenue signed per customer at the period start ÷ churn rate, over the period (= revenue signed ÷ customers lost); empty when no customer was lost',
      fr: 'CA signé par client en début de période ÷ taux de churn, sur la période (= CA signé ÷ clients perdus) ; vide si aucun client perdu',
    },
  },
  {
    name: 'nps',
    kind: 'ratio',
    numerator: '(nps_promoters - nps_detractors) * 100',
    denominator: 'nps_responses',
    format: 'score',
    label: { en: 'Net Promoter Score (NPS)', fr: 'Net Promoter Score (NPS)' },
    aliases: {
      en: ['net promoter score', 'promoter score'],
      fr: ['score NPS', 'score de recommandation', 'recommandation client'],
    },
    definition: {
      en: '% promoters (9–10) − % detractors (0–6) among the NPS answers of the period, from −100 to 100',
      fr: '% de promoteurs (9–10) − % de détracteurs (0–6) parmi les réponses NPS de la période, de −100 à 100',
    },
  },
  {
    name: 'csat',
    kind: 'ratio',
    numerator: 'csat_satisfied',
    denominator: 'csat_responses',
    format: 'percent',
    label: { en: 'Customer satisfaction (CSAT)', fr: 'Satisfaction client (CSAT)' },
    aliases: {
      en: ['customer satisfaction', 'satisfaction', 'satisfaction score', 'satisfaction rate'],
      fr: ['satisfaction', 'taux de satisfaction', 'clients satisfaits', 'score de satisfaction'],
    },
    definition: {
      en: 'Satisfied answers (4–5 out of 5) ÷ CSAT answers, in the period',
      fr: 'Réponses satisfaites (4–5 sur 5) ÷ réponses CSAT, sur la période',
    },
  },
];
