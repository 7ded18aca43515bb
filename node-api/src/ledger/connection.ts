import { connectGateway, type LedgerConnection, type LedgerIdentity, type PeerEndpoint } from '@scf/network';

export type { LedgerConnection, LedgerIdentity, PeerEndpoint };

/**
 * Deadlines (ms) on every gateway call, so a dead peer fails a request instead of hanging it. The node's
 * mutations wait for a commit at most SCF_COMMIT_WAIT_MS instead (`WriteTracking.commitWaitMs`); the
 * longer commit deadline here is for direct users of the client (tests, the demo, the CLI).
 */
export const DEADLINES = { evaluate: 5_000, endorse: 15_000, submit: 5_000, commitStatus: 60_000 } as const;

/** A gateway connection to the org's own peer as one of its users. */
export function connectLedger(peer: PeerEndpoint, identity: LedgerIdentity): LedgerConnection {
  return connectGateway(peer, identity, DEADLINES);
}
