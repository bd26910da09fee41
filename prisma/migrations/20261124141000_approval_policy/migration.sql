-- Governance: person identity (no self-approval through a second account), approval TTL per
-- tenant policy, the policy copied onto each request, request revisions that approvals bind to.
ALTER TABLE "users" ADD COLUMN "person_id" TEXT;
CREATE INDEX "users_person_id_idx" ON "users"("person_id");

ALTER TABLE "backup_policies" ADD COLUMN "approval_ttl_hours" INTEGER NOT NULL DEFAULT 24;

ALTER TABLE "restore_requests" ADD COLUMN "approval_policy" JSONB,
ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "status_reason" TEXT;

ALTER TABLE "approvals" ADD COLUMN "pre_state_fingerprint" TEXT,
ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 1;
