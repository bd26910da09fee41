-- Undo of a restore request: an UNDO_PREVIEW job shows what the undo would overwrite (documents
-- changed since the restore); the undo is bound to that preview and, where the restore needed
-- approvals, waits for its own (undo_approvals) in UNDO_PENDING_APPROVAL.
-- AlterEnum
ALTER TYPE "restore_status" ADD VALUE 'UNDO_PENDING_APPROVAL';

-- AlterEnum
ALTER TYPE "job_type" ADD VALUE 'UNDO_PREVIEW';

-- AlterTable
ALTER TABLE "restore_requests" ADD COLUMN     "undo_batch_size" INTEGER,
ADD COLUMN     "undo_fingerprint" TEXT,
ADD COLUMN     "undo_preview" JSONB,
ADD COLUMN     "undo_preview_job_id" TEXT,
ADD COLUMN     "undo_reason" TEXT,
ADD COLUMN     "undo_requested_by_id" TEXT,
ADD COLUMN     "undo_required_approvals" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "undo_revision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "undo_approvals" (
    "id" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "approver_id" TEXT NOT NULL,
    "decision" "approval_decision" NOT NULL,
    "reason" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "undo_approvals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "undo_approvals_tenant_id_created_at_idx" ON "undo_approvals"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "undo_approvals_request_id_approver_id_key" ON "undo_approvals"("request_id", "approver_id");

-- AddForeignKey
ALTER TABLE "undo_approvals" ADD CONSTRAINT "undo_approvals_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "restore_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "undo_approvals" ADD CONSTRAINT "undo_approvals_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "undo_approvals" ADD CONSTRAINT "undo_approvals_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

