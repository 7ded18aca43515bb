-- Issue 13 item 5, dilution by credit note: the credit notes on invoices, the claims on the seller
-- that accepting one gives, what an invoice was credited and which pieces a credit note took down.
ALTER TABLE "invoices" ADD COLUMN "credited_amount" BIGINT NOT NULL DEFAULT 0;

ALTER TABLE "vouchers" ADD COLUMN "dilution_note_id" TEXT,
ADD COLUMN "diluted_amount" BIGINT;

CREATE TABLE "credit_notes" (
    "id" TEXT NOT NULL,
    "invoice_id" TEXT NOT NULL,
    "seller_id" TEXT NOT NULL,
    "buyer_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "reason_kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "document_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decline_reason" TEXT,
    "decided_at" TIMESTAMP(3),
    "reductions" JSONB NOT NULL,
    "claim_ids" TEXT[] NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,

    CONSTRAINT "credit_notes_pkey" PRIMARY KEY ("id")
);

-- An invoice page lists its credit notes.
CREATE INDEX "credit_notes_invoice_id_idx" ON "credit_notes"("invoice_id");

CREATE TABLE "dilution_claims" (
    "id" TEXT NOT NULL,
    "credit_note_id" TEXT NOT NULL,
    "invoice_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "creditor_id" TEXT NOT NULL,
    "debtor_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "voucher_id" TEXT,
    "financing_id" TEXT,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,

    CONSTRAINT "dilution_claims_pkey" PRIMARY KEY ("id")
);

-- Each side lists its own claims.
CREATE INDEX "dilution_claims_creditor_id_idx" ON "dilution_claims"("creditor_id");
CREATE INDEX "dilution_claims_debtor_id_idx" ON "dilution_claims"("debtor_id");
