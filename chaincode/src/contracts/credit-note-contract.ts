import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  ContractError,
  type CreditNote,
  CreditNoteReasons,
  type DilutionClaim,
  ErrorCodes,
  Events,
  type Invoice,
  type InvoiceStatus,
  ObjectTypes,
  TEXT_RULES,
  creditNoteRoom,
  fen,
  forbidden,
  invalidState,
  marshal,
  parseFen,
  requireOneOf,
  requireSha256,
  requireText,
} from '@scf/ledger-contract';
import { ANY_ROLE, APPROVERS, type Actor, requireActor, requireParty } from '../lib/access';
import { txTime } from '../lib/dates';
import { emit } from '../lib/events';
import { requireFourEyes } from '../lib/four-eyes';
import { getRecord } from '../lib/store';
import { creditNoteId, creditNotesOf, saveCreditNote, standingCredit } from '../repositories/credit-notes';
import { recordExposure } from '../repositories/exposure';
import { saveInvoice } from '../repositories/invoices';
import { BaseContract } from './base-contract';
import { applyDilution } from './dilution';

/** An invoice that stands may be credited; a rejected or cancelled one is owed nothing already. */
const CREDITABLE: readonly InvoiceStatus[] = ['REGISTERED', 'CONFIRMED'];

/** Owners were bound when the invoice was registered; a credit does not rebind them. */
const BOUND_ON_CREATION: string[] = [];

function requirePending(note: CreditNote, what: string): void {
  if (note.status !== 'PENDING') {
    throw invalidState(`credit note ${note.id} is ${note.status}; only a PENDING one can be ${what}`);
  }
}

/** The buyer's approver, acting for the note's buyer. */
async function requireBuyerApprover(ctx: Context, note: CreditNote, what: string): Promise<Actor> {
  const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['CORE', 'SUPPLIER'] });
  requireParty(actor, note.buyerId, `${what} credit note ${note.id}`);
  return actor;
}

/**
 * Dilution: the seller of an invoice registers a credit note (goods returned, price reduced, invoice
 * reversed); once its buyer accepts it, the buyer owes that much less, the invoice's voucher pieces
 * shrink by the shared rule (`dilute`), and what the pieces cannot absorb becomes claims on the seller.
 */
@Info({ title: 'CreditNoteContract', description: 'Credit notes on invoices and the dilution they cause' })
export class CreditNoteContract extends BaseContract {
  constructor() {
    super('creditnote');
  }

  /**
   * A clerk or approver of the invoice's seller registers a credit note: 1 fen up to the invoice
   * amount less what was paid on it and less its other PENDING or ACCEPTED credit notes.
   */
  @Transaction()
  @Returns('string')
  async Register(
    ctx: Context,
    invoiceId: string,
    amount: string,
    reasonKind: string,
    reason: string,
    documentHash: string,
  ): Promise<string> {
    const actor = await requireActor(ctx, { roles: ['clerk', 'approver'], kinds: ['SUPPLIER'] });
    const invoice = await getRecord<Invoice>(ctx, ObjectTypes.Invoice, invoiceId);
    requireParty(actor, invoice.sellerId, `register a credit note on invoice ${invoiceId}`);
    const credit = parseFen(amount, 'amount');
    const kind = requireOneOf(reasonKind, 'reasonKind', CreditNoteReasons);
    const why = requireText(reason, 'reason', TEXT_RULES.reason.max, TEXT_RULES.reason);
    const hash = requireSha256(documentHash, 'documentHash');
    if (!CREDITABLE.includes(invoice.status)) {
      throw invalidState(
        `invoice ${invoiceId} is ${invoice.status}; only ${CREDITABLE.join(' or ')} ones are credited`,
      );
    }
    const room = creditNoteRoom(
      parseFen(invoice.amount, 'amount'),
      parseFen(invoice.paidAmount, 'paidAmount', { allowZero: true }),
      standingCredit(await creditNotesOf(ctx, invoiceId)),
    );
    if (credit > room) {
      throw new ContractError(
        ErrorCodes.AmountExceeded,
        `a credit note of ${fen(credit)} fen on invoice ${invoiceId}, which can be credited ${fen(room)} fen more`,
      );
    }
    const now = txTime(ctx);
    const note: CreditNote = {
      docType: ObjectTypes.CreditNote,
      id: creditNoteId(ctx, invoiceId),
      invoiceId,
      sellerId: invoice.sellerId,
      buyerId: invoice.buyerId,
      amount: fen(credit),
      reasonKind: kind,
      reason: why,
      documentHash: hash,
      status: 'PENDING',
      createdAt: now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    const saved = await saveCreditNote(ctx, note, now);
    emit(ctx, Events.CreditNoteRegistered, [saved]);
    return marshal(saved);
  }

  /**
   * The buyer's approver accepts a PENDING credit note (under four eyes, when on): the invoice is
   * credited, and if it has a voucher, its open pieces are diluted by the shared rule, the debtor's
   * figures drop by what it no longer owes and claims on the seller are recorded.
   */
  @Transaction()
  @Returns('string')
  async Accept(ctx: Context, creditNoteId: string): Promise<string> {
    const note = await getRecord<CreditNote>(ctx, ObjectTypes.CreditNote, creditNoteId);
    const actor = await requireBuyerApprover(ctx, note, 'accept');
    requireFourEyes(ctx, actor, 'creditnote:Accept');
    requirePending(note, 'accepted');
    const invoice = await getRecord<Invoice>(ctx, ObjectTypes.Invoice, note.invoiceId);
    if (!CREDITABLE.includes(invoice.status)) {
      throw invalidState(`invoice ${invoice.id} is ${invoice.status}; its credit notes can only be declined`);
    }
    const now = txTime(ctx);
    const written = await applyDilution(ctx, invoice, note, now);
    const credited = BigInt(invoice.creditedAmount ?? '0') + BigInt(note.amount);
    const savedInvoice = await saveInvoice(
      ctx,
      { ...invoice, creditedAmount: fen(credited) },
      now,
      BOUND_ON_CREATION,
      invoice,
    );
    const accepted: CreditNote = { ...note, status: 'ACCEPTED', decidedAt: now, dilution: written.dilution };
    const saved = await saveCreditNote(ctx, accepted, now, note);
    const exposure = await recordExposure(ctx, written.exposure);
    emit(ctx, Events.CreditNoteAccepted, [saved, savedInvoice, ...written.records], exposure);
    return marshal(saved);
  }

  /** The buyer's approver declines a PENDING credit note, saying why; nothing else changes. */
  @Transaction()
  @Returns('string')
  async Decline(ctx: Context, creditNoteId: string, reason: string): Promise<string> {
    const note = await getRecord<CreditNote>(ctx, ObjectTypes.CreditNote, creditNoteId);
    await requireBuyerApprover(ctx, note, 'decline');
    const why = requireText(reason, 'reason', TEXT_RULES.reason.max, TEXT_RULES.reason);
    requirePending(note, 'declined');
    const now = txTime(ctx);
    const declined: CreditNote = { ...note, status: 'DECLINED', declineReason: why, decidedAt: now };
    const saved = await saveCreditNote(ctx, declined, now, note);
    emit(ctx, Events.CreditNoteDeclined, [saved]);
    return marshal(saved);
  }

  /** A clerk or approver of the seller takes back a PENDING credit note. */
  @Transaction()
  @Returns('string')
  async Withdraw(ctx: Context, creditNoteId: string): Promise<string> {
    const note = await getRecord<CreditNote>(ctx, ObjectTypes.CreditNote, creditNoteId);
    const actor = await requireActor(ctx, { roles: ['clerk', 'approver'], kinds: ['SUPPLIER'] });
    requireParty(actor, note.sellerId, `withdraw credit note ${creditNoteId}`);
    requirePending(note, 'withdrawn');
    const now = txTime(ctx);
    const saved = await saveCreditNote(ctx, { ...note, status: 'WITHDRAWN', decidedAt: now }, now, note);
    emit(ctx, Events.CreditNoteWithdrawn, [saved]);
    return marshal(saved);
  }

  /** Reads one credit note: its seller and its buyer only. */
  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, id: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE });
    const note = await getRecord<CreditNote>(ctx, ObjectTypes.CreditNote, id);
    const party = actor.enterprise.id;
    if (party !== note.sellerId && party !== note.buyerId) {
      throw forbidden(`credit note ${id} is for its seller and its buyer, not ${party}`);
    }
    return marshal(note);
  }

  /** Reads one dilution claim: its creditor and its debtor (the seller) only. */
  @Transaction(false)
  @Returns('string')
  async GetClaim(ctx: Context, id: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE });
    const claim = await getRecord<DilutionClaim>(ctx, ObjectTypes.DilutionClaim, id);
    const party = actor.enterprise.id;
    if (party !== claim.creditorId && party !== claim.debtorId) {
      throw forbidden(`dilution claim ${id} is for its creditor and its debtor, not ${party}`);
    }
    return marshal(claim);
  }
}
