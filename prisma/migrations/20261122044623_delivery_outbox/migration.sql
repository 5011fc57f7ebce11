-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "conversationId" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMPTZ(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMPTZ(3),
ADD COLUMN     "op" TEXT NOT NULL DEFAULT 'post',
ADD COLUMN     "parentKey" TEXT,
ADD COLUMN     "sendingSince" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Delivery_tenantId_parentKey_idx" ON "Delivery"("tenantId", "parentKey");
