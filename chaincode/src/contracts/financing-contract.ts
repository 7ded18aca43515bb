import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  ANY_ROLE,
  APPROVERS,
  requireActor,
  requireEnterprise,
  requireParty,
  type Actor,
  type Role,
} from '../lib/access';
import { requireFourEyes } from '../lib/four-eyes';
import {
  type AssignmentNotice,
  type BenchmarkRate,
  checkRegistration,
  ContractError,
  type CreditLine,
  ErrorCodes,
  type EventName,
  Events,
  type Financing,
  type FinancingRegistration,
  type FinancingStatus,
  type IsoDate,
  ObjectTypes,
  type OfferTerms,
  TEXT_RULES,
  type Voucher,
  daysBetween,
  fen,
  forbidden,
  invalid,
  invalidState,
  marshal,
  parseFen,
  parseJsonArg,
  parseRegistrationInput,
  hasNetProceeds,
  hasPositiveRate,
  priceOffer as price,
  requireText,
} from '@scf/ledger-contract';
import { orgCollection } from '../lib/collections';
import { readTermsInput, sha256Hex, type TermsInput } from './offer-terms-input';
import { businessDate, txTime } from '../lib/dates';
import { emit } from '../lib/events';
import { requireOrgAdmin } from '../lib/org-admin';
import { getRecord } from '../lib/store';
import { saveCreditLine } from '../repositories/credit-lines';
import { exposureChange, recordExposure } from '../repositories/exposure';
import { hostMspOf, saveFinancing, voucherOwners } from '../repositories/financings';
import { closeReceiptFinancing, disburseOnReceipt } from './receipt-financing';
import { saveVoucher } from '../repositories/vouchers';
import { requireCredit } from './credit-line-contract';
import { requireExposureRoom } from './exposure-contract';
import { currentRate } from './rate-contract';
import { newFinancing, requireFinanceableVoucher } from './financing-application';
import {
  acceptQuote,
  closeQuote,
  isOpenQuote,
  openRequestOf,
  requireWithinRequest,
} from './quote-request-offers';
import { BaseContract } from './base-contract';

/** Discounting prices off the one-year LPR. */
const LPR_TENOR = '1Y';

/**
 * The offer terms priced by the shared rule (`priceOffer` of the ledger contract: financed, interest
 * over actual/360 days and net, each rounded half up to the fen), refused unless the annual rate and
 * the net proceeds are positive.
 */
function priceOffer(financing: Financing, input: TermsInput, lpr: BenchmarkRate, today: IsoDate): OfferTerms {
  if (!hasPositiveRate(lpr.rateBps, input.spreadBps)) {
    throw invalid(`LPR ${lpr.rateBps} bps plus spread ${input.spreadBps} bps gives no positive annual rate`);
  }
  // validUntil lies in [today, maturity), so maturity is at least one day away.
  const days = daysBetween(today, financing.maturityDate);
  const priced = price({
    faceFen: parseFen(financing.amount, 'amount'),
    advanceRateBps: input.advanceRateBps,
    lprBps: lpr.rateBps,
    spreadBps: input.spreadBps,
    days,
    feesFen: input.fees,
  });
  if (!hasNetProceeds(priced)) {
    throw invalid(
      `the offer leaves no net proceeds: financed ${fen(priced.financedFen)}, interest ${fen(priced.interestFen)}, fees ${fen(input.fees)} fen`,
    );
  }
  return {
    financingId: financing.id,
    faceAmount: financing.amount,
    advanceRateBps: input.advanceRateBps,
    financedAmount: fen(priced.financedFen),
    lprTenor: lpr.tenor,
    lprBps: lpr.rateBps,
    spreadBps: input.spreadBps,
    annualRateBps: priced.annualRateBps,
    days,
    discountInterest: fen(priced.interestFen),
    fees: fen(input.fees),
    netProceeds: fen(priced.netFen),
    validUntil: input.validUntil,
    recourse: input.recourse,
    salt: input.salt,
  };
}

function requireStatus(financing: Financing, allowed: readonly FinancingStatus[], what: string): void {
  if (!allowed.includes(financing.status)) {
    throw invalidState(
      `financing ${financing.id} is ${financing.status}; to ${what} it must be ${allowed.join(' or ')}`,
    );
  }
}

/**
 * The bank's registration of the receivable, as Disburse takes it (JSON of a RegistrationInput): without
 * one the bank may not disburse (银发〔2025〕77号); the shared rule checks it is this receivable's, by
 * this bank, with no other party's registration found before it.
 */
function requireRegistration(
  financing: Financing,
  registrationJson: string,
  registrantMsp: string,
): FinancingRegistration {
  if (registrationJson.trim() === '') {
    throw new ContractError(
      ErrorCodes.RegistrationRequired,
      `financing ${financing.id} must be registered at the movable-property financing registry before disbursement`,
    );
  }
  const input = parseRegistrationInput(parseJsonArg(registrationJson, 'registrationJson'));
  checkRegistration(financing, input);
  return {
    ...input.registration,
    registrantMsp,
    searchedAt: input.search.searchedAt,
    searchResult: input.search.entries,
  };
}

/** Loads a financing and checks the caller acts for the given party of it. */
async function requireFinancingParty(
  ctx: Context,
  id: string,
  party: 'applicantId' | 'bankId',
  roles: readonly Role[],
  what: string,
): Promise<{ financing: Financing; actor: Actor }> {
  const financing = await getRecord<Financing>(ctx, ObjectTypes.Financing, id);
  // A voucher's holder is a supplier; a warehouse receipt's owner may also be a core enterprise.
  const actor = await requireActor(ctx, {
    roles,
    kinds: party === 'bankId' ? ['BANK'] : ['SUPPLIER', 'CORE'],
  });
  requireParty(actor, financing[party], `${what} financing ${id}`);
  return { financing, actor };
}

/** The financing's voucher, which must still be held for it (guards against an inconsistent ledger). */
async function heldVoucher(ctx: Context, financing: Financing): Promise<Voucher> {
  const voucher = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, financing.voucherId ?? '');
  if (voucher.status !== 'FINANCING' || voucher.financingId !== financing.id) {
    throw invalidState(`voucher ${voucher.id} is ${voucher.status}, not held for financing ${financing.id}`);
  }
  return voucher;
}

/**
 * Closes a financing that was never disbursed and frees its voucher for another application; one of a
 * request for quotes that was not accepted closes alone, the voucher staying with the request.
 */
async function release(
  ctx: Context,
  financing: Financing,
  changes: Pick<Financing, 'status'> & Partial<Financing>,
  event: EventName,
): Promise<string> {
  if (financing.receiptId !== undefined) return closeReceiptFinancing(ctx, financing, changes, event);
  if (isOpenQuote(financing)) return marshal(await closeQuote(ctx, financing, changes, event));
  const voucher = await heldVoucher(ctx, financing);
  const owners = await voucherOwners(ctx, voucher);
  const now = txTime(ctx);
  const saved = await saveFinancing(ctx, { ...financing, ...changes }, now, financing);
  const freed = await saveVoucher(ctx, { ...voucher, status: 'ACTIVE' }, now, owners, voucher);
  emit(ctx, event, [saved, freed]);
  return marshal(saved);
}

/**
 * Discounting of vouchers at a bank: apply, offer (terms private to applicant and bank), accept,
 * disburse; or reject, withdraw, expire. A voucher is in at most one open financing network-wide.
 * A warehouse receipt pledged to a bank (`warehouse:Pledge`) goes through the same offer, acceptance
 * and disbursement (see receipt-financing.ts for where it differs).
 */
@Info({ title: 'FinancingContract', description: 'Voucher financing with private offer terms' })
export class FinancingContract extends BaseContract {
  constructor() {
    super('financing');
  }

  /** The voucher's holder applies to a bank; the voucher is locked (FINANCING) until the financing closes. */
  @Transaction()
  @Returns('string')
  async Apply(ctx: Context, voucherId: string, bankId: string): Promise<string> {
    const { voucher, actor } = await requireFinanceableVoucher(ctx, voucherId);
    const bank = await requireEnterprise(ctx, bankId, ['BANK'], 'bank');
    const owners = await voucherOwners(ctx, voucher);
    const now = txTime(ctx);
    const id = `${voucherId}:${ctx.stub.getTxID().slice(0, 16)}`;
    const financing = newFinancing(id, voucher, actor.enterprise.id, bank.id, now);
    const saved = await saveFinancing(ctx, financing, now);
    const locked = await saveVoucher(
      ctx,
      { ...voucher, status: 'FINANCING', financingId: saved.id },
      now,
      owners,
      voucher,
    );
    emit(ctx, Events.FinancingApplied, [saved, locked]);
    return marshal(saved);
  }

  /**
   * The bank offers; the terms come only in the transient map, are priced off the current LPR and
   * stored privately for the bank's and the applicant's orgs. The public record carries their hash.
   * The bank's own line and the charter's consortium-wide cap on the debtor must have room for it.
   */
  @Transaction()
  @Returns('string')
  async Offer(ctx: Context, financingId: string): Promise<string> {
    const { financing, actor } = await requireFinancingParty(
      ctx,
      financingId,
      'bankId',
      APPROVERS,
      'offer on',
    );
    requireFourEyes(ctx, actor, 'financing:Offer');
    requireStatus(financing, ['APPLIED'], 'offer');
    const input = readTermsInput(ctx);
    const today = businessDate(ctx);
    if (input.validUntil < today || input.validUntil >= financing.maturityDate) {
      throw invalid(`terms.validUntil must be from ${today} and before maturity ${financing.maturityDate}`);
    }
    await requireWithinRequest(ctx, financing, input.validUntil);
    const lpr = await currentRate(ctx, LPR_TENOR, today);
    const terms = priceOffer(financing, input, lpr, today);
    if (financing.voucherId !== undefined) {
      const face = parseFen(financing.amount, 'amount');
      await requireCredit(ctx, financing.bankId, financing.debtorId, face);
      await requireExposureRoom(ctx, financing.debtorId, face);
    }
    const applicantMsp = await hostMspOf(ctx, financing.applicantId);
    const bytes = Buffer.from(marshal(terms));
    for (const mspId of new Set([actor.enterprise.hostMsp, applicantMsp])) {
      await ctx.stub.putPrivateData(orgCollection(mspId), financingId, bytes);
    }
    const offered: Financing = {
      ...financing,
      status: 'OFFERED',
      termsHash: sha256Hex(bytes),
      offerValidUntil: input.validUntil,
    };
    const saved = await saveFinancing(ctx, offered, txTime(ctx), financing);
    emit(ctx, Events.FinancingOffered, [saved]);
    return marshal(saved);
  }

  /** The applicant accepts the offer while it is valid. */
  @Transaction()
  @Returns('string')
  async Accept(ctx: Context, financingId: string): Promise<string> {
    const { financing } = await requireFinancingParty(ctx, financingId, 'applicantId', APPROVERS, 'accept');
    requireStatus(financing, ['OFFERED'], 'accept');
    const request = await openRequestOf(ctx, financing, 'accept');
    const today = businessDate(ctx);
    if (financing.offerValidUntil === undefined || today > financing.offerValidUntil) {
      throw new ContractError(
        ErrorCodes.OfferExpired,
        `the offer on financing ${financingId} was valid until ${String(financing.offerValidUntil)}`,
      );
    }
    if (request) return marshal(await acceptQuote(ctx, financing, request));
    const saved = await saveFinancing(ctx, { ...financing, status: 'ACCEPTED' }, txTime(ctx), financing);
    emit(ctx, Events.FinancingAccepted, [saved]);
    return marshal(saved);
  }

  /**
   * The bank pays out once it registered the receivable (`registrationJson`): the credit line is
   * consumed (and the debtor's consortium-wide cap checked again), the voucher passes to the bank,
   * the debtor's financed figure grows, and the debtor is noticed of the assignment.
   */
  @Transaction()
  @Returns('string')
  async Disburse(
    ctx: Context,
    financingId: string,
    paymentReference: string,
    registrationJson: string,
  ): Promise<string> {
    const { financing, actor } = await requireFinancingParty(
      ctx,
      financingId,
      'bankId',
      APPROVERS,
      'disburse',
    );
    requireFourEyes(ctx, actor, 'financing:Disburse');
    requireStatus(financing, ['ACCEPTED'], 'disburse');
    const reference = requireText(paymentReference, 'paymentReference', TEXT_RULES.paymentReference.max);
    const registration = requireRegistration(financing, registrationJson, actor.enterprise.hostMsp);
    if (financing.receiptId !== undefined) {
      return disburseOnReceipt(ctx, financing, { paymentReference: reference, registration });
    }
    const face = parseFen(financing.amount, 'amount');
    const line = await requireCredit(ctx, financing.bankId, financing.debtorId, face);
    await requireExposureRoom(ctx, financing.debtorId, face);
    const voucher = await heldVoucher(ctx, financing);
    const owners = { holderMsp: actor.enterprise.hostMsp, debtorMsp: await hostMspOf(ctx, voucher.debtorId) };
    const now = txTime(ctx);
    const used: CreditLine = { ...line, used: fen(parseFen(line.used, 'used', { allowZero: true }) + face) };
    const savedLine = await saveCreditLine(ctx, used, now, line);
    const financed: Voucher = { ...voucher, holderId: financing.bankId, status: 'FINANCED' };
    const savedVoucher = await saveVoucher(ctx, financed, now, owners, voucher);
    const assignmentNotice: AssignmentNotice = {
      noticedAt: now,
      assignorId: financing.applicantId,
      assigneeId: financing.bankId,
      registrationNumber: registration.registrationNumber,
    };
    const disbursed: Financing = {
      ...financing,
      status: 'DISBURSED',
      paymentReference: reference,
      registration,
      assignmentNotice,
    };
    const saved = await saveFinancing(ctx, disbursed, now, financing);
    const exposure = await recordExposure(ctx, [exposureChange(financing.debtorId, 'financed', face)]);
    emit(ctx, Events.FinancingDisbursed, [saved, savedVoucher, savedLine], exposure);
    return marshal(saved);
  }

  /** The bank declines an application or withdraws its offer; the voucher is free again. */
  @Transaction()
  @Returns('string')
  async Reject(ctx: Context, financingId: string, reason: string): Promise<string> {
    const { financing } = await requireFinancingParty(ctx, financingId, 'bankId', ANY_ROLE, 'reject');
    requireStatus(financing, ['APPLIED', 'OFFERED'], 'reject');
    const rejectionReason = requireText(reason, 'reason', TEXT_RULES.reason.max, TEXT_RULES.reason);
    return release(ctx, financing, { status: 'REJECTED', rejectionReason }, Events.FinancingRejected);
  }

  /** The applicant withdraws before disbursement; the voucher is free again. */
  @Transaction()
  @Returns('string')
  async Withdraw(ctx: Context, financingId: string): Promise<string> {
    const { financing } = await requireFinancingParty(ctx, financingId, 'applicantId', ANY_ROLE, 'withdraw');
    requireStatus(financing, ['APPLIED', 'OFFERED', 'ACCEPTED'], 'withdraw');
    return release(ctx, financing, { status: 'WITHDRAWN' }, Events.FinancingWithdrawn);
  }

  /** Any registered enterprise may close an offer whose validity has passed, freeing the voucher. */
  @Transaction()
  @Returns('string')
  async Expire(ctx: Context, financingId: string): Promise<string> {
    const financing = await getRecord<Financing>(ctx, ObjectTypes.Financing, financingId);
    await requireActor(ctx, { roles: ANY_ROLE });
    requireStatus(financing, ['OFFERED'], 'expire');
    const today = businessDate(ctx);
    if (financing.offerValidUntil === undefined || today <= financing.offerValidUntil) {
      throw invalidState(
        `the offer on financing ${financingId} is valid until ${String(financing.offerValidUntil)}`,
      );
    }
    return release(ctx, financing, { status: 'EXPIRED' }, Events.FinancingExpired);
  }

  /**
   * The offer terms, from the caller's own org collection; only the applicant and the bank may read
   * them, on a peer of their own org, and the bytes must match the public hash.
   */
  @Transaction(false)
  @Returns('string')
  async GetTerms(ctx: Context, financingId: string): Promise<string> {
    const financing = await getRecord<Financing>(ctx, ObjectTypes.Financing, financingId);
    const actor = await requireActor(ctx, { roles: ANY_ROLE });
    if (actor.enterprise.id !== financing.applicantId && actor.enterprise.id !== financing.bankId) {
      throw forbidden(`only the applicant and the bank of financing ${financingId} may read its terms`);
    }
    return readOwnTerms(ctx, financing, actor.mspId);
  }

  /**
   * The terms as the caller's org holds them, for the org's own services (its read-model projector):
   * an org admin of the bank's or the applicant's org, on a peer of that org.
   */
  @Transaction(false)
  @Returns('string')
  async GetOrgTerms(ctx: Context, financingId: string): Promise<string> {
    const financing = await getRecord<Financing>(ctx, ObjectTypes.Financing, financingId);
    const mspId = requireOrgAdmin(ctx, 'read its org terms');
    const parties = [await hostMspOf(ctx, financing.bankId), await hostMspOf(ctx, financing.applicantId)];
    if (!parties.includes(mspId)) {
      throw forbidden(`${mspId} hosts neither the applicant nor the bank of financing ${financingId}`);
    }
    return readOwnTerms(ctx, financing, mspId);
  }

  /** Reads one financing (public part: no terms). */
  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, id: string): Promise<string> {
    return marshal(await getRecord<Financing>(ctx, ObjectTypes.Financing, id));
  }
}

/** Reads the terms from `mspId`'s own implicit collection, on a peer of that org, checked against the public hash. */
async function readOwnTerms(ctx: Context, financing: Financing, mspId: string): Promise<string> {
  const peerMsp = ctx.stub.getMspID();
  if (peerMsp !== mspId) {
    throw forbidden(`terms are read on a peer of ${mspId}; this peer belongs to ${peerMsp}`);
  }
  const bytes = await ctx.stub.getPrivateData(orgCollection(mspId), financing.id);
  if (financing.termsHash === undefined || bytes.length === 0) {
    throw new ContractError(ErrorCodes.NotFound, `financing ${financing.id} has no offer terms for ${mspId}`);
  }
  if (sha256Hex(bytes) !== financing.termsHash) {
    throw invalidState(`the private terms of financing ${financing.id} do not match the public hash`);
  }
  return Buffer.from(bytes).toString('utf8');
}
