-- CreateEnum
CREATE TYPE "storage_tier" AS ENUM ('HOT', 'COLD');

-- AlterEnum
ALTER TYPE "job_type" ADD VALUE 'TIER';

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "policy_template_id" TEXT,
ADD COLUMN     "retention_lock_days" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "backup_policies" ADD COLUMN     "overrides" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "snapshots" ADD COLUMN     "data_verified_at" TIMESTAMPTZ(3),
ADD COLUMN     "expired_at" TIMESTAMPTZ(3),
ADD COLUMN     "expiry_reason" TEXT,
ADD COLUMN     "held_at" TIMESTAMPTZ(3),
ADD COLUMN     "held_by_id" TEXT,
ADD COLUMN     "hold_reason" TEXT,
ADD COLUMN     "locked_until" TIMESTAMPTZ(3),
ADD COLUMN     "tier" "storage_tier" NOT NULL DEFAULT 'HOT',
ADD COLUMN     "tiered_at" TIMESTAMPTZ(3),
ADD COLUMN     "verified_at" TIMESTAMPTZ(3),
ADD COLUMN     "verify_error" TEXT;

-- CreateTable
CREATE TABLE "policy_templates" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "defaults" JSONB NOT NULL,
    "bounds" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policy_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backup_schedules" (
    "tenant_id" TEXT NOT NULL,
    "next_run_at" TIMESTAMPTZ(3),
    "last_slot_at" TIMESTAMPTZ(3),
    "last_job_id" TEXT,
    "runs_since_full" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "retry_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "schedule_key" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "backup_schedules_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "policy_templates_name_key" ON "policy_templates"("name");

-- CreateIndex
CREATE INDEX "backup_schedules_next_run_at_idx" ON "backup_schedules"("next_run_at");

-- CreateIndex
CREATE INDEX "snapshots_tenant_id_expired_at_idx" ON "snapshots"("tenant_id", "expired_at");

-- AddForeignKey
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_policy_template_id_fkey" FOREIGN KEY ("policy_template_id") REFERENCES "policy_templates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backup_schedules" ADD CONSTRAINT "backup_schedules_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

