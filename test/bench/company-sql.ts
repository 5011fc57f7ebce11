import type { CompanySize } from './company-size.ts';

export const BENCH_TENANT = 'bench';
export const BENCH_TZ = 'Europe/Paris';
/** The metric the generated objectives are for (the catalog's "revenue signed"). */
export const OBJECTIVE_METRIC = 'revenue_signed';

const SOURCES = [
  'google / organic',
  'direct / (none)',
  'linkedin / social',
  'newsletter / email',
  'google / cpc',
  'bing / organic',
];
const FIRST_NAMES = [
  'Alice',
  'Bruno',
  'Chloé',
  'David',
  'Emma',
  'François',
  'Gabrielle',
  'Hugo',
  'Inès',
  'Julien',
  'Karim',
  'Léa',
  'Mathieu',
  'Nora',
  'Olivier',
  'Pauline',
  'Quentin',
  'Rose',
  'Samuel',
  'Thomas',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
];

export interface GenerationStep {
  readonly name: string;
  readonly sql: string;
}

/**
 * The SQL that writes the whole company inside the database: every row comes from generate_series and a
 * hash-based pseudo-random function, so the same size and `now` always give the same data and no row travels
 * through Node. Dates span `size.days` days ending at `now`; nothing is dated in the future.
 */
export function companyGenerationSql(size: CompanySize, now: Date): GenerationStep[] {
  const T = `'${BENCH_TENANT}'`;
  const NOW = `'${now.toISOString()}'::timestamptz`;
  const TODAY = `(${NOW} AT TIME ZONE '${BENCH_TZ}')::date`;
  const SPAN = `interval '${size.days} days'`;
  const rand = (salt: number, n = 'g.n') => `bench_rand(${n}, ${salt})`;
  const pick = (salt: number, count: number, n = 'g.n') => `(1 + floor(${rand(salt, n)} * ${count})::int)`;
  const id = (prefix: string, n: string, width: number) =>
    `'${prefix}-' || lpad((${n})::text, ${width}, '0')`;
  const repId = (n: string) => id('rep', n, 4);
  const teamOfRep = (rep: string) => id('team', `((${rep}) - 1) % ${size.teams} + 1`, 3);
  const leadId = (n: string) => id('lead', n, 8);
  const dealId = (n: string) => id('deal', n, 7);
  const textArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;

  // Revenue a month the generated deals sign on average, so that objectives sit around what is achieved.
  const wonPerDay = (size.deals / size.days) * 0.33;
  const meanAmount = 1500 + 48500 / 3;
  const monthlyRevenue = wonPerDay * 30.44 * meanAmount;

  return [
    {
      name: 'random function',
      // Immutable and a single SELECT, so PostgreSQL inlines it into the generating queries.
      sql: `CREATE OR REPLACE FUNCTION bench_rand(n bigint, salt int) RETURNS float8
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT ((hashint8extended(n, salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$`,
    },
    {
      name: 'tenant, teams, reps',
      sql: `
        INSERT INTO "Tenant" (id, name, tz, lang, "updatedAt") VALUES (${T}, 'Bench Company', '${BENCH_TZ}', 'en', ${NOW});
        INSERT INTO "Team" (id, "tenantId", name, "managerRepId", "updatedAt")
        SELECT ${id('team', 'g.n', 3)}, ${T}, 'Team ' || lpad(g.n::text, 2, '0'), ${repId('g.n')}, ${NOW}
        FROM generate_series(1, ${size.teams}) AS g(n);
        INSERT INTO "Rep" (id, "tenantId", name, email, "teamId", role, "updatedAt")
        SELECT ${repId('g.n')}, ${T},
          (${textArray(FIRST_NAMES)})[1 + (g.n - 1) % ${FIRST_NAMES.length}] || ' ' ||
          (${textArray(LAST_NAMES)})[1 + ((g.n - 1) / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}] ||
          CASE WHEN g.n > ${FIRST_NAMES.length * LAST_NAMES.length} THEN ' ' || g.n ELSE '' END,
          'rep' || g.n || '@bench.example', ${teamOfRep('g.n')},
          (CASE WHEN g.n <= ${size.teams} THEN 'manager' ELSE 'rep' END)::"Role", ${NOW}
        FROM generate_series(1, ${size.reps}) AS g(n)`,
    },
    {
      name: 'campaigns and daily stats',
      sql: `
        INSERT INTO "Campaign" (id, "tenantId", source, "externalId", channel, name, "startedAt", "updatedAt")
        SELECT ${id('cmp', 'g.n', 4)}, ${T}, 'bench', g.n::text,
          CASE WHEN g.n % 5 = 0 THEN 'events' ELSE 'emailing' END, 'Campaign ' || g.n,
          ((${TODAY} - floor(${rand(41)} * ${size.days})::int)::timestamp AT TIME ZONE '${BENCH_TZ}'), ${NOW}
        FROM generate_series(1, ${size.campaigns}) AS g(n);
        INSERT INTO "CampaignDaily" ("tenantId", "campaignId", day, sent, delivered, opens, "uniqueClicks",
          unsubscribes, "spamReports", bounces, leads, cost)
        SELECT ${T}, c.id, s.day, s.sent, s.delivered, s.opens, s.clicks,
          floor(s.delivered * 0.004 * ${rand(44, 's.n')})::int, floor(s.delivered * 0.001 * ${rand(45, 's.n')})::int,
          s.sent - s.delivered, floor(${rand(46, 's.n')} * 25)::int, round((50 + ${rand(47, 's.n')} * 450)::numeric, 2)::float8
        FROM (
          SELECT id, "externalId"::int AS k, channel, ("startedAt" AT TIME ZONE '${BENCH_TZ}')::date AS first_day
          FROM "Campaign" WHERE "tenantId" = ${T}
        ) AS c
        CROSS JOIN LATERAL (
          SELECT d.day::date AS day, c.k::bigint * 100000 + (d.day::date - c.first_day) AS n
          FROM generate_series(c.first_day, LEAST(c.first_day + 30 + floor(${rand(43, 'c.k')} * 150)::int, ${TODAY}),
                               interval '1 day') AS d(day)
        ) AS dn
        CROSS JOIN LATERAL (
          SELECT dn.day, dn.n,
            CASE WHEN c.channel = 'emailing' THEN floor(1000 + ${rand(48, 'dn.n')} * 9000)::int ELSE 0 END AS sent
        ) AS s0
        CROSS JOIN LATERAL (SELECT s0.day, s0.n, s0.sent, floor(s0.sent * (0.95 + 0.04 * ${rand(49, 's0.n')}))::int AS delivered) AS s1
        CROSS JOIN LATERAL (SELECT s1.*, floor(s1.delivered * (0.18 + 0.2 * ${rand(50, 's1.n')}))::int AS opens) AS s2
        CROSS JOIN LATERAL (SELECT s2.*, floor(s2.opens * (0.05 + 0.15 * ${rand(51, 's2.n')}))::int AS clicks) AS s`,
    },
    {
      name: 'web traffic',
      sql: `
        INSERT INTO "WebTrafficDaily" ("tenantId", day, source, sessions, users, pageviews, bounces, "engagedSeconds", leads)
        SELECT ${T}, w.day, w.source, w.sessions, floor(w.sessions * 0.8)::int,
          floor(w.sessions * (2 + 2 * ${rand(62, 'w.n')}))::int, floor(w.sessions * (0.3 + 0.3 * ${rand(63, 'w.n')}))::int,
          round((w.sessions * (30 + 90 * ${rand(64, 'w.n')}))::numeric, 1)::float8,
          floor(w.sessions * 0.01 * ${rand(65, 'w.n')})::int
        FROM (
          SELECT d.day::date AS day, src.source, src.i::bigint * 100000 + (${TODAY} - d.day::date) AS n,
            floor((200 + 1800 * ${rand(61, 'src.i::bigint')}) * (0.7 + 0.6 * ${rand(60, `src.i::bigint * 100000 + (${TODAY} - d.day::date)`)}))::int AS sessions
          FROM generate_series(${TODAY} - ${size.days}, ${TODAY}, interval '1 day') AS d(day)
          CROSS JOIN unnest(${textArray(SOURCES.slice(0, size.webSources))}) WITH ORDINALITY AS src(source, i)
        ) AS w`,
    },
    {
      name: `leads (${size.leads.toLocaleString('en')})`,
      // ~41% qualified, ~8% converted (from the qualified), lost from either stage; 4% have no owner.
      sql: `
        INSERT INTO "Lead" (id, "tenantId", source, "externalId", "createdAt", channel, "campaignId", "ownerRepId",
          "qualifiedAt", "convertedAt", "lostAt", "updatedAt")
        SELECT ${leadId('g.n')}, ${T}, 'bench', g.n::text, a.created,
          CASE WHEN b.campaign IS NULL THEN b.channel WHEN b.campaign % 5 = 0 THEN 'events' ELSE 'emailing' END,
          CASE WHEN b.campaign IS NOT NULL THEN ${id('cmp', 'b.campaign', 4)} END,
          CASE WHEN ${rand(5)} < 0.96 THEN ${repId(pick(6, size.reps))} END,
          q.qualified, c.converted, c.lost, ${NOW}
        FROM generate_series(1, ${size.leads}) AS g(n)
        CROSS JOIN LATERAL (SELECT ${NOW} - ${rand(1)} * ${SPAN} AS created, ${rand(2)} AS rc, ${rand(3)} AS rq) AS a
        CROSS JOIN LATERAL (SELECT
          CASE WHEN a.rc < 0.3 THEN 'web_form' WHEN a.rc < 0.65 THEN NULL WHEN a.rc < 0.82 THEN 'phone' ELSE 'referral' END AS channel,
          CASE WHEN a.rc >= 0.3 AND a.rc < 0.65 THEN ${pick(4, size.campaigns)} END AS campaign,
          CASE WHEN a.rq < 0.41 THEN a.created + ${rand(7)} * interval '10 days' END AS qualified) AS b
        CROSS JOIN LATERAL (SELECT CASE WHEN b.qualified <= ${NOW} THEN b.qualified END AS qualified) AS q
        CROSS JOIN LATERAL (SELECT q.qualified + ${rand(8)} * interval '60 days' AS converted_at,
          CASE WHEN a.rq >= 0.41 THEN a.created + ${rand(9)} * interval '20 days'
               ELSE q.qualified + ${rand(9)} * interval '45 days' END AS lost_at) AS t
        CROSS JOIN LATERAL (SELECT
          CASE WHEN a.rq < 0.085 AND t.converted_at <= ${NOW} THEN t.converted_at END AS converted,
          CASE WHEN ((a.rq >= 0.41 AND a.rq < 0.7) OR (a.rq >= 0.085 AND a.rq < 0.2)) AND t.lost_at <= ${NOW}
               THEN t.lost_at END AS lost) AS c`,
    },
    {
      name: `deals (${size.deals.toLocaleString('en')})`,
      // Closed within 90 days of creation: ~33% won, ~52% lost, the rest still open.
      sql: `
        INSERT INTO "Deal" (id, "tenantId", source, "externalId", name, "accountId", "ownerRepId", "teamId", stage,
          status, amount, currency, "createdAt", "proposalSentAt", "proposalReadAt", "proposalFollowedUpAt",
          "closedAt", "leadId", channel, "updatedAt")
        SELECT ${dealId('g.n')}, ${T}, 'bench', g.n::text, 'Deal ' || g.n,
          CASE WHEN s.status = 'won' THEN ${id('acc', pick(21, size.accounts), 6)} END,
          ${repId('a.rep')}, ${teamOfRep('a.rep')},
          CASE s.status WHEN 'won' THEN 'closed_won' WHEN 'lost' THEN 'closed_lost'
            ELSE (ARRAY['discovery', 'proposal', 'negotiation'])[${pick(22, 3)}] END,
          s.status::"DealStatus", round((1500 + 48500 * ${rand(23)} ^ 2)::numeric, 2)::float8, 'EUR', a.created,
          b.sent,
          CASE WHEN ${rand(17)} < 0.65 AND b.sent + ${rand(18)} * interval '3 days' <= ${NOW}
               THEN b.sent + ${rand(18)} * interval '3 days' END,
          CASE WHEN ${rand(19)} < 0.55 AND b.sent + ${rand(20)} * interval '5 days' <= ${NOW}
               THEN b.sent + ${rand(20)} * interval '5 days' END,
          b.closed,
          CASE WHEN ${rand(24)} < 0.6 THEN ${leadId(pick(25, size.leads))} END,
          CASE WHEN ${rand(26)} < 0.3 THEN 'web_form' WHEN ${rand(26)} < 0.55 THEN 'emailing'
               WHEN ${rand(26)} < 0.7 THEN 'phone' WHEN ${rand(26)} < 0.88 THEN 'referral' ELSE 'events' END,
          ${NOW}
        FROM generate_series(1, ${size.deals}) AS g(n)
        CROSS JOIN LATERAL (SELECT ${pick(11, size.reps)} AS rep, ${NOW} - ${rand(12)} * ${SPAN} AS created,
          ${rand(13)} AS rs, ${rand(14)} * interval '90 days' AS cycle) AS a
        CROSS JOIN LATERAL (SELECT CASE WHEN a.rs < 0.85 AND a.created + a.cycle <= ${NOW}
          THEN CASE WHEN a.rs < 0.33 THEN 'won' ELSE 'lost' END ELSE 'open' END AS status) AS s
        CROSS JOIN LATERAL (SELECT
          CASE WHEN s.status <> 'open' THEN a.created + a.cycle END AS closed,
          CASE WHEN ${rand(15)} < 0.7
               THEN a.created + ${rand(16)} * 0.6 * (LEAST(a.created + a.cycle, ${NOW}) - a.created) END AS sent) AS b`,
    },
    {
      name: 'stage changes (3 per deal)',
      sql: `
        INSERT INTO "DealStageChange" (id, "tenantId", "dealId", "fromStage", "toStage", at)
        SELECT 'sc-' || d."externalId" || '-' || k, ${T}, d.id,
          CASE k WHEN 1 THEN NULL WHEN 2 THEN 'discovery' ELSE 'proposal' END,
          CASE k WHEN 1 THEN 'discovery' WHEN 2 THEN 'proposal'
            ELSE CASE d.status WHEN 'won' THEN 'closed_won' WHEN 'lost' THEN 'closed_lost' ELSE 'negotiation' END END,
          CASE WHEN d."closedAt" IS NOT NULL THEN d."createdAt" + (k - 1) / 2.0 * (d."closedAt" - d."createdAt")
               ELSE d."createdAt" + (k - 1) / 3.0 * (${NOW} - d."createdAt") END
        FROM "Deal" d CROSS JOIN generate_series(1, 3) AS k
        WHERE d."tenantId" = ${T}`,
    },
    {
      name: `activities (${size.activities.toLocaleString('en')})`,
      // An activity on a lead happens within 60 days of the lead's creation, one on a deal within 90 days of the
      // deal's: a record's meetings cluster in its lifetime, as in a CRM, not across the three years.
      sql: `
        INSERT INTO "Activity" (id, "tenantId", source, "externalId", type, "occurredAt", "repId", "leadId", "dealId", "updatedAt")
        SELECT ${id('act', 'g.n', 8)}, ${T}, 'bench', g.n::text,
          (CASE WHEN ${rand(31)} < 0.22 THEN 'meeting' WHEN ${rand(31)} < 0.57 THEN 'call'
                WHEN ${rand(31)} < 0.95 THEN 'email' ELSE 'proposal_followup' END)::"ActivityType",
          CASE WHEN l.id IS NOT NULL THEN l."createdAt" + ${rand(32)} * LEAST(interval '60 days', ${NOW} - l."createdAt")
               WHEN d.id IS NOT NULL THEN d."createdAt" + ${rand(32)} * LEAST(interval '90 days', ${NOW} - d."createdAt")
               ELSE ${NOW} - ${rand(32)} * ${SPAN} END,
          ${repId(pick(33, size.reps))}, x.lead_id, x.deal_id, ${NOW}
        FROM generate_series(1, ${size.activities}) AS g(n)
        CROSS JOIN LATERAL (SELECT
          CASE WHEN ${rand(34)} < 0.4 THEN ${leadId(pick(35, size.leads))} END AS lead_id,
          CASE WHEN ${rand(36)} < 0.2 THEN ${dealId(pick(37, size.deals))} END AS deal_id) AS x
        LEFT JOIN "Lead" l ON l.id = x.lead_id
        LEFT JOIN "Deal" d ON d.id = x.deal_id`,
    },
    {
      name: 'accounts and surveys',
      sql: `
        INSERT INTO "Account" (id, "tenantId", source, "externalId", name, "ownerRepId", "firstWonAt", "churnedAt", "updatedAt")
        SELECT ${id('acc', 'g.n', 6)}, ${T}, 'bench', g.n::text, 'Account ' || g.n, ${repId(pick(71, size.reps))},
          a.won, CASE WHEN ${rand(73)} < 0.12 THEN a.won + ${rand(74)} * (${NOW} - a.won) END, ${NOW}
        FROM generate_series(1, ${size.accounts}) AS g(n)
        CROSS JOIN LATERAL (SELECT CASE WHEN ${rand(72)} < 0.85 THEN ${NOW} - ${rand(75)} * ${SPAN} END AS won) AS a;
        INSERT INTO "Survey" (id, "tenantId", source, "externalId", kind, score, at, "repId", "accountId")
        SELECT ${id('sv', 'g.n', 7)}, ${T}, 'bench', g.n::text, k.kind::"SurveyKind",
          CASE WHEN k.kind = 'nps' THEN LEAST(10, floor(${rand(82)} ^ 0.6 * 11))::int
               ELSE LEAST(5, 1 + floor(${rand(82)} ^ 0.5 * 5))::int END,
          ${NOW} - ${rand(83)} * ${SPAN}, ${repId(pick(84, size.reps))}, ${id('acc', pick(85, size.accounts), 6)}
        FROM generate_series(1, ${size.surveys}) AS g(n)
        CROSS JOIN LATERAL (SELECT CASE WHEN ${rand(81)} < 0.7 THEN 'nps' ELSE 'csat' END AS kind) AS k`,
    },
    {
      name: 'monthly objectives (teams, reps)',
      sql: `
        INSERT INTO "Objective" (id, "tenantId", metric, "scopeType", "scopeId", grain, "periodStart", target, "updatedAt")
        SELECT 'obj-' || o.scope_id || '-' || to_char(m.month, 'YYYY-MM'), ${T}, '${OBJECTIVE_METRIC}',
          o.scope_type::"ScopeType", o.scope_id, 'month', m.month::date,
          round((o.monthly * (0.9 + 0.3 * ${rand(91, `hashtext(o.scope_id || m.month::text)::bigint`)}))::numeric, 0)::float8,
          ${NOW}
        FROM generate_series(date_trunc('month', ${TODAY} - ${size.days}), date_trunc('month', ${TODAY}) + interval '2 months',
                             interval '1 month') AS m(month)
        CROSS JOIN (
          SELECT 'team' AS scope_type, ${id('team', 'g.n', 3)} AS scope_id, ${monthlyRevenue / size.teams} AS monthly
          FROM generate_series(1, ${size.teams}) AS g(n)
          UNION ALL
          SELECT 'rep', ${repId('g.n')}, ${monthlyRevenue / size.reps} FROM generate_series(1, ${size.reps}) AS g(n)
        ) AS o`,
    },
  ];
}
