-- AlterTable
ALTER TABLE "impersonation_sessions" ADD COLUMN     "elevation_decided_at" TIMESTAMPTZ(3),
ADD COLUMN     "elevation_decision_note" TEXT,
ADD COLUMN     "elevation_reason" TEXT,
ADD COLUMN     "elevation_requested_at" TIMESTAMPTZ(3),
ADD COLUMN     "elevation_status" TEXT,
ADD COLUMN     "target_user_id" TEXT;

-- CreateIndex
CREATE INDEX "impersonation_sessions_elevation_status_idx" ON "impersonation_sessions"("elevation_status");

-- AddForeignKey
ALTER TABLE "impersonation_sessions" ADD CONSTRAINT "impersonation_sessions_target_user_id_fkey" FOREIGN KEY ("target_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "impersonation_sessions" ADD CONSTRAINT "impersonation_sessions_elevation_status_check"
  CHECK ("elevation_status" IS NULL OR "elevation_status" IN ('PENDING', 'APPROVED', 'REJECTED'));

-- No nesting, and no second session: a support user has at most one session not yet ended
-- (expired sessions are ended, and audited, before a new one starts).
CREATE UNIQUE INDEX "impersonation_sessions_one_open_per_support_user"
  ON "impersonation_sessions"("support_user_id") WHERE "ended_at" IS NULL;

-- At most 30 minutes, never extended.
ALTER TABLE "impersonation_sessions" ADD CONSTRAINT "impersonation_sessions_max_30_minutes"
  CHECK ("expires_at" <= "started_at" + interval '30 minutes');
