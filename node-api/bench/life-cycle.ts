import { enrollUser, type EnrolledUser, type NetworkContext } from '@scf/network';
import { creditCodeCheckChar, type Financing } from '@scf/ledger-contract';
import { offerSalt, type Committed, type ScfLedger } from '../src/ledger/index.ts';
import { whenVisible } from '../src/demo/history-actors.ts';
import { BlockFollower } from './block-follower.ts';
import { connectAs, PARTIES, type Consortium, type Party, type Session } from '../test/support/consortium.ts';
import { directRegistration } from '../test/support/registration.ts';
import { cstDate, sha } from '../test/support/values.ts';
import type { Iteration } from './steady-round.ts';

/** How long a client waits for its peer to commit the step before, before the cycle counts as failed. */
const WAIT_MS = 30_000;

/** Who acts in a step: a party's user, or the voucher's own debtor (a core enterprise per client). */
type Actor = `${Party}/${'clerk' | 'approver'}` | 'debtor';

const ROLES = [
  'tier1/clerk',
  'tier1/approver',
  'tier2/clerk',
  'tier2/approver',
  'carrier/clerk',
  'bankA/approver',
] as const satisfies Actor[];

/** What one voucher's cycle has produced so far, for the steps after. */
interface Voucher {
  tag: string;
  debtorId: string;
  rootId?: string;
  shipmentId?: string;
  backingId?: string;
  financing?: Financing;
}

/** Where a client's cycle stands: its voucher, the next step and the block of the last one. */
interface Progress {
  voucher: Voucher;
  next: number;
  lastBlock?: bigint;
}

interface Step {
  name: string;
  actor: Actor;
  run: (ledger: ScfLedger, voucher: Voucher) => Promise<Committed<unknown>>;
}

/** The org whose peer an actor works from. */
const orgOf = (actor: Actor): string =>
  actor === 'debtor' ? PARTIES.core.org : PARTIES[actor.split('/')[0] as Party].org;

const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`life cycle out of order: no ${what} yet`);
  return value;
};

/** The eleven writes from an invoice to a disbursed financing of a split-off piece. */
const STEPS: readonly Step[] = [
  {
    name: 'register',
    actor: 'tier1/clerk',
    run: async (ledger, v) => {
      const invoice = await ledger.invoice.Register({
        number: `INV-${v.tag}`,
        buyerId: v.debtorId,
        amount: '10000000',
        issueDate: cstDate(0),
        dueDate: cstDate(60),
        documentHash: sha(v.tag),
      });
      v.rootId = invoice.value.id;
      return invoice;
    },
  },
  {
    name: 'pickup',
    actor: 'carrier/clerk',
    run: async (ledger, v) => {
      const shipment = await ledger.shipment.RecordPickup({
        invoiceId: need(v.rootId, 'invoice'),
        waybillNumber: `WB-${v.tag}`,
        origin: 'Ningbo',
        destination: 'Qingdao',
        documentHash: sha(`wb ${v.tag}`),
      });
      v.shipmentId = shipment.value.id;
      return shipment;
    },
  },
  {
    name: 'deliver',
    actor: 'carrier/clerk',
    run: (ledger, v) =>
      ledger.shipment.ConfirmDelivery({
        id: need(v.shipmentId, 'shipment'),
        deliveryDocumentHash: sha(`pod ${v.tag}`),
      }),
  },
  {
    name: 'confirm',
    actor: 'debtor',
    run: (ledger, v) =>
      ledger.invoice.Confirm({ invoiceId: need(v.rootId, 'invoice'), waiveDelivery: false }),
  },
  {
    name: 'register-t2',
    actor: 'tier2/clerk',
    run: async (ledger, v) => {
      const backing = await ledger.invoice.Register({
        number: `T2-${v.tag}`,
        buyerId: PARTIES.tier1.id,
        amount: '4000000',
        issueDate: cstDate(0),
        dueDate: cstDate(60),
        documentHash: sha(`t2 ${v.tag}`),
      });
      v.backingId = backing.value.id;
      return backing;
    },
  },
  {
    name: 'split',
    actor: 'tier1/approver',
    run: (ledger, v) =>
      ledger.voucher.SplitTransfer({
        voucherId: need(v.rootId, 'invoice'),
        piecesJson: [
          { amount: '4000000', toEnterpriseId: PARTIES.tier2.id, invoiceId: need(v.backingId, 'backing') },
          { amount: '6000000' },
        ],
      }),
  },
  {
    // The piece waits for tier 2's consent (保障中小企业款项支付条例 Art. 11) before it can be financed.
    name: 'accept-transfer',
    actor: 'tier2/approver',
    run: (ledger, v) => ledger.voucher.AcceptTransfer({ voucherId: `${need(v.rootId, 'invoice')}.1` }),
  },
  {
    name: 'apply',
    actor: 'tier2/clerk',
    run: async (ledger, v) => {
      const applied = await ledger.financing.Apply({
        voucherId: `${need(v.rootId, 'invoice')}.1`,
        bankId: PARTIES.bankA.id,
      });
      v.financing = applied.value;
      return applied;
    },
  },
  {
    name: 'offer',
    actor: 'bankA/approver',
    run: (ledger, v) =>
      ledger.financing.Offer(
        { financingId: need(v.financing, 'financing').id },
        {
          transient: {
            terms: {
              advanceRateBps: 9000,
              spreadBps: 90,
              fees: '0',
              validUntil: cstDate(5),
              recourse: false,
              salt: offerSalt(),
            },
          },
          endorsingOrganizations: ['BankAMSP', 'SupplierMSP'],
        },
      ),
  },
  {
    name: 'accept',
    actor: 'tier2/approver',
    run: (ledger, v) => ledger.financing.Accept({ financingId: need(v.financing, 'financing').id }),
  },
  {
    name: 'disburse',
    actor: 'bankA/approver',
    run: (ledger, v) => {
      const financing = need(v.financing, 'financing');
      return ledger.financing.Disburse({
        financingId: financing.id,
        paymentReference: `PAY-${v.tag}`,
        registrationJson: directRegistration(financing),
      });
    },
  },
];

export const STEP_NAMES: readonly string[] = STEPS.map((step) => step.name);

/**
 * One core enterprise (debtor) per client, each with its own credit line at bank A. A bank's line per
 * debtor is one key that every disbursement updates, so one shared debtor would measure that hot key,
 * not the life cycle: it admits one disbursement per block.
 */
async function debtorFor(ctx: NetworkContext, consortium: Consortium, client: number): Promise<Debtor> {
  const first17 = `91370200MA0D${String(client).padStart(5, '0')}`;
  const id = `${first17}${creditCodeCheckChar(first17)}`;
  const registered = await (
    await consortium.orgAdmin('core')
  ).ledger.enterprise.Register({ id, name: `Core enterprise ${client}`, kind: 'CORE' });
  const bank = await consortium.as('bankA', 'approver');
  await bank.ledger.waitForBlock(registered.blockNumber);
  const line = { debtorId: id, limit: '9000000000000', expiryDate: cstDate(365) };
  consortium.saw((await bank.ledger.creditline.Grant(line)).blockNumber);
  const user = await enrollUser(ctx, {
    org: 'core',
    name: `bench-core-${client}`,
    enterpriseId: id,
    role: 'approver',
  });
  return { id, user };
}

interface Debtor {
  id: string;
  user: EnrolledUser;
}

/** The life cycle's parties, their debtors and each client's own connections. */
export class LifeCycle {
  private readonly ctx: NetworkContext;
  private readonly channel: string;
  private readonly users = new Map<Actor, EnrolledUser>();
  private readonly debtors: Debtor[] = [];
  private readonly open: Session[] = [];
  private readonly followers = new Map<string, Promise<BlockFollower>>();
  private cycles = 0;

  private constructor(ctx: NetworkContext) {
    this.ctx = ctx;
    this.channel = ctx.topology.config.channel;
  }

  /** Enrolls the actors and sets up `clients` debtors with credit lines, a few at a time. */
  static async prepare(ctx: NetworkContext, consortium: Consortium, clients: number): Promise<LifeCycle> {
    const cycle = new LifeCycle(ctx);
    for (const actor of ROLES) {
      const [party, role] = actor.split('/') as [Party, 'clerk' | 'approver'];
      cycle.users.set(actor, (await consortium.as(party, role)).user);
    }
    const batch = 4;
    for (let first = 0; first < clients; first += batch) {
      const ids = Array.from({ length: Math.min(batch, clients - first) }, (_, offset) => first + offset);
      cycle.debtors.push(...(await Promise.all(ids.map((client) => debtorFor(ctx, consortium, client)))));
    }
    await consortium.settle();
    return cycle;
  }

  /** Connections for `clients` closed-loop clients: each actor of each client has its own. */
  private connect(clients: number): ((actor: Actor) => Session)[] {
    return Array.from({ length: clients }, (_, client) => {
      const sessions = new Map<Actor, Session>();
      return (actor: Actor): Session => {
        let session = sessions.get(actor);
        if (!session) {
          const debtor = this.debtors[client % this.debtors.length] as Debtor;
          const user = actor === 'debtor' ? debtor.user : (this.users.get(actor) as EnrolledUser);
          session = connectAs(this.ctx, user);
          this.open.push(session);
          sessions.set(actor, session);
        }
        return session;
      };
    });
  }

  /** The block follower of an org's peer, opened over `session` from the first block waited for. */
  private follower(actor: Actor, session: Session, block: bigint): Promise<BlockFollower> {
    const org = orgOf(actor);
    let follower = this.followers.get(org);
    if (!follower) {
      follower = BlockFollower.open(session.connection.gateway, this.channel, block);
      this.followers.set(org, follower);
    }
    return follower;
  }

  /**
   * Waits until the actor's org's peer has committed `block`. A follower whose stream failed (or did
   * not open) is dropped, so that the next wait opens a new one rather than failing every cycle after.
   */
  private async committed(actor: Actor, session: Session, block: bigint): Promise<void> {
    const follower = this.follower(actor, session, block);
    try {
      await (await follower).committed(block, WAIT_MS);
    } catch (error) {
      const opened = await follower.catch(() => undefined);
      if (!opened || opened.broken()) this.followers.delete(orgOf(actor));
      throw error;
    }
  }

  private voucher(client: number): Voucher {
    this.cycles += 1;
    const debtor = this.debtors[client % this.debtors.length] as Debtor;
    return { tag: `B${client}-${this.cycles}-${Date.now()}`, debtorId: debtor.id };
  }

  /**
   * Whole cycles, one after another per client. Each actor works from its own org's peer, so it first
   * waits for that peer to have committed the step before it, as its org's node would: one block
   * stream per org's peer, shared by all clients (see BlockFollower). A cycle cut by a round's end
   * goes on in the next round at this client count, so that every round sees all steps, not mostly
   * the first ones.
   */
  iteration(clients: number): Iteration {
    const sessions = this.connect(clients);
    const progress: (Progress | undefined)[] = [];
    return async (client, control) => {
      const as = sessions[client] as (actor: Actor) => Session;
      const current = progress[client] ?? { voucher: this.voucher(client), next: 0 };
      // Cleared while a step runs: a failed step abandons its cycle and the next call starts afresh.
      progress[client] = undefined;
      for (let step = STEPS[current.next]; step !== undefined; step = STEPS[current.next]) {
        if (!control.running()) {
          progress[client] = current;
          return;
        }
        const session = as(step.actor);
        if (current.lastBlock !== undefined) await this.committed(step.actor, session, current.lastBlock);
        const started = performance.now();
        // Its own peer has the step before, another org's endorsing peer may not yet: a refusal for
        // that (NOT_FOUND, INVALID_STATE) is tried again shortly, as the demo's history does.
        const committed = await whenVisible(
          () => step.run(session.ledger, current.voucher),
          () => {
            control.retried();
          },
        );
        current.lastBlock = committed.blockNumber;
        control.committed(step.name, started);
        current.next += 1;
      }
      control.cycleDone();
    };
  }

  /**
   * The steps one at a time over `count` vouchers, so that each step's CPU can be measured on its own:
   * `measure(step, run)` wraps the run of one step over all vouchers, `settle` waits for its blocks.
   */
  async staged(
    clients: number,
    count: number,
    measure: (step: string, work: () => Promise<number>) => Promise<void>,
  ): Promise<void> {
    const sessions = this.connect(clients);
    // Voucher i belongs to client i mod clients, whose debtor confirms it.
    const vouchers = Array.from({ length: count }, (_, index) => this.voucher(index % clients));
    const anyClient = sessions[0] as (actor: Actor) => Session;
    for (const step of STEPS) {
      let last = 0n;
      await measure(step.name, async () => {
        const worker = async (client: number): Promise<void> => {
          const { ledger } = (sessions[client] as (actor: Actor) => Session)(step.actor);
          for (let index = client; index < count; index += clients) {
            const committed = await step.run(ledger, vouchers[index] as Voucher);
            if (committed.blockNumber > last) last = committed.blockNumber;
          }
        };
        await Promise.all(Array.from({ length: Math.min(clients, count) }, (_, client) => worker(client)));
        return count;
      });
      // Every actor's peer has the step's blocks before the next step reads them.
      const actors: Actor[] = [...ROLES, 'debtor'];
      await Promise.all(actors.map((actor) => anyClient(actor).ledger.waitForBlock(last)));
    }
  }

  close(): void {
    for (const follower of this.followers.values()) {
      // One that failed to open has nothing to close.
      void follower.then(
        (opened) => {
          opened.close();
        },
        () => undefined,
      );
    }
    this.followers.clear();
    for (const session of this.open.splice(0)) session.connection.close();
  }
}
