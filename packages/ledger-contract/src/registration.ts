import { ContractError, ErrorCodes, invalid } from './errors.ts';
import type { Financing, RegistryEntry, RegistryReceivable } from './model/financing.ts';
import { requireCleanString } from './validation.ts';

/**
 * Registration before disbursement (银发〔2025〕77号; 民法典 Art. 768: among competing assignments of one
 * receivable, the registered one ranks first, then the one noticed to the debtor). The bank's node asks
 * the movable-property financing registry (中登) twice before it disburses: a search for the receivable,
 * then a registration; it passes both answers to `financing:Disburse`, which keeps them on the financing.
 */
export interface RegistrationInput {
  /** The receivable the bank registered: must be the financing's. */
  receivable: RegistryReceivable;
  /** The registry's answer to the bank's registration. */
  registration: RegistryEntry;
  /** The registry's answer to the bank's search, made before it registered. */
  search: { searchedAt: string; entries: RegistryEntry[] };
}

/** A registration number as registries write them: letters, digits and dashes. */
export const REGISTRATION_NUMBER = /^[A-Za-z0-9-]{1,64}$/;
/** Entries one search may list on the ledger; a receivable with more is a case for people, not a disbursement. */
export const MAX_SEARCH_ENTRIES = 20;
/** An ISO-8601 instant in UTC, as the registry stamps its answers (milliseconds optional). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** The receivable a financing finances, as the registry identifies it. */
export function receivableOf(
  financing: Pick<Financing, 'voucherId' | 'receiptId' | 'debtorId' | 'amount'>,
): RegistryReceivable {
  return {
    voucherId: financing.voucherId ?? financing.receiptId ?? '',
    debtorId: financing.debtorId,
    amount: financing.amount,
  };
}

/**
 * The entries that make a registration by `registrantId` a second claim: any other party's. The bank's
 * own earlier entry (a retried disbursement) is no conflict.
 */
export function conflictingEntries(entries: readonly RegistryEntry[], registrantId: string): RegistryEntry[] {
  return entries.filter((entry) => entry.registrantId !== registrantId);
}

function requireRecord(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`${field} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** An instant that names a real moment: Date would roll 30 February over into March. */
function isRealInstant(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19);
}

function requireInstant(value: unknown, field: string): string {
  if (typeof value !== 'string' || !INSTANT.test(value) || !isRealInstant(value)) {
    throw invalid(`${field} must be an ISO-8601 instant in UTC, e.g. 2026-01-05T02:00:00.000Z`);
  }
  return value;
}

function requireId(value: unknown, field: string): string {
  const id = requireCleanString(value, field);
  if (id.length === 0 || id.length > 300) throw invalid(`${field} must be 1 to 300 characters`);
  return id;
}

function parseEntry(value: unknown, field: string): RegistryEntry {
  const entry = requireRecord(value, field);
  const number = entry.registrationNumber;
  if (typeof number !== 'string' || !REGISTRATION_NUMBER.test(number)) {
    throw invalid(`${field}.registrationNumber must be 1 to 64 letters, digits or dashes`);
  }
  return {
    registrationNumber: number,
    registeredAt: requireInstant(entry.registeredAt, `${field}.registeredAt`),
    registrantId: requireId(entry.registrantId, `${field}.registrantId`),
  };
}

function parseReceivable(value: unknown): RegistryReceivable {
  const receivable = requireRecord(value, 'registration.receivable');
  const amount = receivable.amount;
  if (typeof amount !== 'string' || !/^[1-9]\d{0,16}$/.test(amount)) {
    throw invalid('registration.receivable.amount must be a positive amount in fen (digits)');
  }
  return {
    voucherId: requireId(receivable.voucherId, 'registration.receivable.voucherId'),
    debtorId: requireId(receivable.debtorId, 'registration.receivable.debtorId'),
    amount,
  };
}

/** Reads a RegistrationInput in its wire form; throws INVALID_ARGUMENT naming the first bad field. */
export function parseRegistrationInput(value: unknown): RegistrationInput {
  const input = requireRecord(value, 'registration');
  const search = requireRecord(input.search, 'registration.search');
  if (!Array.isArray(search.entries) || search.entries.length > MAX_SEARCH_ENTRIES) {
    throw invalid(`registration.search.entries must be a list of at most ${MAX_SEARCH_ENTRIES} entries`);
  }
  return {
    receivable: parseReceivable(input.receivable),
    registration: parseEntry(input.registration, 'registration.registration'),
    search: {
      searchedAt: requireInstant(search.searchedAt, 'registration.search.searchedAt'),
      entries: search.entries.map((entry, index) =>
        parseEntry(entry, `registration.search.entries[${index}]`),
      ),
    },
  };
}

/**
 * The rule the ledger applies before a disbursement: a registration of this very receivable by the
 * financing's bank, whose prior search shows no other party's registration. REGISTRATION_REQUIRED
 * when there is none (or it is someone else's), REGISTRY_CONFLICT when another party registered first.
 */
export function checkRegistration(
  financing: Pick<Financing, 'id' | 'voucherId' | 'receiptId' | 'debtorId' | 'amount' | 'bankId'>,
  input: RegistrationInput,
): void {
  const expected = receivableOf(financing);
  const { receivable } = input;
  if (
    receivable.voucherId !== expected.voucherId ||
    receivable.debtorId !== expected.debtorId ||
    receivable.amount !== expected.amount
  ) {
    throw invalid(
      `the registration is for voucher ${receivable.voucherId} (${receivable.amount} fen owed by ` +
        `${receivable.debtorId}), not for financing ${financing.id}'s receivable`,
    );
  }
  if (input.registration.registrantId !== financing.bankId) {
    throw new ContractError(
      ErrorCodes.RegistrationRequired,
      `financing ${financing.id} must be registered by its bank ${financing.bankId}, not ${input.registration.registrantId}`,
    );
  }
  const conflicts = conflictingEntries(input.search.entries, financing.bankId);
  if (conflicts.length > 0) {
    const first = conflicts[0];
    throw new ContractError(
      ErrorCodes.RegistryConflict,
      `${receivableOf(financing).voucherId} is already registered by ${first?.registrantId ?? '?'} ` +
        `(registration ${first?.registrationNumber ?? '?'}): a second financing of it would rank behind`,
    );
  }
}
