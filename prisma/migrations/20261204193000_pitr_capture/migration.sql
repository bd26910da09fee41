-- CreateTable
CREATE TABLE "pitr_captures" (
    "cluster" TEXT NOT NULL,
    "through_ts" BIGINT,
    "since_ts" BIGINT,
    "lease_holder" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "last_run_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pitr_captures_pkey" PRIMARY KEY ("cluster")
);

-- CreateTable
CREATE TABLE "pitr_gaps" (
    "id" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "after_ts" BIGINT NOT NULL,
    "before_ts" BIGINT NOT NULL,
    "tenant_ids" TEXT[],
    "reason" TEXT NOT NULL,
    "backup_jobs" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pitr_gaps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pitr_tenant_captures" (
    "tenant_id" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "is_capturing" BOOLEAN NOT NULL DEFAULT true,
    "since_ts" BIGINT NOT NULL,
    "through_ts" BIGINT NOT NULL,
    "last_segment_to_ts" BIGINT,
    "last_segment_at" TIMESTAMPTZ(3),
    "last_lag_ms" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pitr_tenant_captures_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateIndex
CREATE INDEX "pitr_gaps_cluster_after_ts_idx" ON "pitr_gaps"("cluster", "after_ts");

-- CreateIndex
CREATE INDEX "pitr_gaps_tenant_ids_idx" ON "pitr_gaps" USING GIN ("tenant_ids");

-- CreateIndex
CREATE INDEX "pitr_tenant_captures_cluster_idx" ON "pitr_tenant_captures"("cluster");

-- AddForeignKey
ALTER TABLE "pitr_tenant_captures" ADD CONSTRAINT "pitr_tenant_captures_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

