-- Issue 15: the voucher number people read (凭证编号), given by the chaincode when a voucher is created.
-- Null for vouchers created before numbers existed; unique otherwise, as on the ledger.
ALTER TABLE "vouchers" ADD COLUMN "number" TEXT;

CREATE UNIQUE INDEX "vouchers_number_key" ON "vouchers"("number");
