import type { RegistryEntry, RegistryReceivable } from '@scf/ledger-contract';
import type { Registrant, RegistryAdapter, RegistrySearch } from '../../src/registry/registry-adapter.ts';
import { RegistryConflictError, RegistryUnavailableError } from '../../src/registry/registry-errors.ts';

/**
 * A registry in memory for API tests that need no HTTP: it keeps the same rule as the test registry
 * (one registrant per voucher) and counts its calls; `down` makes every call fail as unreachable.
 */
export class MemoryRegistry implements RegistryAdapter {
  readonly entries = new Map<string, RegistryEntry>();
  readonly calls: string[] = [];
  down = false;
  private next = 1;

  search(receivable: RegistryReceivable): Promise<RegistrySearch> {
    this.calls.push(`search ${receivable.voucherId}`);
    if (this.down) return Promise.reject(new RegistryUnavailableError('the registry is down'));
    const entry = this.entries.get(receivable.voucherId);
    return Promise.resolve({ searchedAt: new Date().toISOString(), entries: entry ? [entry] : [] });
  }

  register(receivable: RegistryReceivable, registrant: Registrant): Promise<RegistryEntry> {
    this.calls.push(`register ${receivable.voucherId} ${registrant.id}`);
    if (this.down) return Promise.reject(new RegistryUnavailableError('the registry is down'));
    const earlier = this.entries.get(receivable.voucherId);
    if (earlier && earlier.registrantId !== registrant.id) {
      return Promise.reject(new RegistryConflictError(earlier));
    }
    const entry = earlier ?? {
      registrationNumber: `2026010500${String(this.next++).padStart(6, '0')}`,
      registeredAt: new Date().toISOString(),
      registrantId: registrant.id,
    };
    this.entries.set(receivable.voucherId, entry);
    return Promise.resolve(entry);
  }
}
