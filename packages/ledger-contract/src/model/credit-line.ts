import type { IsoDate } from '../dates.ts';
import type { Fen } from '../money.ts';
import type { LedgerRecord } from './record.ts';

export const CreditLineStatuses = ['ACTIVE', 'FROZEN'] as const;
export type CreditLineStatus = (typeof CreditLineStatuses)[number];

/** A bank's limit (授信) for financing vouchers of one debtor; id is `${bankId}:${debtorId}`. */
export interface CreditLine extends LedgerRecord {
  docType: 'creditline';
  bankId: string;
  debtorId: string;
  limit: Fen;
  /** Face amount of disbursed, unsettled financings of this debtor at this bank. */
  used: Fen;
  expiryDate: IsoDate;
  status: CreditLineStatus;
}
