-- CreateTable
CREATE TABLE "restore_journal_entries" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "restore_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "entry" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "restore_journal_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "restore_journal_entries_tenant_id_restore_id_idx" ON "restore_journal_entries"("tenant_id", "restore_id");

-- CreateIndex
CREATE UNIQUE INDEX "restore_journal_entries_restore_id_seq_key" ON "restore_journal_entries"("restore_id", "seq");

-- AddForeignKey
ALTER TABLE "restore_journal_entries" ADD CONSTRAINT "restore_journal_entries_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only: the journal is what a resumed restore trusts, so an entry is never rewritten.
-- (DELETE stays possible for retention and for removing scratch tenants.)
CREATE FUNCTION "restore_journal_entries_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'restore_journal_entries is append-only (UPDATE refused)';
END;
$$;

CREATE TRIGGER "restore_journal_entries_append_only"
  BEFORE UPDATE ON "restore_journal_entries"
  FOR EACH ROW EXECUTE FUNCTION "restore_journal_entries_refuse_update"();
