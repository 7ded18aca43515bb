import type { Tx } from './rows.ts';

/** Where the projector stands in the chaincode's event stream: the last event it is done with. */
export interface Position {
  transactionId: string;
  blockNumber: bigint;
}

/**
 * Moves the checkpoint named `id` to `position`, in the caller's SQL transaction (the one that applied
 * or quarantined the events up to it). Raw SQL, one statement: it runs for every batch on every node.
 */
export async function moveCheckpoint(tx: Tx, id: string, position: Position): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "checkpoints" ("id", "block_number", "transaction_id", "updated_at")
    VALUES (${id}, ${position.blockNumber}, ${position.transactionId}, CURRENT_TIMESTAMP AT TIME ZONE 'UTC')
    ON CONFLICT ("id") DO UPDATE SET "block_number" = EXCLUDED."block_number",
      "transaction_id" = EXCLUDED."transaction_id", "updated_at" = EXCLUDED."updated_at"`;
}
