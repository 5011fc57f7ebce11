-- AlterTable
ALTER TABLE "AlertRule" ADD COLUMN     "lastEvaluatedAt" TIMESTAMPTZ(3);
