-- CreateTable
CREATE TABLE "checkpoints" (
    "id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "checkpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enterprises" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "host_msp" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    CONSTRAINT "enterprises_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoices" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "seller_id" TEXT NOT NULL,
    "buyer_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "paid_amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "issue_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "document_hash" TEXT NOT NULL,
    "purchase_order_number" TEXT,
    "status" TEXT NOT NULL,
    "delivery_waived" BOOLEAN NOT NULL DEFAULT false,
    "rejection_reason" TEXT,
    "voucher_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shipments" (
    "id" TEXT NOT NULL,
    "invoice_id" TEXT NOT NULL,
    "logistics_id" TEXT NOT NULL,
    "waybill_number" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "document_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "picked_up_at" TIMESTAMP(3) NOT NULL,
    "delivered_at" TIMESTAMP(3),
    "delivery_document_hash" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    CONSTRAINT "shipments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vouchers" (
    "id" TEXT NOT NULL,
    "debtor_id" TEXT NOT NULL,
    "holder_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "maturity_date" DATE NOT NULL,
    "root_id" TEXT NOT NULL,
    "parent_id" TEXT,
    "tier" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "invoice_id" TEXT NOT NULL,
    "financing_id" TEXT,
    "paid_to" TEXT,
    "payment_reference" TEXT,
    "paid_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    CONSTRAINT "vouchers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_lines" (
    "id" TEXT NOT NULL,
    "bank_id" TEXT NOT NULL,
    "debtor_id" TEXT NOT NULL,
    "limit" BIGINT NOT NULL,
    "used" BIGINT NOT NULL,
    "expiry_date" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    CONSTRAINT "credit_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "benchmark_rates" (
    "id" TEXT NOT NULL,
    "tenor" TEXT NOT NULL,
    "rate_bps" INTEGER NOT NULL,
    "effective_date" DATE NOT NULL,
    "published_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    CONSTRAINT "benchmark_rates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "financings" (
    "id" TEXT NOT NULL,
    "voucher_id" TEXT NOT NULL,
    "applicant_id" TEXT NOT NULL,
    "bank_id" TEXT NOT NULL,
    "debtor_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "maturity_date" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "terms_hash" TEXT,
    "offer_valid_until" DATE,
    "payment_reference" TEXT,
    "rejection_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    CONSTRAINT "financings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offer_terms" (
    "financing_id" TEXT NOT NULL,
    "face_amount" BIGINT NOT NULL,
    "advance_rate_bps" INTEGER NOT NULL,
    "financed_amount" BIGINT NOT NULL,
    "lpr_tenor" TEXT NOT NULL,
    "lpr_bps" INTEGER NOT NULL,
    "spread_bps" INTEGER NOT NULL,
    "annual_rate_bps" INTEGER NOT NULL,
    "days" INTEGER NOT NULL,
    "discount_interest" BIGINT NOT NULL,
    "fees" BIGINT NOT NULL,
    "net_proceeds" BIGINT NOT NULL,
    "valid_until" DATE NOT NULL,
    "terms_hash" TEXT NOT NULL,
    "fetched_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "offer_terms_pkey" PRIMARY KEY ("financing_id")
);

-- CreateIndex
CREATE INDEX "enterprises_kind_idx" ON "enterprises"("kind");

-- CreateIndex
CREATE INDEX "invoices_seller_id_status_idx" ON "invoices"("seller_id", "status");

-- CreateIndex
CREATE INDEX "invoices_buyer_id_status_idx" ON "invoices"("buyer_id", "status");

-- CreateIndex
CREATE INDEX "invoices_due_date_idx" ON "invoices"("due_date");

-- CreateIndex
CREATE INDEX "shipments_invoice_id_idx" ON "shipments"("invoice_id");

-- CreateIndex
CREATE INDEX "shipments_logistics_id_status_idx" ON "shipments"("logistics_id", "status");

-- CreateIndex
CREATE INDEX "vouchers_holder_id_status_idx" ON "vouchers"("holder_id", "status");

-- CreateIndex
CREATE INDEX "vouchers_debtor_id_status_idx" ON "vouchers"("debtor_id", "status");

-- CreateIndex
CREATE INDEX "vouchers_root_id_idx" ON "vouchers"("root_id");

-- CreateIndex
CREATE INDEX "vouchers_maturity_date_status_idx" ON "vouchers"("maturity_date", "status");

-- CreateIndex
CREATE INDEX "credit_lines_bank_id_idx" ON "credit_lines"("bank_id");

-- CreateIndex
CREATE INDEX "credit_lines_debtor_id_idx" ON "credit_lines"("debtor_id");

-- CreateIndex
CREATE INDEX "benchmark_rates_tenor_effective_date_idx" ON "benchmark_rates"("tenor", "effective_date");

-- CreateIndex
CREATE INDEX "financings_applicant_id_status_idx" ON "financings"("applicant_id", "status");

-- CreateIndex
CREATE INDEX "financings_bank_id_status_idx" ON "financings"("bank_id", "status");

-- CreateIndex
CREATE INDEX "financings_voucher_id_idx" ON "financings"("voucher_id");
