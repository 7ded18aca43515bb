import type { Context } from 'fabric-contract-api';
import {
  Events,
  marshal,
  type EventName,
  type EventPayload,
  type ExposureDelta,
  type LedgerRecord,
} from '@scf/ledger-contract';

/** The payload each running transaction emitted last, so a transaction that ran another can extend it. */
const emitted = new WeakMap<Context, EventPayload>();

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
  emitted.set(ctx, payload);
  ctx.stub.setEvent(name, Buffer.from(marshal(payload)));
}

/** What the transaction emitted so far (nothing: no records). */
export function emittedPayload(ctx: Context): EventPayload {
  return emitted.get(ctx) ?? { records: [] };
}

/**
 * The one event of a transaction that wrote only a bank's private write-off book: no records, only
 * the bank whose book changed (its certificate already names it), for its own node to fetch the book.
 */
export function emitWriteOffBookChanged(ctx: Context, bankId: string): void {
  const payload: EventPayload = { records: [], writeOffBooks: [bankId] };
  emitted.set(ctx, payload);
  ctx.stub.setEvent(Events.WriteOffBookChanged, Buffer.from(marshal(payload)));
}
