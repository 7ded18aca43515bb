import type { IsoDate } from '../dates.ts';
import type { Fen } from '../money.ts';
import type { WriteOffStage } from '../write-down.ts';

/**
 * A manual write-off of a disbursed financing whose voucher is overdue: the bank's approver records
 * why; the ledger records who and when (the transaction's time).
 */
export interface WriteOffEntry {
  financingId: string;
  voucherId: string;
  debtorId: string;
  /** Face amount written off, in full. */
  amount: Fen;
  maturityDate: IsoDate;
  /** Days past maturity on the business date it was written off. */
  daysOverdue: number;
  reason: string;
  /** The approver's certificate identity (`x509::subject::issuer`) and its label (enterprise/role@MSP). */
  approvedBy: string;
  approvedByLabel: string;
  recordedAt: string;
  txId: string;
}

/**
 * One bank's write-off book, private to it: kept only in its org's implicit collection, never in
 * public state. `salt` is a fresh secret of the bank's client on every write, so that the hash
 * Fabric puts in the block cannot be checked against guessed stages or reasons.
 */
export interface WriteOffBook {
  bankId: string;
  /** Absent until the bank configures its stages. */
  stages?: WriteOffStage[];
  stagesSetAt?: string;
  stagesSetBy?: string;
  /** In the order recorded. */
  writeOffs: WriteOffEntry[];
  salt: string;
  updatedAt: string;
  txId: string;
}

/** What SetStages takes in the transient map (`stages`). */
export interface WriteOffStagesInput {
  stages: WriteOffStage[];
  salt: string;
}

/** What Record takes in the transient map (`writeOff`). */
export interface WriteOffInput {
  financingId: string;
  reason: string;
  salt: string;
}

/**
 * What a write to the book returns, and all the public event says of it: which bank's book changed.
 * A transaction's response goes into the block, so it never carries the book itself.
 */
export interface WriteOffBookRef {
  bankId: string;
}
