-- Rollup reads select one grouping set by teamId and channel together ('*' = rolled up). Without statistics on
-- the pair, PostgreSQL multiplies the two columns' frequencies, guesses hundreds of rows for the tenant-wide
-- slice (a few dozen in fact) and walks the primary key through every row of the range instead of the
-- (tenantId, measure, teamId, channel, day) index: 40 ms instead of 1 ms for "pipeline" on a large tenant.
CREATE STATISTICS IF NOT EXISTS "MetricDaily_teamId_channel_stats" (mcv) ON "teamId", "channel" FROM "MetricDaily";
CREATE STATISTICS IF NOT EXISTS "MetricMonthly_teamId_channel_stats" (mcv) ON "teamId", "channel" FROM "MetricMonthly";
ANALYZE "MetricDaily";
ANALYZE "MetricMonthly";
