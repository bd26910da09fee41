-- Databases a tenant owns outright besides its own: the allowed targets of restores into
-- "another database the tenant owns" (restore package target mode "database").
ALTER TABLE "tenants" ADD COLUMN "restore_databases" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
