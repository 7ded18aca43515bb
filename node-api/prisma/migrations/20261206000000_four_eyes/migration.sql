-- Issue 12 item 6: four eyes on money-moving actions.
ALTER TABLE "enterprises" ADD COLUMN "four_eyes" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "approvals" (
    "id" TEXT NOT NULL,
    "enterprise_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "args" JSONB NOT NULL,
    "prepared_by_msp" TEXT NOT NULL,
    "prepared_by" TEXT NOT NULL,
    "prepared_at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "decided_by_msp" TEXT,
    "decided_by" TEXT,
    "decided_at" TIMESTAMP(3),
    "reason" TEXT,
    "result_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,

    CONSTRAINT "approvals_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "approvals_enterprise_id_status_prepared_at_idx" ON "approvals"("enterprise_id", "status", "prepared_at");
