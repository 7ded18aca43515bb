import { type Financing, type RegistrationInput, receivableOf } from '@scf/ledger-contract';

let counter = 0;

/**
 * A registration as the bank's node would pass it after searching (nothing found) and registering at
 * the registry: for tests and benchmarks that drive the chaincode directly, without a registry. The
 * ledger cannot tell it from a real one; what the registry itself refuses is tested through the node
 * API (test/rules/registration.ts).
 */
export function directRegistration(financing: Financing): RegistrationInput {
  counter += 1;
  const now = new Date().toISOString();
  return {
    receivable: receivableOf(financing),
    registration: {
      registrationNumber: `DIRECT-${process.pid}-${counter}`,
      registeredAt: now,
      registrantId: financing.bankId,
    },
    search: { searchedAt: now, entries: [] },
  };
}
