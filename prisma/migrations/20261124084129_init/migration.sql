-- CreateEnum
CREATE TYPE "tenancy_model" AS ENUM ('DATABASE', 'COLLECTION_PREFIX', 'SHARED_FIELD');

-- CreateEnum
CREATE TYPE "tenant_status" AS ENUM ('ACTIVE', 'SUSPENDED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "tenant_role" AS ENUM ('TENANT_ADMIN', 'TENANT_VIEWER');

-- CreateEnum
CREATE TYPE "platform_role" AS ENUM ('APPROVER', 'SUPPORT', 'PLATFORM_ADMIN');

-- CreateEnum
CREATE TYPE "snapshot_kind" AS ENUM ('FULL', 'INCREMENTAL');

-- CreateEnum
CREATE TYPE "snapshot_status" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "restore_status" AS ENUM ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'QUEUED', 'RUNNING', 'VERIFIED', 'FAILED', 'CANCELLED', 'UNDONE');

-- CreateEnum
CREATE TYPE "risk_level" AS ENUM ('LOW', 'HIGH');

-- CreateEnum
CREATE TYPE "approval_decision" AS ENUM ('APPROVE', 'REJECT');

-- CreateEnum
CREATE TYPE "job_type" AS ENUM ('BACKUP', 'DRY_RUN', 'RESTORE', 'VERIFY', 'UNDO', 'GC');

-- CreateEnum
CREATE TYPE "job_status" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "audit_outcome" AS ENUM ('ALLOWED', 'DENIED');

-- CreateTable
CREATE TABLE "tenants" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tenancy_model" "tenancy_model" NOT NULL,
    "database" TEXT NOT NULL,
    "collection_prefix" TEXT,
    "tenant_field" TEXT,
    "tenant_value" TEXT,
    "region" TEXT NOT NULL,
    "cost_center" TEXT NOT NULL,
    "status" "tenant_status" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "oidc_subject" TEXT,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "last_sign_in_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "role" "tenant_role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_role_grants" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "platform_role" NOT NULL,
    "granted_by_id" TEXT,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "platform_role_grants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backup_policies" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "schedule" TEXT NOT NULL DEFAULT '0 2 * * *',
    "retention_days" INTEGER NOT NULL DEFAULT 30,
    "full_every" INTEGER NOT NULL DEFAULT 7,
    "max_on_demand_per_day" INTEGER NOT NULL DEFAULT 4,
    "pitr_enabled" BOOLEAN NOT NULL DEFAULT false,
    "approvals_low_risk" INTEGER NOT NULL DEFAULT 1,
    "approvals_high_risk" INTEGER NOT NULL DEFAULT 2,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "backup_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshots" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" "snapshot_kind" NOT NULL,
    "status" "snapshot_status" NOT NULL,
    "parent_id" TEXT,
    "manifest_key" TEXT,
    "consistent_at" TIMESTAMPTZ(3),
    "consistency_method" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "documents" BIGINT NOT NULL DEFAULT 0,
    "changed_documents" BIGINT NOT NULL DEFAULT 0,
    "deleted_documents" BIGINT NOT NULL DEFAULT 0,
    "logical_bytes" BIGINT NOT NULL DEFAULT 0,
    "stored_bytes" BIGINT NOT NULL DEFAULT 0,
    "duration_ms" INTEGER,
    "error" TEXT,
    "job_id" TEXT,

    CONSTRAINT "snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshot_collections" (
    "id" TEXT NOT NULL,
    "snapshot_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "documents" BIGINT NOT NULL,
    "changed_documents" BIGINT NOT NULL DEFAULT 0,
    "logical_bytes" BIGINT NOT NULL,
    "stored_bytes" BIGINT NOT NULL,
    "indexes" JSONB NOT NULL,
    "fingerprint" TEXT,

    CONSTRAINT "snapshot_collections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "restore_requests" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "requested_by_id" TEXT NOT NULL,
    "status" "restore_status" NOT NULL DEFAULT 'DRAFT',
    "spec" JSONB NOT NULL,
    "plan_hash" TEXT,
    "pre_state_fingerprint" TEXT,
    "risk" "risk_level",
    "risk_reasons" JSONB,
    "required_approvals" INTEGER NOT NULL DEFAULT 1,
    "reason" TEXT NOT NULL,
    "dry_run_summary" JSONB,
    "job_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "restore_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approvals" (
    "id" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "approver_id" TEXT NOT NULL,
    "decision" "approval_decision" NOT NULL,
    "reason" TEXT NOT NULL,
    "plan_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "approvals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT,
    "type" "job_type" NOT NULL,
    "status" "job_status" NOT NULL DEFAULT 'QUEUED',
    "payload" JSONB NOT NULL,
    "progress" JSONB,
    "result" JSONB,
    "conditions" JSONB NOT NULL DEFAULT '[]',
    "heartbeat_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_user_id" TEXT,
    "actor_email" TEXT,
    "tenant_id" TEXT,
    "impersonation_id" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "outcome" "audit_outcome" NOT NULL DEFAULT 'ALLOWED',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "origin" TEXT,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "impersonation_sessions" (
    "id" TEXT NOT NULL,
    "support_user_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ticket_ref" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,
    "is_elevated" BOOLEAN NOT NULL DEFAULT false,
    "elevation_approved_by_id" TEXT,

    CONSTRAINT "impersonation_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tenant_keys" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kek_id" TEXT NOT NULL,
    "wrapped_key" BYTEA NOT NULL,
    "algorithm" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "destroyed_at" TIMESTAMPTZ(3),

    CONSTRAINT "tenant_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE INDEX "tenants_status_idx" ON "tenants"("status");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_oidc_subject_key" ON "users"("oidc_subject");

-- CreateIndex
CREATE INDEX "memberships_tenant_id_idx" ON "memberships"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_user_id_tenant_id_key" ON "memberships"("user_id", "tenant_id");

-- CreateIndex
CREATE INDEX "platform_role_grants_role_idx" ON "platform_role_grants"("role");

-- CreateIndex
CREATE UNIQUE INDEX "platform_role_grants_user_id_role_key" ON "platform_role_grants"("user_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "backup_policies_tenant_id_key" ON "backup_policies"("tenant_id");

-- CreateIndex
CREATE INDEX "snapshots_tenant_id_started_at_idx" ON "snapshots"("tenant_id", "started_at");

-- CreateIndex
CREATE INDEX "snapshots_parent_id_idx" ON "snapshots"("parent_id");

-- CreateIndex
CREATE INDEX "snapshots_job_id_idx" ON "snapshots"("job_id");

-- CreateIndex
CREATE UNIQUE INDEX "snapshots_tenant_id_seq_key" ON "snapshots"("tenant_id", "seq");

-- CreateIndex
CREATE INDEX "snapshot_collections_tenant_id_idx" ON "snapshot_collections"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "snapshot_collections_snapshot_id_namespace_key" ON "snapshot_collections"("snapshot_id", "namespace");

-- CreateIndex
CREATE INDEX "restore_requests_tenant_id_created_at_idx" ON "restore_requests"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "restore_requests_status_submitted_at_idx" ON "restore_requests"("status", "submitted_at");

-- CreateIndex
CREATE INDEX "restore_requests_requested_by_id_idx" ON "restore_requests"("requested_by_id");

-- CreateIndex
CREATE INDEX "approvals_tenant_id_created_at_idx" ON "approvals"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "approvals_approver_id_idx" ON "approvals"("approver_id");

-- CreateIndex
CREATE UNIQUE INDEX "approvals_request_id_approver_id_key" ON "approvals"("request_id", "approver_id");

-- CreateIndex
CREATE INDEX "jobs_tenant_id_created_at_idx" ON "jobs"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "jobs_status_idx" ON "jobs"("status");

-- CreateIndex
CREATE INDEX "jobs_type_status_idx" ON "jobs"("type", "status");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_hash_key" ON "audit_events"("hash");

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_at_idx" ON "audit_events"("tenant_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_actor_user_id_at_idx" ON "audit_events"("actor_user_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_impersonation_id_idx" ON "audit_events"("impersonation_id");

-- CreateIndex
CREATE INDEX "impersonation_sessions_support_user_id_started_at_idx" ON "impersonation_sessions"("support_user_id", "started_at");

-- CreateIndex
CREATE INDEX "impersonation_sessions_tenant_id_started_at_idx" ON "impersonation_sessions"("tenant_id", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "tenant_keys_tenant_id_version_key" ON "tenant_keys"("tenant_id", "version");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_role_grants" ADD CONSTRAINT "platform_role_grants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_role_grants" ADD CONSTRAINT "platform_role_grants_granted_by_id_fkey" FOREIGN KEY ("granted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backup_policies" ADD CONSTRAINT "backup_policies_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshots" ADD CONSTRAINT "snapshots_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshots" ADD CONSTRAINT "snapshots_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "snapshots"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshots" ADD CONSTRAINT "snapshots_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot_collections" ADD CONSTRAINT "snapshot_collections_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot_collections" ADD CONSTRAINT "snapshot_collections_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "restore_requests" ADD CONSTRAINT "restore_requests_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "restore_requests" ADD CONSTRAINT "restore_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "restore_requests" ADD CONSTRAINT "restore_requests_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "restore_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "impersonation_sessions" ADD CONSTRAINT "impersonation_sessions_support_user_id_fkey" FOREIGN KEY ("support_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "impersonation_sessions" ADD CONSTRAINT "impersonation_sessions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "impersonation_sessions" ADD CONSTRAINT "impersonation_sessions_elevation_approved_by_id_fkey" FOREIGN KEY ("elevation_approved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenant_keys" ADD CONSTRAINT "tenant_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
