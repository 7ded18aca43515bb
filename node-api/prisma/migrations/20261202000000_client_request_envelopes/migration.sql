-- A PENDING write keeps its signed transaction, so that the node can send it to the orderers again.
ALTER TABLE "client_requests" ADD COLUMN "envelope" BYTEA,
ADD COLUMN "sent_at" TIMESTAMP(3),
ADD COLUMN "resends" INTEGER NOT NULL DEFAULT 0;

-- Writes PENDING before this migration: handed to the orderers when last updated (no envelope kept).
UPDATE "client_requests" SET "sent_at" = "updated_at" WHERE "state" = 'PENDING';

CREATE INDEX "client_requests_state_sent_at_idx" ON "client_requests"("state", "sent_at");
