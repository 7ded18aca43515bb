import { enrollUser, findMember, type NetworkContext } from '@scf/network';
import { LedgerError } from '../ledger/errors.ts';
import { connectMember } from '../ledger/member-connection.ts';
import { scfLedger, type ScfLedger } from '../ledger/scf-ledger.ts';
import { demoEnterprise, type DemoKey } from './demo-consortium.ts';

export type Role = 'clerk' | 'approver' | 'admin';

/** How long a write waits for another org's peer to show what it builds on. */
const VISIBLE_ATTEMPTS = 150;
const VISIBLE_PAUSE_MS = 100;

/** The demo's people as the history seeder acts for them: straight through the gateway, one client each. */
export class Actors {
  private readonly ledgers = new Map<string, Promise<ScfLedger>>();
  private readonly ctx: NetworkContext;

  constructor(ctx: NetworkContext) {
    this.ctx = ctx;
  }

  /** A ledger client as `key`'s user with `role`, enrolled at its org's CA once per state folder. */
  as(key: DemoKey, role: Role): Promise<ScfLedger> {
    const name = `${key}.${role}`;
    let ledger = this.ledgers.get(name);
    if (!ledger) {
      ledger = this.connect(key, role);
      this.ledgers.set(name, ledger);
    }
    return ledger;
  }

  mspOf(key: DemoKey): string {
    return findMember(this.ctx.topology, demoEnterprise(key).org).mspId;
  }

  private async connect(key: DemoKey, role: Role): Promise<ScfLedger> {
    const enterprise = demoEnterprise(key);
    const user = await enrollUser(this.ctx, {
      org: enterprise.org,
      name: `history-${enterprise.login}-${role}`,
      enterpriseId: enterprise.id,
      role,
    });
    const { channel, chaincode } = this.ctx.topology.config;
    return scfLedger(connectMember(this.ctx, user).gateway, channel, chaincode.name);
  }
}

/**
 * What an endorsing peer that has not yet committed the write before answers: NOT_FOUND (a record
 * another org just wrote), INVALID_STATE (its old status), DELIVERY_NOT_CONFIRMED (a delivery the
 * carrier just confirmed, when the debtor confirms the invoice).
 */
const LAGGING: readonly string[] = ['NOT_FOUND', 'INVALID_STATE', 'DELIVERY_NOT_CONFIRMED'];

/**
 * Runs a write once the peers that endorse it show what it builds on: tried again while they answer
 * as a peer still behind does (LAGGING). Not `waitForBlock`: block delivery refuses a client whose
 * clock is this far off, while proposals and commit status accept it; and the writer's own peer
 * having the block says nothing of the other endorsing org's. `onRetry` hears of each refusal tried
 * again.
 */
export async function whenVisible<T>(write: () => Promise<T>, onRetry?: () => void): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      const lagging = error instanceof LedgerError && LAGGING.includes(error.code);
      if (!lagging || attempt >= VISIBLE_ATTEMPTS) throw error;
      onRetry?.();
      await new Promise((resolve) => setTimeout(resolve, VISIBLE_PAUSE_MS));
    }
  }
}
