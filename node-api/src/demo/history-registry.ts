import type { RegistryEntry, RegistryReceivable } from '@scf/ledger-contract';
import { RegistrationStore } from '../../../registry/src/registration-store.ts';
import { entryOf } from '../registry/http-registry-adapter.ts';
import type { Registrant, RegistryAdapter, RegistrySearch } from '../registry/registry-adapter.ts';

/**
 * The demo's test registry as the history seeder uses it: its own store (the registry process is
 * stopped meanwhile, see cli/history-process.ts), stamped by the seeder's clock. A registration made
 * "ten months ago", before a disbursement of that day, says so; the HTTP registry, which stamps with
 * its own clock and takes no time from its callers, stays as it is for everyone else.
 */
export class HistoryRegistry implements RegistryAdapter {
  private readonly store: RegistrationStore;

  constructor(dataDir: string) {
    this.store = RegistrationStore.open(dataDir);
  }

  search(receivable: RegistryReceivable): Promise<RegistrySearch> {
    const registrations = this.store.search({
      voucherId: receivable.voucherId,
      debtorId: receivable.debtorId,
    });
    return Promise.resolve({ searchedAt: new Date().toISOString(), entries: registrations.map(entryOf) });
  }

  register(receivable: RegistryReceivable, registrant: Registrant): Promise<RegistryEntry> {
    const { registration } = this.store.register({ receivable, registrant }, new Date());
    return Promise.resolve(entryOf(registration));
  }
}
