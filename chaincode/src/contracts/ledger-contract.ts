import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  type LedgerRecord,
  MAX_HISTORY,
  ObjectTypes,
  TEXT_RULES,
  invalid,
  marshal,
  requireOneOf,
  requireText,
  unmarshal,
} from '@scf/ledger-contract';
import { getRecord, recordKey } from '../lib/store';
import { pageOfType } from '../lib/query';
import { BaseContract } from './base-contract';

export interface HistoryEntry {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  /** The record as that transaction wrote it; its updatedBy names the actor. */
  record: LedgerRecord | null;
}

/** Cross-cutting reads: the full history of any ledger object. */
@Info({ title: 'LedgerContract', description: 'History of any object' })
export class LedgerContract extends BaseContract {
  constructor() {
    super('ledger', { pagedQueries: ['ListAll'] });
  }

  /** Every version of an object, oldest first, with transaction id, time and actor. */
  @Transaction(false)
  @Returns('string')
  async GetHistory(ctx: Context, type: string, id: string): Promise<string> {
    const docType = requireOneOf(type, 'type', Object.values(ObjectTypes));
    requireText(id, 'id', TEXT_RULES.id.max);
    await getRecord(ctx, docType, id);
    const iterator = await ctx.stub.getHistoryForKey(recordKey(ctx, docType, id));
    const entries: HistoryEntry[] = [];
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        if (entries.length >= MAX_HISTORY)
          throw invalid(`history of ${type} ${id} exceeds ${MAX_HISTORY} versions`);
        const { txId, timestamp, isDelete, value } = next.value;
        const millis = Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1_000_000);
        entries.push({
          txId,
          timestamp: new Date(millis).toISOString(),
          isDelete,
          record: isDelete ? null : unmarshal<LedgerRecord>(value),
        });
      }
    } finally {
      await iterator.close();
    }
    // Peers return history newest first; callers read a life cycle from its start.
    return marshal(entries.reverse());
  }

  /** Every record of one type in key order, a page at a time (for reconciling a read model). */
  @Transaction(false)
  @Returns('string')
  async ListAll(ctx: Context, type: string, pageSize: string, bookmark: string): Promise<string> {
    const docType = requireOneOf(type, 'type', Object.values(ObjectTypes));
    return marshal(await pageOfType(ctx, docType, pageSize, bookmark));
  }
}
