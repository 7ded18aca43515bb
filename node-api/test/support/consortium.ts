import { enrollUser, type EnrolledUser, type NetworkContext, type Role } from '@scf/network';
import { creditCodeCheckChar } from '@scf/ledger-contract';
import { connectMember, scfLedger, type LedgerConnection, type ScfLedger } from '../../src/ledger/index.ts';

type Kind = 'CORE' | 'SUPPLIER' | 'BANK' | 'LOGISTICS';

const code = (first17: string): string => `${first17}${creditCodeCheckChar(first17)}`;

/** The enterprises of the test consortium and the member org hosting each. */
export const PARTIES = {
  core: { id: code('91370200MA0C00001'), org: 'core', kind: 'CORE', name: 'Qingdao Appliances' },
  tier1: { id: code('91370200MA0C00002'), org: 'supplier', kind: 'SUPPLIER', name: 'Tier-1 Motors' },
  tier2: { id: code('91370200MA0C00003'), org: 'supplier', kind: 'SUPPLIER', name: 'Tier-2 Castings' },
  bankA: { id: code('91370200MA0C00004'), org: 'banka', kind: 'BANK', name: 'Bank A' },
  bankB: { id: code('91370200MA0C00005'), org: 'bankb', kind: 'BANK', name: 'Bank B' },
  carrier: { id: code('91370200MA0C00006'), org: 'logistics', kind: 'LOGISTICS', name: 'Carrier' },
} as const satisfies Record<string, { id: string; org: string; kind: Kind; name: string }>;

export type Party = keyof typeof PARTIES;

/** One user's connection to its own org's peer, with the typed chaincode client. */
export interface Session {
  user: EnrolledUser;
  ledger: ScfLedger;
  connection: LedgerConnection;
}

export function connectAs(ctx: NetworkContext, user: EnrolledUser): Session {
  const connection = connectMember(ctx, user);
  const { channel, chaincode } = ctx.topology.config;
  return { user, connection, ledger: scfLedger(connection.gateway, channel, chaincode.name) };
}

/** Sessions by party and role, plus an admin session per org; close them all with `closeAll`. */
export class Consortium {
  private readonly sessions = new Map<string, Session>();
  private readonly ctx: NetworkContext;
  /** The highest block a write through this consortium landed in. */
  private lastBlock = 0n;

  constructor(ctx: NetworkContext) {
    this.ctx = ctx;
  }

  /** Registers every party at the chaincode, each by an admin of its hosting org. */
  async registerParties(): Promise<void> {
    for (const party of Object.values(PARTIES)) {
      const admin = await this.orgAdmin(party.org);
      const { id, name, kind } = party;
      this.saw((await admin.ledger.enterprise.Register({ id, name, kind })).blockNumber);
    }
    await this.settle();
  }

  /**
   * Puts a loan prime rate in force: the charter wants both publisher banks to attest it (bank A, then
   * bank B once its peer has bank A's word). Returns the block of the publishing attestation.
   */
  async publishRate(tenor: '1Y' | '5Y', rateBps: number, effectiveDate: string): Promise<bigint> {
    const rate = { tenor, rateBps, effectiveDate };
    const first = await (await this.as('bankA', 'admin')).ledger.rate.Publish(rate);
    const second = await this.as('bankB', 'admin');
    await second.ledger.waitForBlock(first.blockNumber);
    const published = await second.ledger.rate.Publish(rate);
    this.saw(published.blockNumber);
    return published.blockNumber;
  }

  /** Records a block some write landed in, for `settle`. */
  saw(blockNumber: bigint): void {
    if (blockNumber > this.lastBlock) this.lastBlock = blockNumber;
  }

  /** Waits until every member org's peer has committed every write seen so far. */
  async settle(): Promise<void> {
    const orgs = this.ctx.topology.members.map((org) => org.name);
    await Promise.all(
      orgs.map(async (org) => (await this.orgAdmin(org)).ledger.waitForBlock(this.lastBlock)),
    );
  }

  async orgAdmin(org: string): Promise<Session> {
    return this.session(`admin@${org}`, { org, name: 'orgadmin', enterpriseId: 'ORG-ADMIN', role: 'admin' });
  }

  async as(party: Party, role: Role): Promise<Session> {
    const { id, org } = PARTIES[party];
    return this.session(`${party}/${role}`, {
      org,
      name: `${party.toLowerCase()}-${role}`,
      enterpriseId: id,
      role,
    });
  }

  closeAll(): void {
    for (const session of this.sessions.values()) session.connection.close();
    this.sessions.clear();
  }

  private async session(key: string, request: Parameters<typeof enrollUser>[1]): Promise<Session> {
    const known = this.sessions.get(key);
    if (known) return known;
    const session = connectAs(this.ctx, await enrollUser(this.ctx, request));
    this.sessions.set(key, session);
    return session;
  }
}
