import { ContractError, ErrorCodes, invalidState } from './errors.ts';
import type { WarehouseReceipt } from './model/warehouse-receipt.ts';

/**
 * The states a warehouse receipt goes through, as pure rules the ledger applies and the portal previews:
 * ISSUED → PLEDGED (an open financing) → ISSUED again when it is settled or closed unpaid; the owner
 * requests release (the pledgee bank's consent first while pledged), the keeper confirms goods out.
 * Each returns the receipt as it becomes, or throws a ContractError.
 */

function requireIssued(receipt: WarehouseReceipt, what: string): void {
  if (receipt.status !== 'ISSUED') {
    throw invalidState(
      `warehouse receipt ${receipt.number} is ${receipt.status}; only an ISSUED one can be ${what}`,
    );
  }
}

/** Pledged for a new financing: only an ISSUED receipt (never a second pledge). */
export function pledgeReceipt(receipt: WarehouseReceipt, financingId: string): WarehouseReceipt {
  requireIssued(receipt, 'pledged');
  return { ...receipt, status: 'PLEDGED', financingId };
}

/** Passed to another owner: only an ISSUED receipt (not while pledged or on its way out). */
export function transferReceipt(receipt: WarehouseReceipt, ownerId: string): WarehouseReceipt {
  requireIssued(receipt, 'transferred');
  if (ownerId === receipt.ownerId) {
    throw new ContractError(
      ErrorCodes.InvalidArgument,
      `${ownerId} already owns warehouse receipt ${receipt.number}`,
    );
  }
  return { ...receipt, ownerId };
}

/** The pledgee bank consents to release goods while its financing is open. */
export function consentToRelease(
  receipt: WarehouseReceipt,
  consent: WarehouseReceipt['releaseConsent'] & object,
): WarehouseReceipt {
  if (receipt.status !== 'PLEDGED' || receipt.financingId !== consent.financingId) {
    throw invalidState(
      `warehouse receipt ${receipt.number} is ${receipt.status}, not pledged for ${consent.financingId}`,
    );
  }
  if (receipt.releaseConsent) {
    throw new ContractError(
      ErrorCodes.AlreadyExists,
      `release of warehouse receipt ${receipt.number} is consented already`,
    );
  }
  return { ...receipt, releaseConsent: consent };
}

/**
 * The owner asks for its goods: free when ISSUED; when PLEDGED only with the pledgee bank's consent
 * (RELEASE_CONSENT_REQUIRED without it); never twice.
 */
export function requestRelease(receipt: WarehouseReceipt, at: string): WarehouseReceipt {
  if (receipt.status === 'PLEDGED' && !receipt.releaseConsent) {
    throw new ContractError(
      ErrorCodes.ReleaseConsentRequired,
      `warehouse receipt ${receipt.number} is pledged for financing ${String(receipt.financingId)}; its bank must consent to the release`,
    );
  }
  if (receipt.status !== 'ISSUED' && receipt.status !== 'PLEDGED') {
    throw invalidState(
      `warehouse receipt ${receipt.number} is ${receipt.status}; its release cannot be requested`,
    );
  }
  return { ...receipt, status: 'RELEASE_REQUESTED', releaseRequestedAt: at };
}

/** The keeper confirms the goods went out: final. */
export function releaseReceipt(receipt: WarehouseReceipt, at: string): WarehouseReceipt {
  if (receipt.status !== 'RELEASE_REQUESTED') {
    throw invalidState(
      `warehouse receipt ${receipt.number} is ${receipt.status}; goods go out only on a requested release`,
    );
  }
  return { ...receipt, status: 'RELEASED', releasedAt: at };
}

/**
 * The financing it was pledged for ended (settled, rejected, withdrawn, expired): a PLEDGED receipt is
 * ISSUED again, free to pledge, transfer or release, and an unused consent lapses; one already on its way
 * out with the bank's consent keeps going and keeps the consent on record.
 */
export function freeReceipt(receipt: WarehouseReceipt): WarehouseReceipt {
  const freed: WarehouseReceipt = { ...receipt };
  delete freed.financingId;
  if (receipt.status !== 'PLEDGED') return freed;
  delete freed.releaseConsent;
  return { ...freed, status: 'ISSUED' };
}
