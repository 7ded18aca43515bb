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
 * Runs a write once the writer's peer shows what it builds on. Not `waitForBlock`: block delivery
 * refuses a client whose clock is this far off, while proposals and commit status accept it. Until
 * then the peer answers NOT_FOUND (a record another org just wrote) or INVALID_STATE (its old status).
 */
export async function whenVisible<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      const lagging = error instanceof LedgerError && ['NOT_FOUND', 'INVALID_STATE'].includes(error.code);
      if (!lagging || attempt >= VISIBLE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, VISIBLE_PAUSE_MS));
    }
  }
}
