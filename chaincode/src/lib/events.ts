import type { Context } from 'fabric-contract-api';
import {
  marshal,
  type EventName,
  type EventPayload,
  type ExposureDelta,
  type LedgerRecord,
} from '@scf/ledger-contract';

/**
 * Emits the transaction's one event. Fabric keeps only the last event of a transaction. `exposure`
 * carries the transaction's changes to debtors' consortium-wide figures, when it made any.
 */
export function emit(
  ctx: Context,
  name: EventName,
  records: LedgerRecord[],
  exposure: ExposureDelta[] = [],
): void {
  const payload: EventPayload = exposure.length > 0 ? { records, exposure } : { records };
  ctx.stub.setEvent(name, Buffer.from(marshal(payload)));
}
