-- Issue 12 item 5 (银发〔2025〕77号): each core enterprise's consortium-wide exposure.
-- The charter's optional caps on what banks together finance per core enterprise ({} for none).
ALTER TABLE "charters" ADD COLUMN "exposure_caps" JSONB NOT NULL DEFAULT '{}';

-- Every transaction's change to a core enterprise's figures, keyed as on the ledger; the figures are sums.
CREATE TABLE "exposure_deltas" (
    "debtor_id" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "tx_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "block_number" BIGINT NOT NULL,

    CONSTRAINT "exposure_deltas_pkey" PRIMARY KEY ("debtor_id","measure","tx_id")
);
