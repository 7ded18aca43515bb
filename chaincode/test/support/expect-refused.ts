import { expect } from 'vitest';
import type { ErrorCode } from '@scf/ledger-contract';
import type { MemoryLedger } from './memory-stub';

/** Everything a transaction could change, copied so later writes cannot alter it. */
export function snapshot(ledger: MemoryLedger): unknown {
  const hex = (map: Map<string, Uint8Array>): [string, string][] =>
    [...map].map(([name, value]) => [name, Buffer.from(value).toString('hex')]);
  return {
    state: hex(ledger.state),
    privateState: [...ledger.privateState].map(([name, collection]) => [name, hex(collection)]),
    validationParameters: hex(ledger.validationParameters),
    events: ledger.events.map((event) => ({ ...event })),
  };
}

/**
 * Runs a transaction that must be refused with `code` and asserts it changed nothing: world state,
 * private state, key-level policies and events are as before.
 */
export async function expectRefused(
  ledger: MemoryLedger,
  attempt: () => Promise<unknown>,
  code: ErrorCode,
): Promise<void> {
  const before = snapshot(ledger);
  await expect(attempt()).rejects.toMatchObject({ code });
  expect(snapshot(ledger)).toEqual(before);
}
