-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'manager', 'rep', 'viewer');

-- CreateEnum
CREATE TYPE "RepVisibility" AS ENUM ('open', 'team', 'self');

-- CreateEnum
CREATE TYPE "DealStatus" AS ENUM ('open', 'won', 'lost');

-- CreateEnum
CREATE TYPE "ActivityType" AS ENUM ('meeting', 'call', 'email', 'proposal_followup');

-- CreateEnum
CREATE TYPE "SurveyKind" AS ENUM ('nps', 'csat');

-- CreateEnum
CREATE TYPE "ScopeType" AS ENUM ('tenant', 'team', 'rep');

-- CreateEnum
CREATE TYPE "ObjectiveGrain" AS ENUM ('week', 'month', 'quarter', 'year');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('slack', 'teams');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tz" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "lang" TEXT NOT NULL DEFAULT 'en',
    "weekStart" INTEGER NOT NULL DEFAULT 1,
    "fiscalYearStart" INTEGER NOT NULL DEFAULT 1,
    "repVisibility" "RepVisibility" NOT NULL DEFAULT 'team',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "managerRepId" TEXT,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "externalId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rep" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "teamId" TEXT,
    "role" "Role" NOT NULL DEFAULT 'rep',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "slackUserId" TEXT,
    "teamsUserId" TEXT,
    "crmOwnerIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Rep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lead" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "company" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "channel" TEXT,
    "campaignId" TEXT,
    "ownerRepId" TEXT,
    "qualifiedAt" TIMESTAMPTZ(3),
    "convertedAt" TIMESTAMPTZ(3),
    "lostAt" TIMESTAMPTZ(3),
    "deletedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Lead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deal" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT,
    "accountId" TEXT,
    "ownerRepId" TEXT,
    "teamId" TEXT,
    "stage" TEXT,
    "status" "DealStatus" NOT NULL DEFAULT 'open',
    "amount" DOUBLE PRECISION,
    "currency" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "proposalSentAt" TIMESTAMPTZ(3),
    "proposalReadAt" TIMESTAMPTZ(3),
    "proposalFollowedUpAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "leadId" TEXT,
    "channel" TEXT,
    "campaignId" TEXT,
    "deletedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DealStageChange" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "fromStage" TEXT,
    "toStage" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DealStageChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "type" "ActivityType" NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "repId" TEXT,
    "leadId" TEXT,
    "dealId" TEXT,
    "deletedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ownerRepId" TEXT,
    "firstWonAt" TIMESTAMPTZ(3),
    "churnedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "kind" "SurveyKind" NOT NULL,
    "score" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "repId" TEXT,
    "accountId" TEXT,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cost" DOUBLE PRECISION,
    "startedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignDaily" (
    "tenantId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "opens" INTEGER NOT NULL DEFAULT 0,
    "uniqueClicks" INTEGER NOT NULL DEFAULT 0,
    "unsubscribes" INTEGER NOT NULL DEFAULT 0,
    "spamReports" INTEGER NOT NULL DEFAULT 0,
    "bounces" INTEGER NOT NULL DEFAULT 0,
    "leads" INTEGER NOT NULL DEFAULT 0,
    "cost" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "CampaignDaily_pkey" PRIMARY KEY ("tenantId","campaignId","day")
);

-- CreateTable
CREATE TABLE "WebTrafficDaily" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "sessions" INTEGER NOT NULL DEFAULT 0,
    "users" INTEGER NOT NULL DEFAULT 0,
    "pageviews" INTEGER NOT NULL DEFAULT 0,
    "bounces" INTEGER NOT NULL DEFAULT 0,
    "engagedSeconds" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "leads" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "WebTrafficDaily_pkey" PRIMARY KEY ("tenantId","day","source")
);

-- CreateTable
CREATE TABLE "Objective" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "scopeType" "ScopeType" NOT NULL,
    "scopeId" TEXT NOT NULL DEFAULT '',
    "grain" "ObjectiveGrain" NOT NULL,
    "periodStart" DATE NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Objective_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricDaily" (
    "tenantId" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "repId" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT NOT NULL DEFAULT '',
    "channel" TEXT NOT NULL DEFAULT '',
    "campaignId" TEXT NOT NULL DEFAULT '',
    "stage" TEXT NOT NULL DEFAULT '',
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricDaily_pkey" PRIMARY KEY ("tenantId","measure","day","repId","teamId","channel","campaignId","stage")
);

-- CreateTable
CREATE TABLE "MetricMonthly" (
    "tenantId" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "repId" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT NOT NULL DEFAULT '',
    "channel" TEXT NOT NULL DEFAULT '',
    "campaignId" TEXT NOT NULL DEFAULT '',
    "stage" TEXT NOT NULL DEFAULT '',
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricMonthly_pkey" PRIMARY KEY ("tenantId","measure","month","repId","teamId","channel","campaignId","stage")
);

-- CreateTable
CREATE TABLE "RollupDirtyDay" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RollupDirtyDay_pkey" PRIMARY KEY ("tenantId","day")
);

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "scope" JSONB NOT NULL DEFAULT '{}',
    "params" JSONB NOT NULL DEFAULT '{}',
    "routing" JSONB NOT NULL DEFAULT '[]',
    "source" TEXT NOT NULL DEFAULT 'chat',
    "createdBy" TEXT,
    "muted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertState" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL DEFAULT 'ok',
    "pendingCount" INTEGER NOT NULL DEFAULT 0,
    "firingSince" TIMESTAMPTZ(3),
    "lastNotified" TIMESTAMPTZ(3),
    "ackedAt" TIMESTAMPTZ(3),
    "ackedBy" TEXT,
    "snoozedUntil" TIMESTAMPTZ(3),
    "lastValue" DOUBLE PRECISION,
    "lastEvaluated" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlertState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "target" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "messageId" TEXT,
    "threadId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestSubscription" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "target" TEXT NOT NULL,
    "isUser" BOOLEAN NOT NULL DEFAULT false,
    "cron" TEXT NOT NULL DEFAULT '30 8 * * 1',
    "tz" TEXT NOT NULL,
    "scope" JSONB NOT NULL DEFAULT '{}',
    "metrics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "lang" TEXT,
    "createdBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DigestSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationRef" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reference" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConversationRef_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatIdentity" (
    "tenantId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT,
    "locale" TEXT,
    "repId" TEXT,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatIdentity_pkey" PRIMARY KEY ("tenantId","platform","userId")
);

-- CreateTable
CREATE TABLE "Installation" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "teamId" TEXT,
    "enterpriseId" TEXT,
    "isEnterprise" BOOLEAN NOT NULL DEFAULT false,
    "botUserId" TEXT,
    "botId" TEXT,
    "encryptedData" TEXT NOT NULL,
    "installedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncCursor" (
    "tenantId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "cursor" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SyncCursor_pkey" PRIMARY KEY ("tenantId","source","entity")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_tenantId_name_key" ON "Team"("tenantId", "name");

-- CreateIndex
CREATE INDEX "Rep_tenantId_teamId_idx" ON "Rep"("tenantId", "teamId");

-- CreateIndex
CREATE INDEX "Rep_tenantId_name_idx" ON "Rep"("tenantId", "name");

-- CreateIndex
CREATE INDEX "Rep_tenantId_slackUserId_idx" ON "Rep"("tenantId", "slackUserId");

-- CreateIndex
CREATE INDEX "Rep_tenantId_teamsUserId_idx" ON "Rep"("tenantId", "teamsUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Rep_tenantId_email_key" ON "Rep"("tenantId", "email");

-- CreateIndex
CREATE INDEX "Lead_tenantId_createdAt_idx" ON "Lead"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Lead_tenantId_qualifiedAt_idx" ON "Lead"("tenantId", "qualifiedAt");

-- CreateIndex
CREATE INDEX "Lead_tenantId_convertedAt_idx" ON "Lead"("tenantId", "convertedAt");

-- CreateIndex
CREATE INDEX "Lead_tenantId_ownerRepId_createdAt_idx" ON "Lead"("tenantId", "ownerRepId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Lead_tenantId_source_externalId_key" ON "Lead"("tenantId", "source", "externalId");

-- CreateIndex
CREATE INDEX "Deal_tenantId_closedAt_idx" ON "Deal"("tenantId", "closedAt");

-- CreateIndex
CREATE INDEX "Deal_tenantId_createdAt_idx" ON "Deal"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Deal_tenantId_proposalSentAt_idx" ON "Deal"("tenantId", "proposalSentAt");

-- CreateIndex
CREATE INDEX "Deal_tenantId_ownerRepId_closedAt_idx" ON "Deal"("tenantId", "ownerRepId", "closedAt");

-- CreateIndex
CREATE INDEX "Deal_tenantId_leadId_idx" ON "Deal"("tenantId", "leadId");

-- CreateIndex
CREATE UNIQUE INDEX "Deal_tenantId_source_externalId_key" ON "Deal"("tenantId", "source", "externalId");

-- CreateIndex
CREATE INDEX "DealStageChange_tenantId_at_idx" ON "DealStageChange"("tenantId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "DealStageChange_tenantId_dealId_toStage_at_key" ON "DealStageChange"("tenantId", "dealId", "toStage", "at");

-- CreateIndex
CREATE INDEX "Activity_tenantId_occurredAt_idx" ON "Activity"("tenantId", "occurredAt");

-- CreateIndex
CREATE INDEX "Activity_tenantId_repId_occurredAt_idx" ON "Activity"("tenantId", "repId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_tenantId_source_externalId_key" ON "Activity"("tenantId", "source", "externalId");

-- CreateIndex
CREATE INDEX "Account_tenantId_firstWonAt_idx" ON "Account"("tenantId", "firstWonAt");

-- CreateIndex
CREATE INDEX "Account_tenantId_churnedAt_idx" ON "Account"("tenantId", "churnedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Account_tenantId_source_externalId_key" ON "Account"("tenantId", "source", "externalId");

-- CreateIndex
CREATE INDEX "Survey_tenantId_at_idx" ON "Survey"("tenantId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_tenantId_source_externalId_key" ON "Survey"("tenantId", "source", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_tenantId_source_externalId_key" ON "Campaign"("tenantId", "source", "externalId");

-- CreateIndex
CREATE INDEX "CampaignDaily_tenantId_day_idx" ON "CampaignDaily"("tenantId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "Objective_tenantId_metric_scopeType_scopeId_grain_periodSta_key" ON "Objective"("tenantId", "metric", "scopeType", "scopeId", "grain", "periodStart");

-- CreateIndex
CREATE INDEX "AlertRule_tenantId_idx" ON "AlertRule"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertState_tenantId_ruleId_scopeKey_key" ON "AlertState"("tenantId", "ruleId", "scopeKey");

-- CreateIndex
CREATE INDEX "AlertEvent_tenantId_ruleId_at_idx" ON "AlertEvent"("tenantId", "ruleId", "at");

-- CreateIndex
CREATE INDEX "Delivery_status_createdAt_idx" ON "Delivery"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_tenantId_idempotencyKey_key" ON "Delivery"("tenantId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "DigestSubscription_tenantId_platform_target_key" ON "DigestSubscription"("tenantId", "platform", "target");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationRef_tenantId_conversationId_key" ON "ConversationRef"("tenantId", "conversationId");

-- CreateIndex
CREATE UNIQUE INDEX "Installation_teamId_enterpriseId_key" ON "Installation"("teamId", "enterpriseId");

-- CreateIndex
CREATE INDEX "SyncRun_tenantId_source_startedAt_idx" ON "SyncRun"("tenantId", "source", "startedAt");
