-- Issue 13 item 1, requests for quotes: one voucher put to several banks at once, one financing each;
-- the financing and the locked voucher name their request.
CREATE TABLE "quote_requests" (
    "id" TEXT NOT NULL,
    "voucher_id" TEXT NOT NULL,
    "applicant_id" TEXT NOT NULL,
    "debtor_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "maturity_date" DATE NOT NULL,
    "bank_ids" TEXT[] NOT NULL,
    "financing_ids" TEXT[] NOT NULL,
    "valid_until" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "accepted_financing_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,

    CONSTRAINT "quote_requests_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "quote_requests_applicant_id_status_idx" ON "quote_requests"("applicant_id", "status");
CREATE INDEX "quote_requests_voucher_id_idx" ON "quote_requests"("voucher_id");

ALTER TABLE "financings" ADD COLUMN "quote_request_id" TEXT;
CREATE INDEX "financings_quote_request_id_idx" ON "financings"("quote_request_id");

ALTER TABLE "vouchers" ADD COLUMN "quote_request_id" TEXT;
