import type { SessionUser } from '../auth/session-user.ts';
import type { UserDirectory } from '../auth/user-directory.ts';
import type { Config } from '../config.ts';
import type { DocumentStore } from '../documents/document-store.ts';
import type { BlockLocator } from '../ledger/blocks.ts';
import type { ScfLedger } from '../ledger/scf-ledger.ts';
import type { RegistryAdapter } from '../registry/registry-adapter.ts';
import type { PendingWrites } from '../requests/pending-writes.ts';
import type { ChangeFeed } from './change-feed.ts';

/** Where a committed write sits in the ledger. */
export interface LedgerPosition {
  transactionId: string;
  blockNumber: bigint;
}

/** The node's long-lived parts that resolvers use; built once per process by the server (or a test). */
export interface Services {
  config: Pick<Config, 'SCF_ORG' | 'SCF_MSP_ID' | 'SCF_PROJECTION_WAIT_MS' | 'SCF_COMMIT_WAIT_MS'>;
  users: UserDirectory;
  documents: DocumentStore;
  /** The ledger as this user, with its own enrolled identity. */
  ledgerAs: (user: SessionUser) => Promise<ScfLedger>;
  /** The ledger as the org's admin identity (registers enterprises; reads history). */
  serviceLedger: ScfLedger;
  /** The movable-property financing registry the org's banks register at before disbursing. */
  registry: RegistryAdapter;
  /** Block numbers of transactions (qscc), for history entries. */
  blocks: BlockLocator;
  /** Writes left PENDING: settled, sent again or given up (a retry with a key moves its row on). */
  pendingWrites: PendingWrites;
  /** The newest block whose events the read model has applied (-1 before any). */
  appliedBlock: () => bigint;
  /** Whether the read model holds that transaction's writes. */
  hasApplied: (position: LedgerPosition) => boolean;
  /** Resolves true once the projector applied the transaction, false when the wait ran out. */
  awaitProjection: (position: LedgerPosition) => Promise<boolean>;
  /** Changes the projector applied, for subscriptions. */
  changes: ChangeFeed;
  /** The node's log: what clients are not told (a peer's raw error, say). */
  log: (message: string) => void;
}
