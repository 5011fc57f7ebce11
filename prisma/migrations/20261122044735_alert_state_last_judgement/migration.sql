-- AlterTable
ALTER TABLE "AlertState" ADD COLUMN     "lastJudgement" JSONB;
