-- Every per-document change of a DRY_RUN job, stored by the job so the diff pages are read from
-- the catalog instead of recomputed against MongoDB and S3. Rows go with their job.
CREATE TABLE "dry_run_changes" (
    "job_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "namespace" TEXT NOT NULL,
    "id_key" TEXT NOT NULL,
    "doc_id" JSONB NOT NULL,
    "action" TEXT NOT NULL,
    "live" JSONB,
    "snapshot" JSONB,
    "changes" JSONB NOT NULL DEFAULT '[]',
    "truncated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "dry_run_changes_pkey" PRIMARY KEY ("job_id","seq")
);

-- CreateIndex
CREATE INDEX "dry_run_changes_tenant_id_job_id_idx" ON "dry_run_changes"("tenant_id", "job_id");

-- AddForeignKey
ALTER TABLE "dry_run_changes" ADD CONSTRAINT "dry_run_changes_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dry_run_changes" ADD CONSTRAINT "dry_run_changes_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
