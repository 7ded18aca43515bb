import type { Context } from 'fabric-contract-api';
import { bindToOrgs } from '../lib/endorsement';
import { putRecord, recordKey } from '../lib/store';
import { type CreditLine, ObjectTypes } from '@scf/ledger-contract';
import { hostMspOf } from './financings';

/** A line's id: one line per bank and debtor. */
export function creditLineId(bankId: string, debtorId: string): string {
  return `${bankId}:${debtorId}`;
}

/**
 * Writes a credit line. On creation (`previous` absent) its key is bound to the bank's and the
 * debtor's orgs. Lines are found by id (bank and debtor), so they need no index.
 */
export async function saveCreditLine(
  ctx: Context,
  line: CreditLine,
  now: string,
  previous?: CreditLine,
): Promise<CreditLine> {
  const saved = await putRecord(ctx, line, now);
  if (!previous) {
    const owners = [await hostMspOf(ctx, saved.bankId), await hostMspOf(ctx, saved.debtorId)];
    await bindToOrgs(ctx, recordKey(ctx, ObjectTypes.CreditLine, saved.id), owners);
  }
  return saved;
}
