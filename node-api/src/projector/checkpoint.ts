import type { LedgerPosition } from '../services/services.ts';
import type { Tx } from '../db/client.ts';

// Fixed text (Prisma's tagged templates render their fragments anew on every call).
const MOVE = `INSERT INTO "checkpoints" ("id", "block_number", "transaction_id", "updated_at")
  VALUES ($1, $2::bigint, $3, CURRENT_TIMESTAMP AT TIME ZONE 'UTC')
  ON CONFLICT ("id") DO UPDATE SET "block_number" = EXCLUDED."block_number",
    "transaction_id" = EXCLUDED."transaction_id", "updated_at" = EXCLUDED."updated_at"`;

/**
 * Moves the checkpoint named `id` to `position` (the last event the projector is done with), in the
 * caller's SQL transaction: the one that applied or quarantined the events up to it. Raw SQL, one
 * statement: it runs for every batch on every node.
 */
export async function moveCheckpoint(tx: Tx, id: string, position: LedgerPosition): Promise<void> {
  await tx.$executeRawUnsafe(MOVE, id, position.blockNumber.toString(), position.transactionId);
}
