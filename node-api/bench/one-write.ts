import type { NetworkContext } from '@scf/network';
import { connectAs, type Consortium, type Session } from '../test/support/consortium.ts';
import type { Iteration } from './steady-round.ts';

/** Closed-loop clients of one user, each with its own gateway connection. */
export interface ClientPool {
  iteration: Iteration;
  close: () => void;
}

async function pool(
  ctx: NetworkContext,
  consortium: Consortium,
  clients: number,
  call: (session: Session, client: number, index: number) => Promise<unknown>,
  kind: string,
): Promise<ClientPool> {
  const user = (await consortium.as('tier1', 'clerk')).user;
  const sessions = Array.from({ length: clients }, () => connectAs(ctx, user));
  const counters = new Array<number>(clients).fill(0);
  return {
    iteration: async (client, control) => {
      const index = (counters[client] ?? 0) + 1;
      counters[client] = index;
      const started = performance.now();
      await call(sessions[client] as Session, client, index);
      control.committed(kind, started);
    },
    close: () => {
      for (const session of sessions) session.connection.close();
    },
  };
}

/**
 * The ceiling: `smoke:WhoAmI` submitted as a transaction (endorse, order, validate, commit) with no
 * read or write set: what the network costs per transaction before the chaincode does any work.
 */
export function noOp(ctx: NetworkContext, consortium: Consortium, clients: number): Promise<ClientPool> {
  const { channel, chaincode } = ctx.topology.config;
  return pool(
    ctx,
    consortium,
    clients,
    (session) =>
      session.connection.gateway
        .getNetwork(channel)
        .getContract(chaincode.name)
        .submitTransaction('smoke:WhoAmI'),
    'no-op',
  );
}

/** The one-write baseline: `test:PutNote` of a fresh key per transaction. */
export function oneWrite(
  ctx: NetworkContext,
  consortium: Consortium,
  clients: number,
  tag: string,
): Promise<ClientPool> {
  return pool(
    ctx,
    consortium,
    clients,
    (session, client, index) =>
      session.ledger.test.PutNote({ key: `bench-${tag}-${client}-${index}`, text: 'one write' }),
    'one-write',
  );
}
