-- Step-up authentication: the last fresh authentication of a session (sign-in or re-entered
-- password / TOTP code), and TOTP for platform-role users (encrypted secret, last accepted step).
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "totp_enabled_at" TIMESTAMPTZ(3),
ADD COLUMN     "totp_last_step" INTEGER,
ADD COLUMN     "totp_pending_secret" TEXT,
ADD COLUMN     "totp_secret" TEXT;

-- AlterTable
ALTER TABLE "user_sessions" ADD COLUMN     "stepped_up_at" TIMESTAMPTZ(3);

