import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  ContractError,
  ErrorCodes,
  Events,
  type Financing,
  ObjectTypes,
  type OfferTerms,
  TEXT_RULES,
  type Voucher,
  invalid,
  invalidState,
  marshal,
  parseFen,
  parseJsonArg,
  requireText,
} from '@scf/ledger-contract';
import { APPROVERS, requireActor, requireParty } from '../lib/access';
import { businessDate, txTime } from '../lib/dates';
import { emit } from '../lib/events';
import { signerOf } from '../lib/four-eyes';
import { getRecord } from '../lib/store';
import { saveCreditLine } from '../repositories/credit-lines';
import { exposureChange, recordExposure } from '../repositories/exposure';
import { hostMspOf, saveFinancing } from '../repositories/financings';
import { saveVoucher } from '../repositories/vouchers';
import { BaseContract } from './base-contract';
import { sha256Hex, TERMS_TRANSIENT_KEY } from './offer-terms-input';
import { requireOverdue } from './overdue';
import { releaseOf } from './settlement-contract';

/** A financing of a voucher, the only kind recourse applies to. */
type VoucherFinancing = Financing & { voucherId: string };

/**
 * The financing, for an approver of its own bank, of a voucher and still DISBURSED. A pledged
 * warehouse receipt's financing has no voucher to put back: its applicant is already its debtor,
 * who repays the bank (`warehouse:Repay`), so recourse is refused on it (INVALID_STATE).
 */
async function bankFinancing(ctx: Context, financingId: string, what: string): Promise<VoucherFinancing> {
  const financing = await getRecord<Financing>(ctx, ObjectTypes.Financing, financingId);
  const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['BANK'] });
  requireParty(actor, financing.bankId, `${what} financing ${financingId}`);
  const { voucherId } = financing;
  if (voucherId === undefined) {
    throw invalidState(
      `financing ${financingId} is a pledge of warehouse receipt ${String(financing.receiptId)}: ` +
        'its owner is the debtor and repays the bank; there is no voucher to put back',
    );
  }
  if (financing.status !== 'DISBURSED') {
    throw invalidState(
      `financing ${financingId} is ${financing.status}; to ${what} it, it must be DISBURSED`,
    );
  }
  return { ...financing, voucherId };
}

/**
 * The offer terms as stored, given in the transient map: their bytes must hash to the public
 * termsHash. Every endorsing peer checks the same bytes, so none reads an org's private collection.
 */
function storedTerms(ctx: Context, financing: Financing): OfferTerms {
  const bytes = ctx.stub.getTransient().get(TERMS_TRANSIENT_KEY);
  if (!bytes || bytes.length === 0) {
    throw invalid(`the stored offer terms must come in the transient map under "${TERMS_TRANSIENT_KEY}"`);
  }
  if (financing.termsHash === undefined || sha256Hex(bytes) !== financing.termsHash) {
    throw invalid(`the terms given are not the offer terms of financing ${financing.id} (hash mismatch)`);
  }
  return parseJsonArg(Buffer.from(bytes).toString('utf8'), 'terms') as OfferTerms;
}

/** The financing's voucher, unpaid past maturity and still carrying this financing. */
async function overdueVoucher(ctx: Context, financing: VoucherFinancing, what: string): Promise<Voucher> {
  const voucher = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, financing.voucherId);
  if (voucher.financingId !== financing.id) {
    throw invalidState(`voucher ${voucher.id} is not financed by ${financing.id}`);
  }
  requireOverdue(voucher, businessDate(ctx), what);
  return voucher;
}

/**
 * Recourse (民法典 Art. 766): a financing offered with recourse whose voucher goes unpaid past
 * maturity may be put back to the applicant. The bank demands; once the applicant has paid it the
 * face amount (off the ledger), the bank records the buy-back and the applicant holds the voucher
 * again, claiming from the debtor with late interest. Without recourse the bank bears the default.
 */
@Info({ title: 'RecourseContract', description: 'Buy-back of overdue financed vouchers under recourse' })
export class RecourseContract extends BaseContract {
  constructor() {
    super('recourse');
  }

  /**
   * The bank's approver demands that the applicant buy back the overdue voucher of a DISBURSED
   * financing offered with recourse (NO_RECOURSE otherwise); once per financing (ALREADY_EXISTS).
   */
  @Transaction()
  @Returns('string')
  async Demand(ctx: Context, financingId: string): Promise<string> {
    const financing = await bankFinancing(ctx, financingId, 'demand a buy-back of');
    if (financing.recourseDemand) {
      throw new ContractError(ErrorCodes.AlreadyExists, `a buy-back of financing ${financingId} is demanded`);
    }
    if (!storedTerms(ctx, financing).recourse) {
      throw new ContractError(
        ErrorCodes.NoRecourse,
        `financing ${financingId} was offered without recourse: its bank bears the debtor's default`,
      );
    }
    const voucher = await overdueVoucher(ctx, financing, 'put back to its applicant');
    const now = txTime(ctx);
    const recourseDemand = { demandedAt: now, demandedBy: signerOf(ctx).id, amount: voucher.amount };
    const saved = await saveFinancing(ctx, { ...financing, recourseDemand }, now, financing);
    emit(ctx, Events.RecourseDemanded, [saved]);
    return marshal(saved);
  }

  /**
   * The bank's approver confirms it received the buy-back price: the financing is BOUGHT_BACK, its
   * line and the debtor's financed figure are released, and the applicant holds the voucher again.
   * The bank records it because it is the bank that gives up its claim on the debtor.
   */
  @Transaction()
  @Returns('string')
  async RecordBuyBack(ctx: Context, financingId: string, paymentReference: string): Promise<string> {
    const financing = await bankFinancing(ctx, financingId, 'record the buy-back of');
    if (!financing.recourseDemand) {
      throw invalidState(`no buy-back of financing ${financingId} was demanded`);
    }
    const reference = requireText(paymentReference, 'paymentReference', TEXT_RULES.paymentReference.max);
    const voucher = await overdueVoucher(ctx, financing, 'bought back');
    const amount = parseFen(voucher.amount, 'amount');
    const release = await releaseOf(ctx, voucher, amount);
    if (!release) throw invalidState(`financing ${financingId} holds no credit to release`);
    const owners = {
      holderMsp: await hostMspOf(ctx, financing.applicantId),
      debtorMsp: await hostMspOf(ctx, voucher.debtorId),
    };
    const now = txTime(ctx);
    const buyBack = { recordedAt: now, recordedBy: signerOf(ctx).id, paymentReference: reference };
    const saved = await saveFinancing(ctx, { ...financing, status: 'BOUGHT_BACK', buyBack }, now, financing);
    const returned: Voucher = { ...voucher, holderId: financing.applicantId, status: 'OVERDUE' };
    const savedVoucher = await saveVoucher(ctx, returned, now, owners, voucher);
    const savedLine = await saveCreditLine(ctx, release.released, now, release.line);
    const exposure = await recordExposure(ctx, [exposureChange(financing.debtorId, 'financed', -amount)]);
    emit(ctx, Events.FinancingBoughtBack, [saved, savedVoucher, savedLine], exposure);
    return marshal(saved);
  }
}
