import { type LedgerRecord, unmarshal } from '@scf/ledger-contract';
import type { MemoryLedger } from './memory-stub';

/** Fabric's composite key layout, spelled out so tests do not reuse the code under test. */
export function key(type: string, ...attributes: string[]): string {
  return `\u0000${type}\u0000${attributes.map((part) => `${part}\u0000`).join('')}`;
}

/** A committed record, read straight from the world state, or undefined when there is none. */
export function findStored<T = LedgerRecord>(ledger: MemoryLedger, type: string, id: string): T | undefined {
  const bytes = ledger.state.get(key(type, id));
  return bytes ? unmarshal<T>(bytes) : undefined;
}

/** A committed record, read straight from the world state; it must exist. */
export function stored<T = LedgerRecord>(ledger: MemoryLedger, type: string, id: string): T {
  const record = findStored<T>(ledger, type, id);
  if (record === undefined) throw new Error(`no ${type} ${id} is stored`);
  return record;
}

/** Every committed record of one type, in key order. */
export function storedAll<T = LedgerRecord>(ledger: MemoryLedger, type: string): T[] {
  return ledger.keysOfType(type).map((recordKey) => unmarshal<T>(ledger.state.get(recordKey) ?? '{}'));
}

/** Rewrites a stored record in place, for states no transaction produces. */
export function patchStored(
  ledger: MemoryLedger,
  type: string,
  id: string,
  patch: Record<string, unknown>,
): void {
  const record = stored<Record<string, unknown>>(ledger, type, id);
  ledger.state.set(key(type, id), Buffer.from(JSON.stringify({ ...record, ...patch })));
}

/** Whether an index entry `index → values..., id` is committed. */
export function hasIndex(ledger: MemoryLedger, index: string, values: string[], id: string): boolean {
  return ledger.state.has(key(index, ...values, id));
}
