-- AlterTable
ALTER TABLE "platform_role_grants" ADD COLUMN     "tenant_scope" TEXT[] DEFAULT ARRAY[]::TEXT[];

