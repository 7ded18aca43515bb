-- Issue 13 item 6, warehouse receipts: the receipts the logistics member issues, and financings that
-- finance a pledged receipt instead of a voucher.
ALTER TABLE "financings" ALTER COLUMN "voucher_id" DROP NOT NULL,
ADD COLUMN "receipt_id" TEXT,
ADD COLUMN "repayment_reference" TEXT,
ADD COLUMN "repaid_at" TIMESTAMP(3);

CREATE INDEX "financings_receipt_id_idx" ON "financings"("receipt_id");

CREATE TABLE "warehouse_receipts" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "keeper_id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "goods" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "inspection_doc_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "issued_at" TIMESTAMP(3) NOT NULL,
    "financing_id" TEXT,
    "release_consent_by" TEXT,
    "release_consent_at" TIMESTAMP(3),
    "release_requested_at" TIMESTAMP(3),
    "released_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,

    CONSTRAINT "warehouse_receipts_pkey" PRIMARY KEY ("id")
);

-- The keeper's and the owner's lists.
CREATE INDEX "warehouse_receipts_keeper_id_status_idx" ON "warehouse_receipts"("keeper_id", "status");
CREATE INDEX "warehouse_receipts_owner_id_status_idx" ON "warehouse_receipts"("owner_id", "status");
