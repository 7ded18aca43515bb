-- Every ledger write a user made through this node: idempotency keys and transaction status.
CREATE TABLE "client_requests" (
    "id" BIGSERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "key" TEXT,
    "operation" TEXT NOT NULL,
    "args_hash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempt" TEXT NOT NULL,
    "transaction_id" TEXT,
    "reason" TEXT,
    "block_number" BIGINT,
    "result" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "client_requests_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "client_requests_user_id_key_key" ON "client_requests"("user_id", "key");
CREATE INDEX "client_requests_transaction_id_idx" ON "client_requests"("transaction_id");
