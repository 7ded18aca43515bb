-- Issue 12, late interest and the undisputed part (保障中小企业款项支付条例 Art. 15, 17): each voucher's
-- late-interest rate fixed at confirmation (rows from before are statutory, 0.05 % a day, as on the
-- ledger), what a settlement paid on top of the principal, and the debtor's dispute of part of a voucher.

ALTER TABLE "vouchers" ADD COLUMN "late_interest_basis" TEXT NOT NULL DEFAULT 'STATUTORY',
ADD COLUMN "late_interest_bps" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN "late_interest_agreed_bps" INTEGER,
ADD COLUMN "late_interest_floor_bps" INTEGER,
ADD COLUMN "paid_late_interest" BIGINT,
ADD COLUMN "paid_late_interest_days" INTEGER,
ADD COLUMN "paid_total" BIGINT,
ADD COLUMN "dispute_status" TEXT,
ADD COLUMN "disputed_amount" BIGINT,
ADD COLUMN "dispute_reason" TEXT,
ADD COLUMN "disputed_by" TEXT,
ADD COLUMN "disputed_at" TIMESTAMP(3),
ADD COLUMN "undisputed_id" TEXT,
ADD COLUMN "dispute_resolved_by" TEXT,
ADD COLUMN "dispute_resolved_at" TIMESTAMP(3);

-- A holder lists the disputes it has to resolve, a debtor the ones it raised.
CREATE INDEX "vouchers_dispute_status_idx" ON "vouchers"("dispute_status");
