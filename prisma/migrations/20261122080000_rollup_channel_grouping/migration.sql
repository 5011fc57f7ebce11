-- A new rollup grouping, channel alone (ROLLUP_GROUPINGS in src/core/metrics/measures.ts): the totals of each
-- channel, so a by-channel read takes a few rows a day instead of one per team and channel (40 times fewer on a
-- tenant with 40 teams). Rollups written from now on include it, and the ones already written get it here, from
-- their (team, channel) rows: every rolled-up measure is a sum, so the total of a channel is the sum over teams.
-- (No quote or semicolon characters in these comments: the migration runner splits statements on them.)
INSERT INTO "MetricDaily" ("tenantId", "measure", "day", "repId", "teamId", "channel", "campaignId", "stage", "value")
SELECT "tenantId", "measure", "day", '*', '*', "channel", '*', '*', sum("value")
FROM "MetricDaily"
WHERE "repId" = '*' AND "teamId" <> '*' AND "channel" <> '*' AND "campaignId" = '*' AND "stage" = '*'
GROUP BY "tenantId", "measure", "day", "channel"
ON CONFLICT DO NOTHING;

INSERT INTO "MetricMonthly" ("tenantId", "measure", "month", "repId", "teamId", "channel", "campaignId", "stage", "value")
SELECT "tenantId", "measure", "month", '*', '*', "channel", '*', '*', sum("value")
FROM "MetricMonthly"
WHERE "repId" = '*' AND "teamId" <> '*' AND "channel" <> '*' AND "campaignId" = '*' AND "stage" = '*'
GROUP BY "tenantId", "measure", "month", "channel"
ON CONFLICT DO NOTHING;

ANALYZE "MetricDaily";
ANALYZE "MetricMonthly";
