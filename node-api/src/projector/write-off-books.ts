import type { WriteOffBook } from '@scf/ledger-contract';
import { LedgerError } from '../ledger/errors.ts';
import type { ScfLedger } from '../ledger/scf-ledger.ts';
import type { Tx } from '../db/client.ts';

/** The event's list of banks whose write-off book changed, checked. */
export function writeOffBanksOf(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) {
    throw new TypeError('the event payload has writeOffBooks that is not a list of bank ids');
  }
  return value;
}

/**
 * The write-off books of the event's banks that this org holds (read before the SQL transaction).
 * FORBIDDEN means this org does not host the bank: it has no copy, by design.
 */
export async function fetchWriteOffBooks(ledger: ScfLedger, bankIds: string[]): Promise<WriteOffBook[]> {
  const books: WriteOffBook[] = [];
  for (const bankId of bankIds) {
    try {
      books.push(await ledger.writeoff.GetOrgBook({ bankId }));
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'FORBIDDEN') continue;
      throw error;
    }
  }
  return books;
}

/**
 * Writes a bank's book as it now stands: its stages replaced whole, each write-off kept once. A
 * replayed older event writes the book as the ledger holds it now, which is just as current.
 */
export async function writeWriteOffBook(tx: Tx, book: WriteOffBook, blockNumber: bigint): Promise<void> {
  await tx.writeOffStage.deleteMany({ where: { bankId: book.bankId } });
  const stages = book.stages ?? [];
  if (stages.length > 0) {
    await tx.writeOffStage.createMany({
      data: stages.map((stage, index) => ({
        bankId: book.bankId,
        position: index + 1,
        fromDay: stage.fromDay,
        toDay: stage.toDay ?? null,
        writeDownBps: stage.writeDownBps,
        setAt: new Date(book.stagesSetAt ?? book.updatedAt),
        setBy: book.stagesSetBy ?? '',
        txId: book.txId,
        blockNumber,
      })),
    });
  }
  for (const entry of book.writeOffs) {
    const row = {
      financingId: entry.financingId,
      bankId: book.bankId,
      voucherId: entry.voucherId,
      debtorId: entry.debtorId,
      amount: BigInt(entry.amount),
      maturityDate: new Date(`${entry.maturityDate}T00:00:00.000Z`),
      daysOverdue: entry.daysOverdue,
      reason: entry.reason,
      approvedBy: entry.approvedBy,
      approvedByLabel: entry.approvedByLabel,
      recordedAt: new Date(entry.recordedAt),
      txId: entry.txId,
      blockNumber,
    };
    await tx.writeOff.upsert({ where: { financingId: entry.financingId }, create: row, update: {} });
  }
}
