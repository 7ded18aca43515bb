-- Issue 13 item 4, write-off stages: a bank's stages and manual write-offs as its own org holds them
-- (its implicit private collection, fetched by the projector); no other org's node has these rows.
CREATE TABLE "write_off_stages" (
    "bank_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "from_day" INTEGER NOT NULL,
    "to_day" INTEGER,
    "write_down_bps" INTEGER NOT NULL,
    "set_at" TIMESTAMP(3) NOT NULL,
    "set_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,

    CONSTRAINT "write_off_stages_pkey" PRIMARY KEY ("bank_id","position")
);

CREATE TABLE "write_offs" (
    "financing_id" TEXT NOT NULL,
    "bank_id" TEXT NOT NULL,
    "voucher_id" TEXT NOT NULL,
    "debtor_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "maturity_date" DATE NOT NULL,
    "days_overdue" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "approved_by" TEXT NOT NULL,
    "approved_by_label" TEXT NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,

    CONSTRAINT "write_offs_pkey" PRIMARY KEY ("financing_id")
);

-- A bank's portfolio reads its own write-offs.
CREATE INDEX "write_offs_bank_id_idx" ON "write_offs"("bank_id");
