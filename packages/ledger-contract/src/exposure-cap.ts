import type { CharterTerms } from './model/charter.ts';
import { ContractError, ErrorCodes } from './errors.ts';
import { fen } from './money.ts';

/** The charter's consortium-wide cap on what banks together have financed against a debtor, if any. */
export function exposureCapOf(terms: CharterTerms, debtorId: string): bigint | undefined {
  const cap = terms.exposureCaps?.[debtorId];
  return cap === undefined ? undefined : BigInt(cap);
}

/**
 * Refuses a financing of `amount` fen when the debtor's consortium-wide financed amount would then
 * exceed the cap (银发〔2025〕77号: control each core enterprise's total exposure). Reaching the cap
 * exactly is allowed.
 */
export function checkExposureCap(
  debtorId: string,
  cap: bigint | undefined,
  financed: bigint,
  amount: bigint,
): void {
  if (cap === undefined || financed + amount <= cap) return;
  throw new ContractError(
    ErrorCodes.ExposureCapExceeded,
    `financing ${fen(amount)} fen against ${debtorId} would bring the consortium's financed amount to ` +
      `${fen(financed + amount)} fen, above the charter's cap of ${fen(cap)} fen`,
  );
}
