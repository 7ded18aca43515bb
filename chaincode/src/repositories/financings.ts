import type { Context } from 'fabric-contract-api';
import { bindToOrgs } from '../lib/endorsement';
import { getRecord, putRecord, recordKey } from '../lib/store';
import { type Enterprise, type Financing, ObjectTypes, type Voucher } from '@scf/ledger-contract';

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
 * Writes a financing. On creation (`previous` absent) the key is bound to the applicant's and the
 * bank's orgs. A financing is reached from its voucher (`financingId`) or by id, so it needs no index.
 */
export async function saveFinancing(
  ctx: Context,
  financing: Financing,
  now: string,
  previous?: Financing,
): Promise<Financing> {
  const saved = await putRecord(ctx, financing, now);
  if (!previous) {
    const owners = [await hostMspOf(ctx, saved.applicantId), await hostMspOf(ctx, saved.bankId)];
    await bindToOrgs(ctx, recordKey(ctx, ObjectTypes.Financing, saved.id), owners);
  }
  return saved;
}
