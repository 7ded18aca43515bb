export {
  connectLedger,
  DEADLINES,
  type LedgerConnection,
  type LedgerIdentity,
  type PeerEndpoint,
} from './connection.ts';
export {
  LEDGER_UNAVAILABLE,
  LedgerError,
  OutcomeUnknown,
  toLedgerError,
  TransactionInvalid,
} from './errors.ts';
export { connectMember } from './member-connection.ts';
export {
  ledgerClient,
  offerSalt,
  scfLedger,
  type Committed,
  type LedgerClient,
  type ScfLedger,
  type WriteOptions,
  type WriteTracking,
} from './scf-ledger.ts';
export {
  evaluate,
  MVCC_READ_CONFLICT,
  resubmit,
  submit,
  type Seal,
  type SubmitHooks,
  type SubmitOptions,
  type Submitted,
} from './submit.ts';
