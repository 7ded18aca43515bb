import type { Context } from 'fabric-contract-api';
import { marshal, type EventName, type EventPayload, type LedgerRecord } from '@scf/ledger-contract';

/** Emits the transaction's one event. Fabric keeps only the last event of a transaction. */
export function emit(ctx: Context, name: EventName, records: LedgerRecord[]): void {
  const payload: EventPayload = { records };
  ctx.stub.setEvent(name, Buffer.from(marshal(payload)));
}
