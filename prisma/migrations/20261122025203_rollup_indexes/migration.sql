-- CreateIndex
CREATE INDEX "Activity_tenantId_leadId_occurredAt_idx" ON "Activity"("tenantId", "leadId", "occurredAt");

-- CreateIndex
CREATE INDEX "Activity_tenantId_dealId_occurredAt_idx" ON "Activity"("tenantId", "dealId", "occurredAt");

-- CreateIndex
CREATE INDEX "Lead_tenantId_lostAt_idx" ON "Lead"("tenantId", "lostAt");

-- CreateIndex
CREATE INDEX "MetricDaily_tenantId_day_idx" ON "MetricDaily"("tenantId", "day");

-- CreateIndex
CREATE INDEX "MetricDaily_tenantId_measure_teamId_channel_day_idx" ON "MetricDaily"("tenantId", "measure", "teamId", "channel", "day");

-- CreateIndex
CREATE INDEX "MetricMonthly_tenantId_month_idx" ON "MetricMonthly"("tenantId", "month");

-- CreateIndex
CREATE INDEX "MetricMonthly_tenantId_measure_teamId_channel_month_idx" ON "MetricMonthly"("tenantId", "measure", "teamId", "channel", "month");
