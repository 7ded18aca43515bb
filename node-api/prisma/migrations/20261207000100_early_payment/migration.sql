-- Issue 13 item 2, early payment by the core enterprise (dynamic discounting): its offers, public as on
-- the ledger, and what a voucher paid early under one records.
ALTER TABLE "vouchers" ADD COLUMN "early_offer_id" TEXT,
ADD COLUMN "early_rate_bps" INTEGER,
ADD COLUMN "early_days" INTEGER,
ADD COLUMN "early_discount" BIGINT;

CREATE TABLE "early_payment_offers" (
    "id" TEXT NOT NULL,
    "debtor_id" TEXT NOT NULL,
    "annual_discount_bps" INTEGER NOT NULL,
    "tier_discount_bps" JSONB NOT NULL,
    "budget" BIGINT NOT NULL,
    "consumed" BIGINT NOT NULL,
    "taken" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "valid_until" DATE,
    "closed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,

    CONSTRAINT "early_payment_offers_pkey" PRIMARY KEY ("id")
);

-- Anyone looks up a debtor's open offer.
CREATE INDEX "early_payment_offers_debtor_id_status_idx" ON "early_payment_offers"("debtor_id", "status");
