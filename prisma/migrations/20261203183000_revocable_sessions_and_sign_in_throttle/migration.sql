-- AlterTable
ALTER TABLE "users" ADD COLUMN     "sessions_valid_after" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "user_sessions" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "revoke_reason" TEXT,
    "method" TEXT NOT NULL,

    CONSTRAINT "user_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_throttle" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "sign_in_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "user_sessions_user_id_idx" ON "user_sessions"("user_id");

-- CreateIndex
CREATE INDEX "user_sessions_created_at_idx" ON "user_sessions"("created_at");

-- AddForeignKey
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Sessions end server-side, whatever path makes the change (app, CLI, seed, SQL console): a
-- password change, deactivation, a removed or changed membership and a revoked platform role move
-- the user's sessions_valid_after to now(); sessions created before it are refused on the next
-- request (lib/session/session-store.ts).
CREATE FUNCTION "end_user_sessions_on_user_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."password_hash" IS DISTINCT FROM OLD."password_hash" OR (OLD."is_active" AND NOT NEW."is_active") THEN
    NEW."sessions_valid_after" := now();
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "users_end_sessions" BEFORE UPDATE OF "password_hash", "is_active" ON "users"
  FOR EACH ROW EXECUTE FUNCTION "end_user_sessions_on_user_change"();

CREATE FUNCTION "end_user_sessions_on_role_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nested IFs: PL/pgSQL does not promise to short-circuit AND, and memberships has no revoked_at.
  IF TG_TABLE_NAME = 'platform_role_grants' THEN
    IF OLD."revoked_at" IS NOT NULL THEN
      RETURN NULL; -- an already revoked grant: deleting or re-granting it takes nothing away
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF TG_TABLE_NAME = 'memberships' THEN
      IF NEW."role" = OLD."role" AND NEW."user_id" = OLD."user_id" AND NEW."tenant_id" = OLD."tenant_id" THEN
        RETURN NULL;
      END IF;
    ELSE
      IF NEW."revoked_at" IS NULL AND NEW."role" = OLD."role" AND NEW."user_id" = OLD."user_id" THEN
        RETURN NULL;
      END IF;
    END IF;
  END IF;
  UPDATE "users" SET "sessions_valid_after" = now() WHERE "id" = OLD."user_id";
  RETURN NULL;
END $$;

CREATE TRIGGER "memberships_end_sessions" AFTER UPDATE OR DELETE ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION "end_user_sessions_on_role_change"();

CREATE TRIGGER "platform_role_grants_end_sessions" AFTER UPDATE OR DELETE ON "platform_role_grants"
  FOR EACH ROW EXECUTE FUNCTION "end_user_sessions_on_role_change"();
