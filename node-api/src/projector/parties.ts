import type { LedgerRecord } from '@scf/ledger-contract';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { audienceOf } from '../schema/visibility.ts';
import type { Change } from '../services/change-feed.ts';
import type { Tx } from '../db/client.ts';

/**
 * The change a written record makes, with who may see it by the read model's one visibility rule,
 * read in the transaction that wrote it (after every record of the event, so links between them count).
 */
export async function changeOf(
  tx: Tx,
  record: LedgerRecord,
  position: { transactionId: string; blockNumber: bigint },
): Promise<Change> {
  const audience = await audienceOf(tx, ENTITY_KINDS[record.docType].entity, record.id);
  return { type: record.docType, id: record.id, audience, ...position };
}
