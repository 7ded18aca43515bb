import type { Context } from 'fabric-contract-api';
import {
  type CreditLine,
  type CreditNote,
  type DilutionClaim,
  type DilutionOutcome,
  type ExposureDelta,
  type Financing,
  type Invoice,
  type LedgerRecord,
  ObjectTypes,
  type Voucher,
  dilutableTree,
  dilute,
  fen,
  invalidState,
} from '@scf/ledger-contract';
import { findRecord, getRecord } from '../lib/store';
import { dilutionClaimId, saveDilutionClaim, voucherTree } from '../repositories/credit-notes';
import { creditLineId, saveCreditLine } from '../repositories/credit-lines';
import { exposureChange } from '../repositories/exposure';
import { saveFinancing, voucherOwners } from '../repositories/financings';
import { newVoucherNumbers } from '../repositories/voucher-numbers';
import { pieceIds, pieceOf, saveVoucher } from '../repositories/vouchers';

/*
 * Dilution on the ledger: the shared rule (`dilute`) decides which pieces of the invoice's voucher
 * tree shrink and which claims arise; this file writes it. A piece never changes its amount (pieces
 * always add up to their parent): one taken down in full is WRITTEN_OFF, one taken down in part
 * splits, as a partial dispute does, into the rest (same holder, status and financing) and a
 * WRITTEN_OFF piece of the amount taken. Both the piece taken down and the written-off piece carry
 * `dilution`. The debtor owes that much less (its `vouchers` figure drops); for a financed piece the
 * bank's disbursed figure drops too, and its credit line on the debtor is released by as much, since
 * what the bank is owed for it is now its claim on the seller; a financed piece taken down in full
 * SETTLES its financing (nothing more is owed on it by the debtor).
 */

/** What applying a dilution wrote, for the event. */
export interface DilutionWrites {
  records: LedgerRecord[];
  exposure: ExposureDelta[];
  dilution: NonNullable<CreditNote['dilution']>;
}

/** Financings of the tree's pieces, by id (each read once). */
async function financingsOf(ctx: Context, tree: readonly Voucher[]): Promise<Map<string, Financing>> {
  const found = new Map<string, Financing>();
  for (const piece of tree) {
    const id = piece.financingId;
    if (id === undefined || found.has(id)) continue;
    const financing = await findRecord<Financing>(ctx, ObjectTypes.Financing, id);
    if (financing) found.set(id, financing);
  }
  return found;
}

/** The outcome of the dilution rule on the invoice's tree; INVALID_STATE while a seller's piece is busy. */
export async function planDilution(
  ctx: Context,
  invoice: Invoice,
  amount: bigint,
): Promise<{ tree: Map<string, Voucher>; financings: Map<string, Financing>; outcome: DilutionOutcome }> {
  if (invoice.voucherId === undefined) {
    return { tree: new Map(), financings: new Map(), outcome: { reductions: [], claims: [] } };
  }
  const pieces = await voucherTree(ctx, invoice.voucherId);
  const financings = await financingsOf(ctx, pieces);
  const dilutable = dilutableTree(pieces, (id) => financings.get(id), invoice.sellerId);
  if ('blockedBy' in dilutable) {
    const { id, status } = dilutable.blockedBy;
    throw invalidState(
      `voucher ${id} of the seller is ${status}; settle that before a credit note dilutes invoice ${invoice.id}`,
    );
  }
  const parties = { sellerId: invoice.sellerId, buyerId: invoice.buyerId };
  return {
    tree: new Map(pieces.map((piece) => [piece.id, piece])),
    financings,
    outcome: dilute(dilutable.pieces, parties, amount),
  };
}

/** A credit line with the amounts released from it so far in this transaction. */
interface LineRelease {
  line: CreditLine;
  released: bigint;
}

/** Takes one piece down from `from` to `to`: WRITTEN_OFF in full, or split into the rest and the written-off part. */
async function takeDown(
  ctx: Context,
  piece: Voucher,
  to: bigint,
  note: CreditNote,
  now: string,
): Promise<Voucher[]> {
  const owners = await voucherOwners(ctx, piece);
  const taken = BigInt(piece.amount) - to;
  const dilution = { creditNoteId: note.id, amount: fen(taken) };
  if (to === 0n) {
    return [await saveVoucher(ctx, { ...piece, status: 'WRITTEN_OFF', dilution }, now, owners, piece)];
  }
  const ids = pieceIds(piece);
  const [restNumber = '', takenNumber = ''] = await newVoucherNumbers(ctx, piece.debtorId, ids);
  const rest: Voucher = {
    ...pieceOf(piece, { id: ids[0], number: restNumber }, to, now),
    ...(piece.financingId === undefined ? {} : { financingId: piece.financingId }),
  };
  const writtenOff: Voucher = {
    ...pieceOf(piece, { id: ids[1], number: takenNumber }, taken, now),
    status: 'WRITTEN_OFF',
    dilution,
  };
  const split: Voucher = { ...piece, status: 'SPLIT', childIds: [...piece.childIds, ...ids], dilution };
  return [
    await saveVoucher(ctx, split, now, owners, piece),
    await saveVoucher(ctx, rest, now, owners),
    await saveVoucher(ctx, writtenOff, now, owners),
  ];
}

/** Writes an accepted credit note's dilution: pieces taken down, financings and lines, claims. */
export async function applyDilution(
  ctx: Context,
  invoice: Invoice,
  note: CreditNote,
  now: string,
): Promise<DilutionWrites> {
  const { tree, financings, outcome } = await planDilution(ctx, invoice, BigInt(note.amount));
  const records: LedgerRecord[] = [];
  const changes: ExposureDelta[] = [];
  const lines = new Map<string, LineRelease>();
  for (const { id, fromFen, toFen } of outcome.reductions) {
    const piece = tree.get(id);
    if (!piece) throw invalidState(`the dilution names voucher ${id}, which is not in the tree`);
    const taken = fromFen - toFen;
    records.push(...(await takeDown(ctx, piece, toFen, note, now)));
    changes.push(exposureChange(piece.debtorId, 'vouchers', -taken));
    const financing = piece.financingId === undefined ? undefined : financings.get(piece.financingId);
    if (financing?.status !== 'DISBURSED' || financing.bankId !== piece.holderId) continue;
    changes.push(exposureChange(piece.debtorId, 'financed', -taken));
    const lineId = creditLineId(financing.bankId, financing.debtorId);
    const release = lines.get(lineId) ?? {
      line: await getRecord<CreditLine>(ctx, ObjectTypes.CreditLine, lineId),
      released: 0n,
    };
    lines.set(lineId, { ...release, released: release.released + taken });
    if (toFen === 0n) {
      records.push(await saveFinancing(ctx, { ...financing, status: 'SETTLED' }, now, financing));
    }
  }
  for (const [lineId, { line, released }] of lines) {
    const used = BigInt(line.used);
    if (used < released) {
      throw invalidState(
        `credit line ${lineId} has ${line.used} fen in use, less than ${fen(released)} to release`,
      );
    }
    records.push(await saveCreditLine(ctx, { ...line, used: fen(used - released) }, now, line));
  }
  const claimIds: string[] = [];
  for (const [index, claim] of outcome.claims.entries()) {
    const piece = claim.pieceId === undefined ? undefined : tree.get(claim.pieceId);
    const saved = await saveDilutionClaim(
      ctx,
      {
        docType: ObjectTypes.DilutionClaim,
        id: dilutionClaimId(note.id, index + 1),
        creditNoteId: note.id,
        invoiceId: invoice.id,
        kind: piece ? 'BANK' : 'DEBTOR',
        creditorId: claim.creditorId,
        debtorId: claim.debtorId,
        amount: fen(claim.amountFen),
        ...(piece ? { voucherId: piece.id } : {}),
        ...(piece?.financingId === undefined ? {} : { financingId: piece.financingId }),
        status: 'OPEN',
        createdAt: now,
        updatedAt: '',
        txId: '',
        updatedBy: '',
      } satisfies DilutionClaim,
      now,
    );
    records.push(saved);
    claimIds.push(saved.id);
  }
  const reductions = outcome.reductions.map(({ id, fromFen, toFen }) => ({
    voucherId: id,
    from: fen(fromFen),
    to: fen(toFen),
  }));
  return { records, exposure: changes, dilution: { reductions, claimIds } };
}
