-- Chaincode events the projector could not apply after bounded retries, kept with their error so the
-- read model goes on past them (see src/projector/quarantine.ts).

-- CreateTable
CREATE TABLE "quarantined_events" (
    "transaction_id" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    "event_name" TEXT NOT NULL,
    "payload" BYTEA NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "quarantined_at" TIMESTAMP(3) NOT NULL,
    "failed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "quarantined_events_pkey" PRIMARY KEY ("transaction_id")
);

-- CreateIndex
CREATE INDEX "quarantined_events_block_number_idx" ON "quarantined_events"("block_number");
