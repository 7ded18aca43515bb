import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { APPROVERS, requireActor, requireEnterprise, requireParty } from '../lib/access';
import {
  ContractError,
  type CreditLine,
  CreditLineStatuses,
  ErrorCodes,
  Events,
  type IsoDate,
  ObjectTypes,
  fen,
  invalid,
  invalidState,
  marshal,
  parseDate,
  parseFen,
  requireOneOf,
} from '@scf/ledger-contract';
import { businessDate, txTime } from '../lib/dates';
import { emit } from '../lib/events';
import { findRecord, getRecord } from '../lib/store';
import { creditLineId, saveCreditLine } from '../repositories/credit-lines';
import { BaseContract } from './base-contract';

/** What is left of a line to finance with: limit − used. */
export function availableCredit(line: CreditLine): bigint {
  return parseFen(line.limit, 'limit') - parseFen(line.used, 'used', { allowZero: true });
}

/**
 * The line of `bankId` for `debtorId` must exist, be ACTIVE, not have expired and have `amount` left;
 * financing calls this before offering and again before disbursing. Returns the line as stored.
 */
export async function requireCredit(
  ctx: Context,
  bankId: string,
  debtorId: string,
  amount: bigint,
): Promise<CreditLine> {
  const id = creditLineId(bankId, debtorId);
  const line = await findRecord<CreditLine>(ctx, ObjectTypes.CreditLine, id);
  const refuse = (why: string): ContractError =>
    new ContractError(
      ErrorCodes.CreditLimitExceeded,
      `bank ${bankId} cannot finance debtor ${debtorId}: ${why}`,
    );
  if (!line) throw refuse('there is no credit line for this debtor');
  if (line.status !== 'ACTIVE') throw refuse(`credit line ${id} is ${line.status}`);
  if (line.expiryDate < businessDate(ctx)) throw refuse(`credit line ${id} expired on ${line.expiryDate}`);
  const available = availableCredit(line);
  if (available < amount) throw refuse(`${fen(amount)} fen needed, ${fen(available)} fen available`);
  return line;
}

/** A line must run past the business date on which it is granted or changed. */
function requireFutureExpiry(ctx: Context, value: string): IsoDate {
  const expiryDate = parseDate(value, 'expiryDate');
  const today = businessDate(ctx);
  if (expiryDate <= today) throw invalid(`expiryDate must be after the business date ${today}`);
  return expiryDate;
}

/** Loads a line and checks the caller is an approver of its bank. */
async function requireOwnLine(ctx: Context, id: string, what: string): Promise<CreditLine> {
  const line = await getRecord<CreditLine>(ctx, ObjectTypes.CreditLine, id);
  requireParty(await requireActor(ctx, { roles: APPROVERS, kinds: ['BANK'] }), line.bankId, what);
  return line;
}

/** Credit lines (授信) a bank grants a core enterprise; financing consumes them, settlement releases them. */
@Info({ title: 'CreditLineContract', description: 'Bank credit lines for core enterprises' })
export class CreditLineContract extends BaseContract {
  constructor() {
    super('creditline');
  }

  /** Grants the caller's bank a credit line for a core enterprise's vouchers. */
  @Transaction()
  @Returns('string')
  async Grant(ctx: Context, debtorId: string, limit: string, expiryDate: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['BANK'] });
    const debtor = await requireEnterprise(ctx, debtorId, ['CORE'], 'debtor');
    const amount = parseFen(limit, 'limit');
    const expiry = requireFutureExpiry(ctx, expiryDate);
    const id = creditLineId(actor.enterprise.id, debtor.id);
    if (await findRecord(ctx, ObjectTypes.CreditLine, id)) {
      throw new ContractError(
        ErrorCodes.AlreadyExists,
        `credit line ${id} already exists; change it instead`,
      );
    }
    const now = txTime(ctx);
    const line: CreditLine = {
      docType: ObjectTypes.CreditLine,
      id,
      bankId: actor.enterprise.id,
      debtorId: debtor.id,
      limit: fen(amount),
      used: '0',
      expiryDate: expiry,
      status: 'ACTIVE',
      createdAt: now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    const saved = await saveCreditLine(ctx, line, now);
    emit(ctx, Events.CreditLineGranted, [saved]);
    return marshal(saved);
  }

  /** Changes a line's limit (never below what is in use) and expiry; only its bank may. */
  @Transaction()
  @Returns('string')
  async Change(ctx: Context, id: string, limit: string, expiryDate: string): Promise<string> {
    const line = await requireOwnLine(ctx, id, `change credit line ${id}`);
    const amount = parseFen(limit, 'limit');
    const expiry = requireFutureExpiry(ctx, expiryDate);
    if (amount < parseFen(line.used, 'used', { allowZero: true })) {
      throw invalid(`limit ${fen(amount)} fen is below the ${line.used} fen in use on credit line ${id}`);
    }
    const saved = await saveCreditLine(
      ctx,
      { ...line, limit: fen(amount), expiryDate: expiry },
      txTime(ctx),
      line,
    );
    emit(ctx, Events.CreditLineChanged, [saved]);
    return marshal(saved);
  }

  /** Freezes a line (no new financing) or reactivates it; only its bank may. */
  @Transaction()
  @Returns('string')
  async SetStatus(ctx: Context, id: string, status: string): Promise<string> {
    const line = await requireOwnLine(ctx, id, `set the status of credit line ${id}`);
    const next = requireOneOf(status, 'status', CreditLineStatuses);
    if (line.status === next) throw invalidState(`credit line ${id} is already ${next}`);
    const saved = await saveCreditLine(ctx, { ...line, status: next }, txTime(ctx), line);
    emit(ctx, Events.CreditLineChanged, [saved]);
    return marshal(saved);
  }

  /** Reads one credit line. */
  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, id: string): Promise<string> {
    return marshal(await getRecord<CreditLine>(ctx, ObjectTypes.CreditLine, id));
  }
}
