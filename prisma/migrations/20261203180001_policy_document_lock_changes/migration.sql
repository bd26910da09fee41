-- CreateEnum
CREATE TYPE "RetentionLockChangeStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- Carry values a tenant changed away from the old column defaults into its overrides (only
-- where nothing is stored there yet). An override outside the tenant's template bounds is ignored
-- at read (the template value applies) and refused at the next save. retention_days has no GFS
-- equivalent and is dropped: the template's retention rule applies.
UPDATE "backup_policies" SET "overrides" = jsonb_strip_nulls(jsonb_build_object(
    'schedule', NULLIF(jsonb_strip_nulls(jsonb_build_object(
        'cron', CASE WHEN "schedule" <> '0 2 * * *' THEN "schedule" END,
        'fullEveryRuns', CASE WHEN "full_every" <> 7 THEN "full_every" END)), '{}'::jsonb),
    'pitr', CASE WHEN "pitr_enabled" THEN jsonb_build_object('enabled', true) END,
    'onDemand', CASE WHEN "max_on_demand_per_day" <> 4 THEN jsonb_build_object('maxPerDay', "max_on_demand_per_day") END))
WHERE "overrides" = '{}'::jsonb;

-- AlterTable
ALTER TABLE "backup_policies" DROP COLUMN "full_every",
DROP COLUMN "max_on_demand_per_day",
DROP COLUMN "pitr_enabled",
DROP COLUMN "retention_days",
DROP COLUMN "schedule";

-- CreateTable
CREATE TABLE "retention_lock_changes" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "from_days" INTEGER NOT NULL,
    "to_days" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "RetentionLockChangeStatus" NOT NULL DEFAULT 'PENDING',
    "proposed_by_id" TEXT NOT NULL,
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "retention_lock_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "retention_lock_changes_tenant_id_status_idx" ON "retention_lock_changes"("tenant_id", "status");

-- AddForeignKey
ALTER TABLE "retention_lock_changes" ADD CONSTRAINT "retention_lock_changes_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retention_lock_changes" ADD CONSTRAINT "retention_lock_changes_proposed_by_id_fkey" FOREIGN KEY ("proposed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retention_lock_changes" ADD CONSTRAINT "retention_lock_changes_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- At most one pending lock change per tenant.
CREATE UNIQUE INDEX "retention_lock_changes_one_pending" ON "retention_lock_changes"("tenant_id") WHERE "status" = 'PENDING';
