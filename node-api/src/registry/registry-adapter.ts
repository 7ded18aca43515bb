import type { RegistryEntry, RegistryReceivable } from '@scf/ledger-contract';

/** Who registers: the bank enterprise (the ledger checks its id against the financing's bank) and its name. */
export interface Registrant {
  id: string;
  name: string;
}

/** A search's answer: the registry's time, and every registration it holds for the receivable. */
export interface RegistrySearch {
  searchedAt: string;
  entries: RegistryEntry[];
}

/**
 * The node API's one way to the movable-property financing registry (中登, 动产融资统一登记公示系统),
 * which a bank searches and registers at before it disburses. `HttpRegistryAdapter` speaks to the
 * project's test registry (registry/); a bank plugs in its real registry access by implementing this
 * interface (node-api/README.md, "Registry"). Implementations throw RegistryUnavailableError when the
 * registry cannot answer and RegistryConflictError when it refuses a registration as a second claim.
 */
export interface RegistryAdapter {
  /** Every registration the registry holds for the receivable (registrations are public). */
  search(receivable: RegistryReceivable): Promise<RegistrySearch>;
  /**
   * Registers the receivable for the registrant. Asked again by the same registrant for the same
   * receivable, it answers the first registration (a retried disbursement registers once).
   */
  register(receivable: RegistryReceivable, registrant: Registrant): Promise<RegistryEntry>;
}
