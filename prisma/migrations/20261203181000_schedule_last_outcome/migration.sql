-- AlterTable
ALTER TABLE "backup_schedules" ADD COLUMN     "last_outcome" TEXT;

