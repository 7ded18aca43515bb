export {
  connectLedger,
  DEADLINES,
  type LedgerConnection,
  type LedgerIdentity,
  type PeerEndpoint,
} from './connection.ts';
export { LEDGER_UNAVAILABLE, LedgerError, toLedgerError } from './errors.ts';
export { connectMember } from './member-connection.ts';
export { ScfLedger, type Committed, type OfferInput, type Page, type VoucherPiece } from './scf-ledger.ts';
export { SmokeLedger, type Caller, type Note } from './smoke-ledger.ts';
export { evaluate, MVCC_READ_CONFLICT, submit, type SubmitOptions, type Submitted } from './submit.ts';
