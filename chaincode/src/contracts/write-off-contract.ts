import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  ContractError,
  ErrorCodes,
  type Financing,
  MAX_WRITE_OFF_DAY,
  OFFER_SALT_PATTERN,
  ObjectTypes,
  TEXT_RULES,
  type Voucher,
  type WriteOffBook,
  type WriteOffBookRef,
  type WriteOffEntry,
  type WriteOffStage,
  forbidden,
  invalid,
  invalidState,
  marshal,
  parseJsonArg,
  requireCleanString,
  requireText,
  requireWriteOffStages,
} from '@scf/ledger-contract';
import {
  ANY_ROLE,
  APPROVERS,
  requireActor,
  requireEnterprise,
  requireParty,
  type Actor,
} from '../lib/access';
import { businessDate, txTime } from '../lib/dates';
import { emitWriteOffBookChanged } from '../lib/events';
import { signerOf } from '../lib/four-eyes';
import { requireOrgAdmin } from '../lib/org-admin';
import { actorLabel, getRecord } from '../lib/store';
import { findBook, getBook, saveBook } from '../repositories/write-off-books';
import { BaseContract } from './base-contract';
import { requireOverdue } from './overdue';

/** The transient map entries SetStages and Record read: nothing of them enters the public transaction. */
export const STAGES_TRANSIENT_KEY = 'stages';
export const WRITE_OFF_TRANSIENT_KEY = 'writeOff';

/** One transient JSON object, or INVALID_ARGUMENT. */
function transientObject(ctx: Context, key: string): Record<string, unknown> {
  const bytes = ctx.stub.getTransient().get(key);
  if (!bytes || bytes.length === 0) throw invalid(`the input must come in the transient map under "${key}"`);
  const value = parseJsonArg(Buffer.from(bytes).toString('utf8'), key);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`${key} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** The bank client's fresh secret, as offer terms carry one (see OfferTerms.salt). */
function requireSalt(value: unknown, key: string): string {
  if (typeof value !== 'string' || !OFFER_SALT_PATTERN.test(value)) {
    throw invalid(`${key}.salt must be 32 to 128 lower-case hex digits (128 to 512 random bits)`);
  }
  return value;
}

/** One stage from JSON: whole numbers only, nothing else in it; the shared rule checks the table. */
function stageOf(value: unknown, index: number): WriteOffStage {
  const at = `stage ${index + 1}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`${at} must be an object of fromDay, toDay (not for the last) and writeDownBps`);
  }
  const { fromDay, toDay, writeDownBps, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw invalid(`${at} has no field ${extra}`);
  // Whole numbers in range; the shared rule then checks the table as a whole.
  const whole = (field: unknown, name: string, max: number): number => {
    if (typeof field !== 'number' || !Number.isInteger(field) || field < 0 || field > max) {
      throw invalid(`${at}: ${name} must be a whole number from 0 to ${max}, got ${JSON.stringify(field)}`);
    }
    return field;
  };
  const stage: WriteOffStage = {
    fromDay: whole(fromDay, 'fromDay', MAX_WRITE_OFF_DAY),
    writeDownBps: whole(writeDownBps, 'writeDownBps', 10_000),
  };
  if (toDay !== undefined) stage.toDay = whole(toDay, 'toDay', MAX_WRITE_OFF_DAY);
  return stage;
}

function readStages(ctx: Context): { stages: WriteOffStage[]; salt: string } {
  const input = transientObject(ctx, STAGES_TRANSIENT_KEY);
  if (!Array.isArray(input.stages)) throw invalid('stages.stages must be a list of stages');
  const stages = input.stages.map((stage, index) => stageOf(stage, index));
  requireWriteOffStages(stages);
  return { stages, salt: requireSalt(input.salt, STAGES_TRANSIENT_KEY) };
}

/** The bank's book as it stands, or a new empty one. */
async function bookOf(ctx: Context, actor: Actor): Promise<WriteOffBook> {
  const bankId = actor.enterprise.id;
  return (
    (await findBook(ctx, actor.mspId, bankId)) ?? { bankId, writeOffs: [], salt: '', updatedAt: '', txId: '' }
  );
}

async function save(ctx: Context, actor: Actor, book: WriteOffBook): Promise<string> {
  await saveBook(ctx, actor.mspId, { ...book, updatedAt: txTime(ctx), txId: ctx.stub.getTxID() });
  emitWriteOffBookChanged(ctx, book.bankId);
  const ref: WriteOffBookRef = { bankId: book.bankId };
  return marshal(ref);
}

/**
 * A bank's write-off stages (provisioning by days overdue) and its manual write-offs, all private to
 * the bank: kept in its org's implicit collection, their inputs passed in the transient map, each
 * write salted by the bank's client. The public ledger gets one event per write naming the bank only.
 */
@Info({ title: 'WriteOffContract', description: "A bank's private write-off stages and write-offs" })
export class WriteOffContract extends BaseContract {
  constructor() {
    super('writeoff');
  }

  /** The bank's approver (or its admin user) sets its stages, replacing the previous ones. */
  @Transaction()
  @Returns('string')
  async SetStages(ctx: Context): Promise<string> {
    const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['BANK'] });
    const { stages, salt } = readStages(ctx);
    const book = await bookOf(ctx, actor);
    return save(ctx, actor, {
      ...book,
      stages,
      stagesSetAt: txTime(ctx),
      stagesSetBy: signerOf(ctx).id,
      salt,
    });
  }

  /**
   * The disbursing bank's approver writes off a DISBURSED financing whose voucher is unpaid past
   * maturity, in full, with a reason; once per financing (ALREADY_EXISTS).
   */
  @Transaction()
  @Returns('string')
  async Record(ctx: Context): Promise<string> {
    const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['BANK'] });
    const input = transientObject(ctx, WRITE_OFF_TRANSIENT_KEY);
    const financingId = requireCleanString(input.financingId, `${WRITE_OFF_TRANSIENT_KEY}.financingId`);
    const reason = requireText(input.reason, 'reason', TEXT_RULES.reason.max, TEXT_RULES.reason);
    const salt = requireSalt(input.salt, WRITE_OFF_TRANSIENT_KEY);
    const financing = await getRecord<Financing>(ctx, ObjectTypes.Financing, financingId);
    requireParty(actor, financing.bankId, `write off financing ${financingId}`);
    if (financing.status !== 'DISBURSED') {
      throw invalidState(
        `financing ${financingId} is ${financing.status}; only a DISBURSED one is written off`,
      );
    }
    if (financing.voucherId === undefined) {
      throw invalidState(`financing ${financingId} is a pledge of a warehouse receipt, not a voucher's`);
    }
    const voucher = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, financing.voucherId);
    const daysOverdue = requireOverdue(voucher, businessDate(ctx), 'written off');
    const book = await bookOf(ctx, actor);
    if (book.writeOffs.some((entry) => entry.financingId === financingId)) {
      throw new ContractError(ErrorCodes.AlreadyExists, `financing ${financingId} is already written off`);
    }
    const entry: WriteOffEntry = {
      financingId,
      voucherId: voucher.id,
      debtorId: financing.debtorId,
      amount: financing.amount,
      maturityDate: voucher.maturityDate,
      daysOverdue,
      reason,
      approvedBy: signerOf(ctx).id,
      approvedByLabel: actorLabel(ctx),
      recordedAt: txTime(ctx),
      txId: ctx.stub.getTxID(),
    };
    return save(ctx, actor, { ...book, writeOffs: [...book.writeOffs, entry], salt });
  }

  /** The bank's own book, for any user of that bank, on a peer of its org. */
  @Transaction(false)
  @Returns('string')
  async GetBook(ctx: Context, bankId: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE, kinds: ['BANK'] });
    requireParty(actor, bankId, 'read its write-off book');
    return marshal(await getBook(ctx, actor.mspId, bankId));
  }

  /** The book of a bank the caller's org hosts, for its org admin (the read-model projector). */
  @Transaction(false)
  @Returns('string')
  async GetOrgBook(ctx: Context, bankId: string): Promise<string> {
    const mspId = requireOrgAdmin(ctx, 'read its banks’ write-off books');
    const bank = await requireEnterprise(ctx, bankId, ['BANK'], 'bankId');
    if (bank.hostMsp !== mspId) throw forbidden(`${mspId} does not host bank ${bankId}`);
    return marshal(await getBook(ctx, mspId, bankId));
  }
}
