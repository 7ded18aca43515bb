import type { Context } from 'fabric-contract-api';
import { bindToOrgs } from '../lib/endorsement';
import { putIndex, putRecord, recordKey } from '../lib/store';
import { type CreditLine, ObjectTypes } from '@scf/ledger-contract';
import { hostMspOf } from './financings';

export const CreditLineIndexes = {
  byBank: 'idx.creditline.bank',
  byDebtor: 'idx.creditline.debtor',
} as const;

/** A line's id: one line per bank and debtor. */
export function creditLineId(bankId: string, debtorId: string): string {
  return `${bankId}:${debtorId}`;
}

/**
 * Writes a credit line. On creation (`previous` absent) it is indexed by bank and by debtor, which
 * never change, and its key is bound to the bank's and the debtor's orgs.
 */
export async function saveCreditLine(
  ctx: Context,
  line: CreditLine,
  now: string,
  previous?: CreditLine,
): Promise<CreditLine> {
  const saved = await putRecord(ctx, line, now);
  if (!previous) {
    await putIndex(ctx, CreditLineIndexes.byBank, [saved.bankId], saved.id);
    await putIndex(ctx, CreditLineIndexes.byDebtor, [saved.debtorId], saved.id);
    const owners = [await hostMspOf(ctx, saved.bankId), await hostMspOf(ctx, saved.debtorId)];
    await bindToOrgs(ctx, recordKey(ctx, ObjectTypes.CreditLine, saved.id), owners);
  }
  return saved;
}
