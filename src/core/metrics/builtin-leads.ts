import type { MetricSource } from './metric-input.ts';

/** Leads and the sales funnel, step by step (the step metrics are those named in FUNNEL_STEPS). */
export const LEAD_METRICS: readonly MetricSource[] = [
  {
    name: 'leads',
    kind: 'count',
    measure: 'leads_created',
    label: { en: 'Leads', fr: 'Leads' },
    aliases: {
      en: ['new leads', 'leads created', 'lead count', 'prospects'],
      fr: ['nouveaux leads', 'leads créés', 'prospects', 'nouveaux prospects', 'contacts entrants'],
    },
    definition: {
      en: 'Leads created in the period, by creation date',
      fr: 'Leads créés sur la période, par date de création',
    },
    objective: true,
  },
  {
    name: 'qualified_leads',
    kind: 'count',
    measure: 'leads_qualified',
    label: { en: 'Qualified leads', fr: 'Leads qualifiés' },
    aliases: {
      en: ['leads qualified', 'qualified prospects', 'qualified lead count'],
      fr: ['prospects qualifiés', 'leads qualif', 'nombre de leads qualifiés'],
    },
    definition: {
      en: 'Leads qualified in the period, by qualification date',
      fr: 'Leads qualifiés sur la période, par date de qualification',
    },
    objective: true,
  },
  {
    name: 'lost_leads',
    kind: 'count',
    measure: 'leads_lost',
    direction: 'down_is_good',
    label: { en: 'Lost leads', fr: 'Leads perdus' },
    aliases: { en: ['leads lost', 'disqualified leads'], fr: ['leads disqualifiés', 'prospects perdus'] },
    definition: {
      en: 'Leads disqualified or lost in the period, by loss date',
      fr: 'Leads disqualifiés ou perdus sur la période, par date de perte',
    },
  },
  {
    name: 'qualification_rate',
    kind: 'conversion',
    from: 'leads_created',
    to: 'leads_qualified',
    label: { en: 'Qualification rate', fr: 'Taux de qualification' },
    aliases: {
      en: ['lead qualification rate', 'lead to qualified conversion', 'lead → qualified'],
      fr: ['taux de qualification des leads', 'conversion lead → qualifié', 'conversion lead qualifié'],
    },
    definition: {
      en: 'Leads qualified ÷ leads created, each counted in the period by its own date',
      fr: 'Leads qualifiés ÷ leads créés, chacun compté sur la période à sa propre date',
    },
    objective: true,
  },
  {
    name: 'conversion_rate',
    kind: 'conversion',
    from: 'leads_qualified',
    to: 'leads_converted',
    label: { en: 'Conversion rate', fr: 'Taux de conversion' },
    aliases: {
      en: [
        'conversion',
        'lead conversion',
        'lead conversion rate',
        'lead to customer conversion',
        'lead-to-customer rate',
      ],
      fr: [
        'conversion',
        'taux de transformation',
        'transformation',
        'conversion des leads',
        'conversion lead → client',
        'taux de conversion des leads',
      ],
    },
    definition: {
      en: 'Leads converted to customers ÷ leads qualified, both in the period (by conversion and qualification date)',
      fr: 'Leads convertis en clients ÷ leads qualifiés, sur la période (par date de conversion et de qualification)',
    },
    objective: true,
  },
  {
    name: 'lead_conversion_30d',
    kind: 'conversion',
    from: 'leads_created',
    to: 'leads_converted_30d',
    label: { en: 'Lead conversion within 30 days', fr: 'Conversion des leads à 30 jours' },
    aliases: {
      en: ['30-day conversion', 'cohort conversion', '30-day lead conversion'],
      fr: [
        'conversion à 30 jours',
        'conversion 30 jours',
        'conversion de cohorte',
        'taux de conversion à 30 jours',
      ],
    },
    definition: {
      en: 'Leads created in the period that became customers within 30 days ÷ leads created in the period (cohort by creation date; the last 30 days are still maturing)',
      fr: 'Leads créés sur la période devenus clients sous 30 jours ÷ leads créés sur la période (cohorte par date de création ; les 30 derniers jours sont encore incomplets)',
    },
  },
  {
    name: 'qualified_to_meeting_rate',
    kind: 'conversion',
    from: 'leads_qualified',
    to: 'first_meetings',
    label: { en: 'Qualified → meeting conversion', fr: 'Conversion qualifié → RDV' },
    aliases: {
      en: [
        'qualified to meeting rate',
        'qualified to meeting conversion',
        'meeting booking rate',
        'lead to meeting rate',
      ],
      fr: [
        'taux de prise de rdv',
        'taux de prise de rendez-vous',
        'conversion qualifié → rendez-vous',
        'conversion lead → rdv',
      ],
    },
    definition: {
      en: 'First meetings held ÷ leads qualified, both in the period',
      fr: 'Premiers rendez-vous tenus ÷ leads qualifiés, sur la période',
    },
  },
  {
    name: 'meeting_to_proposal_rate',
    kind: 'conversion',
    from: 'first_meetings',
    to: 'proposals_sent',
    label: { en: 'Meeting → proposal conversion', fr: 'Conversion RDV → proposition' },
    aliases: {
      en: ['meeting to proposal rate', 'meeting to proposal conversion', 'meeting → proposal'],
      fr: ['conversion rendez-vous → proposition', 'conversion rdv → devis', 'taux de proposition'],
    },
    definition: {
      en: 'Proposals sent ÷ first meetings held, both in the period',
      fr: 'Propositions envoyées ÷ premiers rendez-vous tenus, sur la période',
    },
  },
  {
    name: 'proposal_to_win_rate',
    kind: 'conversion',
    from: 'proposals_sent',
    to: 'deals_won',
    label: { en: 'Proposal → won conversion', fr: 'Conversion proposition → signature' },
    aliases: {
      en: ['proposal to win rate', 'proposal win rate', 'proposal → won', 'quote to close rate'],
      fr: [
        'conversion proposition → signé',
        'conversion devis → signature',
        'taux de transformation des devis',
        'taux de transformation des propositions',
      ],
    },
    definition: {
      en: 'Deals won ÷ proposals sent, both in the period (by close and sending date)',
      fr: "Affaires gagnées ÷ propositions envoyées, sur la période (par date de signature et d'envoi)",
    },
  },
  {
    name: 'meetings',
    kind: 'count',
    measure: 'meetings',
    label: { en: 'Meetings', fr: 'Rendez-vous' },
    aliases: {
      en: ['meetings held', 'appointments', 'sales meetings', 'client meetings'],
      fr: ['rdv', 'rendez vous', 'réunions', 'rencontres clients', 'rdv clients'],
    },
    definition: { en: 'Meetings held in the period', fr: 'Rendez-vous tenus sur la période' },
    objective: true,
  },
  {
    name: 'first_meetings',
    kind: 'count',
    measure: 'first_meetings',
    label: { en: 'First meetings', fr: 'Premiers rendez-vous' },
    aliases: {
      en: ['discovery meetings', 'first appointments', 'new meetings', 'R1'],
      fr: ['premiers rdv', 'R1', 'rdv de découverte', 'rendez-vous de découverte'],
    },
    definition: {
      en: 'First meetings with a lead (or with a deal that has no lead) held in the period',
      fr: 'Premiers rendez-vous avec un lead (ou une affaire sans lead) tenus sur la période',
    },
    objective: true,
  },
  {
    name: 'proposals_sent',
    kind: 'count',
    measure: 'proposals_sent',
    label: { en: 'Proposals sent', fr: 'Propositions envoyées' },
    aliases: {
      en: ['proposals', 'quotes', 'quotes sent', 'offers sent'],
      fr: [
        'propositions',
        'devis',
        'devis envoyés',
        'propositions commerciales',
        'offres envoyées',
        'propales',
      ],
    },
    definition: {
      en: 'Proposals sent in the period, by sending date',
      fr: "Propositions envoyées sur la période, par date d'envoi",
    },
    objective: true,
  },
  {
    name: 'proposal_read_rate',
    kind: 'ratio',
    numerator: 'proposals_read',
    denominator: 'proposals_sent',
    format: 'percent',
    label: { en: 'Proposal read rate', fr: 'Taux de lecture des propositions' },
    aliases: {
      en: ['proposals read', 'proposal open rate', 'quote read rate'],
      fr: [
        'propositions lues',
        'devis lus',
        'taux de lecture des devis',
        "taux d'ouverture des propositions",
      ],
    },
    definition: {
      en: 'Proposals sent in the period that were read ÷ proposals sent in the period',
      fr: 'Propositions envoyées sur la période et lues ÷ propositions envoyées sur la période',
    },
  },
  {
    name: 'proposal_followup_rate',
    kind: 'ratio',
    numerator: 'proposals_followed_up',
    denominator: 'proposals_sent',
    format: 'percent',
    label: { en: 'Proposal follow-up rate', fr: 'Taux de relance des propositions' },
    aliases: {
      en: ['follow-up rate', 'proposals followed up'],
      fr: ['taux de relance', 'propositions relancées', 'devis relancés'],
    },
    definition: {
      en: 'Proposals sent in the period that were followed up ÷ proposals sent in the period',
      fr: 'Propositions envoyées sur la période et relancées ÷ propositions envoyées sur la période',
    },
  },
  {
    name: 'proposal_followup_time',
    kind: 'average',
    sum: 'proposal_followup_hours',
    count: 'proposals_followed_up',
    format: 'duration_hours',
    direction: 'down_is_good',
    label: { en: 'Proposal follow-up time', fr: 'Délai de relance des propositions' },
    aliases: {
      en: ['follow-up time', 'time to follow up', 'follow-up delay', 'proposal follow-up delay'],
      fr: ['délai de relance', 'temps de relance', 'délai de relance des devis', 'délai de suivi'],
    },
    definition: {
      en: 'Average hours from sending a proposal to its first follow-up, for proposals sent in the period and followed up',
      fr: "Heures moyennes entre l'envoi d'une proposition et sa première relance, pour les propositions envoyées sur la période et relancées",
    },
  },
];
