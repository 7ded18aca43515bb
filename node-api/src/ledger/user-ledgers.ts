import type { SessionUser } from '../auth/session-user.ts';
import {
  connectLedger,
  type LedgerConnection,
  type LedgerIdentity,
  type PeerEndpoint,
} from './connection.ts';
import { scfLedger, type ScfLedger } from './scf-ledger.ts';

interface Entry {
  connection: LedgerConnection;
  ledger: ScfLedger;
}

/**
 * One gateway connection per active user, signing with that user's own key, kept for reuse (a
 * gRPC connection per request would cost a TLS handshake each time). The least recently used
 * connection closes when more than `max` users are active.
 */
export class UserLedgers {
  private readonly entries = new Map<string, Entry>();
  private readonly peer: PeerEndpoint;
  private readonly target: { channel: string; chaincode: string };
  private readonly identityOf: (userId: string) => Promise<LedgerIdentity>;
  private readonly max: number;

  constructor(options: {
    peer: PeerEndpoint;
    channel: string;
    chaincode: string;
    identityOf: (userId: string) => Promise<LedgerIdentity>;
    max?: number;
  }) {
    this.peer = options.peer;
    this.target = { channel: options.channel, chaincode: options.chaincode };
    this.identityOf = options.identityOf;
    this.max = options.max ?? 200;
  }

  async as(user: SessionUser): Promise<ScfLedger> {
    const known = this.entries.get(user.id);
    if (known) {
      // Re-insert: Map order is the recency order.
      this.entries.delete(user.id);
      this.entries.set(user.id, known);
      return known.ledger;
    }
    const connection = connectLedger(this.peer, await this.identityOf(user.id));
    const { channel, chaincode } = this.target;
    const ledger = scfLedger(connection.gateway, channel, chaincode, connection.sign);
    const raced = this.entries.get(user.id);
    if (raced) {
      connection.close();
      return raced.ledger;
    }
    this.entries.set(user.id, { connection, ledger });
    this.evict();
    return ledger;
  }

  closeAll(): void {
    for (const entry of this.entries.values()) entry.connection.close();
    this.entries.clear();
  }

  private evict(): void {
    while (this.entries.size > this.max) {
      const [oldest, entry] = this.entries.entries().next().value ?? [];
      if (oldest === undefined || entry === undefined) return;
      entry.connection.close();
      this.entries.delete(oldest);
    }
  }
}
