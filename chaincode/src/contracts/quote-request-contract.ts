import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  Events,
  ObjectTypes,
  type QuoteRequest,
  invalid,
  invalidState,
  marshal,
  parseDate,
  parseJsonArg,
  parseQuoteBanks,
  quoteDeadlineProblem,
} from '@scf/ledger-contract';
import { ANY_ROLE, requireActor, requireEnterprise, requireParty } from '../lib/access';
import { businessDate, txTime } from '../lib/dates';
import { emit } from '../lib/events';
import { getRecord } from '../lib/store';
import { saveFinancing, voucherOwners } from '../repositories/financings';
import { quoteFinancingId, quoteRequestId, saveQuoteRequest } from '../repositories/quote-requests';
import { saveVoucher } from '../repositories/vouchers';
import { BaseContract } from './base-contract';
import { newFinancing, requireFinanceableVoucher } from './financing-application';
import { closeRequest } from './quote-request-offers';

function requireOpen(request: QuoteRequest, what: string): void {
  if (request.status !== 'OPEN') {
    throw invalidState(`request for quotes ${request.id} is ${request.status}; to ${what} it must be OPEN`);
  }
}

/**
 * Requests for quotes: a holder puts one voucher to several banks at once (one financing each, offered
 * and priced as any other, terms private to that bank and the applicant), accepts one offer (the rest
 * lapse), or withdraws the request; after its deadline anyone may expire it. The voucher stays in one
 * request or financing at a time, network-wide.
 */
@Info({ title: 'QuoteRequestContract', description: 'One voucher put to several banks for competing offers' })
export class QuoteRequestContract extends BaseContract {
  constructor() {
    super('quotes');
  }

  /**
   * The voucher's holder asks 2 to 8 banks (`bankIdsJson`, a JSON array) for offers until `validUntil`;
   * one APPLIED financing per bank, and the voucher locked (FINANCING) to the request.
   */
  @Transaction()
  @Returns('string')
  async RequestQuotes(
    ctx: Context,
    voucherId: string,
    bankIdsJson: string,
    validUntil: string,
  ): Promise<string> {
    const { voucher, actor, today } = await requireFinanceableVoucher(ctx, voucherId);
    const bankIds = parseQuoteBanks(parseJsonArg(bankIdsJson, 'bankIdsJson'));
    const deadline = parseDate(validUntil, 'validUntil');
    const problem = quoteDeadlineProblem(deadline, today, voucher.maturityDate);
    if (problem !== undefined) throw invalid(problem);
    for (const bankId of bankIds) await requireEnterprise(ctx, bankId, ['BANK'], 'bank');
    const owners = await voucherOwners(ctx, voucher);
    const now = txTime(ctx);
    const id = quoteRequestId(ctx, voucherId);
    const financings = [];
    for (const [index, bankId] of bankIds.entries()) {
      const financing = newFinancing(
        quoteFinancingId(id, index),
        voucher,
        actor.enterprise.id,
        bankId,
        now,
        id,
      );
      financings.push(await saveFinancing(ctx, financing, now));
    }
    const request: QuoteRequest = {
      docType: ObjectTypes.QuoteRequest,
      id,
      voucherId,
      applicantId: actor.enterprise.id,
      debtorId: voucher.debtorId,
      amount: voucher.amount,
      maturityDate: voucher.maturityDate,
      bankIds,
      financingIds: financings.map((financing) => financing.id),
      validUntil: deadline,
      status: 'OPEN',
      createdAt: now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    const saved = await saveQuoteRequest(ctx, request, now);
    const locked = await saveVoucher(
      ctx,
      { ...voucher, status: 'FINANCING', quoteRequestId: id },
      now,
      owners,
      voucher,
    );
    emit(ctx, Events.QuotesRequested, [saved, ...financings, locked]);
    return marshal(saved);
  }

  /** The applicant withdraws an OPEN request: its open financings WITHDRAWN, the voucher free again. */
  @Transaction()
  @Returns('string')
  async WithdrawQuoteRequest(ctx: Context, requestId: string): Promise<string> {
    const request = await getRecord<QuoteRequest>(ctx, ObjectTypes.QuoteRequest, requestId);
    const actor = await requireActor(ctx, { roles: ANY_ROLE, kinds: ['SUPPLIER'] });
    requireParty(actor, request.applicantId, `withdraw request for quotes ${requestId}`);
    requireOpen(request, 'withdraw');
    const closed = await closeRequest(ctx, request, 'WITHDRAWN', 'WITHDRAWN', Events.QuoteRequestWithdrawn);
    return marshal(closed);
  }

  /** Any registered enterprise closes an OPEN request past its deadline: its open financings LAPSED, the voucher free. */
  @Transaction()
  @Returns('string')
  async ExpireQuoteRequest(ctx: Context, requestId: string): Promise<string> {
    const request = await getRecord<QuoteRequest>(ctx, ObjectTypes.QuoteRequest, requestId);
    await requireActor(ctx, { roles: ANY_ROLE });
    requireOpen(request, 'expire');
    const today = businessDate(ctx);
    if (today <= request.validUntil) {
      throw invalidState(`request for quotes ${requestId} is open until ${request.validUntil}`);
    }
    return marshal(await closeRequest(ctx, request, 'EXPIRED', 'LAPSED', Events.QuoteRequestExpired));
  }

  /** Reads one request (public, as a financing is: who asked which banks; no terms). */
  @Transaction(false)
  @Returns('string')
  async GetQuoteRequest(ctx: Context, id: string): Promise<string> {
    return marshal(await getRecord<QuoteRequest>(ctx, ObjectTypes.QuoteRequest, id));
  }
}
