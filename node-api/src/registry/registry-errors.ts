import type { RegistryEntry } from '@scf/ledger-contract';
import { NodeErrorCodes } from '../errors/codes.ts';

/** The registry did not answer in time, could not be reached, or answered something unusable. */
export class RegistryUnavailableError extends Error {
  readonly code = NodeErrorCodes.RegistryUnavailable;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = RegistryUnavailableError.name;
  }
}

/** Another party registered the receivable first: a financing now would rank behind it (民法典 Art. 768). */
export class RegistryConflictError extends Error {
  readonly code = NodeErrorCodes.RegistryConflict;
  readonly existing: RegistryEntry;

  constructor(existing: RegistryEntry) {
    super(
      `the receivable is already registered by ${existing.registrantId} ` +
        `(registration ${existing.registrationNumber}, ${existing.registeredAt})`,
    );
    this.name = RegistryConflictError.name;
    this.existing = existing;
  }
}
