-- The consortium charter (which MSP may host which enterprise kinds, who publishes benchmark rates)
-- and its amendment proposals; benchmark rates become attestations until a quorum of publishers agrees.

-- CreateTable
CREATE TABLE "charters" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "members" JSONB NOT NULL,
    "rate_publishers" TEXT[] NOT NULL,
    "rate_quorum" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,

    CONSTRAINT "charters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "charter_proposals" (
    "id" TEXT NOT NULL,
    "base_version" INTEGER NOT NULL,
    "terms" JSONB NOT NULL,
    "approvals" TEXT[] NOT NULL,
    "status" TEXT NOT NULL,
    "proposed_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,

    CONSTRAINT "charter_proposals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "charter_proposals_status_idx" ON "charter_proposals"("status");

-- AlterTable
ALTER TABLE "benchmark_rates" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'PUBLISHED',
ADD COLUMN "attestations" JSONB NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE INDEX "benchmark_rates_status_idx" ON "benchmark_rates"("status");
