import type { Context } from 'fabric-contract-api';
import { bindToOrgs } from '../lib/endorsement';
import { getRecord, moveIndex, putIndex, putRecord, recordKey } from '../lib/store';
import { type Enterprise, type Financing, ObjectTypes, type Voucher } from '@scf/ledger-contract';

export const FinancingIndexes = {
  byApplicant: 'idx.financing.applicant',
  byBank: 'idx.financing.bank',
  byVoucher: 'idx.financing.voucher',
  byStatus: 'idx.financing.status',
} as const;

/** The MSP that hosts a registered enterprise (whatever its status: owners stay owners when suspended). */
export async function hostMspOf(ctx: Context, enterpriseId: string): Promise<string> {
  return (await getRecord<Enterprise>(ctx, ObjectTypes.Enterprise, enterpriseId)).hostMsp;
}

/** The orgs that own a voucher as it will be stored: its holder's and its debtor's. */
export async function voucherOwners(
  ctx: Context,
  voucher: Voucher,
): Promise<{ holderMsp: string; debtorMsp: string }> {
  return {
    holderMsp: await hostMspOf(ctx, voucher.holderId),
    debtorMsp: await hostMspOf(ctx, voucher.debtorId),
  };
}

/**
 * Writes a financing and keeps its indexes (applicant, bank, voucher, status) in step. On creation
 * (`previous` absent) the key is bound to the applicant's and the bank's orgs.
 */
export async function saveFinancing(
  ctx: Context,
  financing: Financing,
  now: string,
  previous?: Financing,
): Promise<Financing> {
  const saved = await putRecord(ctx, financing, now);
  const id = saved.id;
  if (!previous) {
    await putIndex(ctx, FinancingIndexes.byApplicant, [saved.applicantId], id);
    await putIndex(ctx, FinancingIndexes.byBank, [saved.bankId], id);
    await putIndex(ctx, FinancingIndexes.byVoucher, [saved.voucherId], id);
    await putIndex(ctx, FinancingIndexes.byStatus, [saved.status], id);
    const owners = [await hostMspOf(ctx, saved.applicantId), await hostMspOf(ctx, saved.bankId)];
    await bindToOrgs(ctx, recordKey(ctx, ObjectTypes.Financing, id), owners);
  } else {
    await moveIndex(ctx, FinancingIndexes.byStatus, [previous.status], [saved.status], id);
  }
  return saved;
}
