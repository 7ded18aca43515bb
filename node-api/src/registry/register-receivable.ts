import { conflictingEntries, type RegistrationInput, type RegistryReceivable } from '@scf/ledger-contract';
import type { Registrant, RegistryAdapter } from './registry-adapter.ts';
import { RegistryConflictError } from './registry-errors.ts';

/**
 * What a bank does at the registry before it disburses: search the receivable, stop if another party
 * registered it (REGISTRY_CONFLICT: nothing registered, nothing on the ledger), else register it. The
 * answers become the registration `financing:Disburse` checks and keeps. The search comes first so
 * that the ledger holds proof that no earlier claim existed, not only the bank's own registration.
 */
export async function registerReceivable(
  registry: RegistryAdapter,
  receivable: RegistryReceivable,
  registrant: Registrant,
): Promise<RegistrationInput> {
  const search = await registry.search(receivable);
  const [conflict] = conflictingEntries(search.entries, registrant.id);
  if (conflict) throw new RegistryConflictError(conflict);
  const registration = await registry.register(receivable, registrant);
  return { receivable, registration, search };
}
