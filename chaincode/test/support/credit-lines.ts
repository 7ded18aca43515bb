import { CreditLineContract } from '../../src/contracts/credit-line-contract';
import { txTime } from '../../src/lib/dates';
import { type CreditLine, type Fen, type IsoDate, ObjectTypes } from '@scf/ledger-contract';
import { saveCreditLine } from '../../src/repositories/credit-lines';
import { userOf } from './callers';
import { ENTERPRISES, type EnterpriseName } from './enterprises';
import { stored } from './ledger-state';
import type { MemoryLedger } from './memory-stub';
import { parse } from './parse';

export const creditLines = new CreditLineContract();

export const LINE_LIMIT = '1000000000';
export const LINE_EXPIRY = '2026-12-31';

export function lineIdOf(bank: EnterpriseName, debtorId: string = ENTERPRISES.core.id): string {
  return `${ENTERPRISES[bank].id}:${debtorId}`;
}

/** The bank's approver grants the core enterprise a credit line. */
export async function grantLine(
  ledger: MemoryLedger,
  bank: EnterpriseName,
  limit: Fen = LINE_LIMIT,
  expiryDate: IsoDate = LINE_EXPIRY,
): Promise<CreditLine> {
  return parse<CreditLine>(
    await ledger.submit(userOf(bank, 'approver'), (ctx) =>
      creditLines.Grant(ctx, ENTERPRISES.core.id, limit, expiryDate),
    ),
  );
}

/** Overwrites what a credit line has in use. */
export async function setUsed(ledger: MemoryLedger, lineId: string, used: Fen): Promise<void> {
  const line = stored<CreditLine>(ledger, ObjectTypes.CreditLine, lineId);
  await ledger.submit(userOf('bankA', 'admin'), async (ctx) => {
    await saveCreditLine(ctx, { ...line, used }, txTime(ctx), line);
  });
}
