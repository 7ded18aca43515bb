import { clean, startFreshNetwork, type EnrolledUser, type NetworkContext } from '@scf/network';
import { connectMember, scfLedger, type LedgerConnection, type ScfLedger } from '../../src/ledger/index.ts';

/**
 * A whole consortium network of its own, on free ports in a temporary state folder. Its chaincode
 * servers also serve the test-only contract (`test:PutNote`, `test:EmitRaw`) unless told not to.
 */
export function startTestNetwork(
  orderers = 3,
  options: { testContracts?: boolean } = {},
): Promise<NetworkContext> {
  return startFreshNetwork({ orderers, testContracts: options.testContracts ?? true });
}

export async function stopTestNetwork(ctx: NetworkContext | undefined): Promise<void> {
  if (ctx) await clean(ctx);
}

export interface UserSession {
  connection: LedgerConnection;
  ledger: ScfLedger;
}

/** Connects as `user`, with the chaincode's client. */
export function sessionFor(ctx: NetworkContext, user: EnrolledUser): UserSession {
  const connection = connectMember(ctx, user);
  const { channel, chaincode } = ctx.topology.config;
  return { connection, ledger: scfLedger(connection.gateway, channel, chaincode.name) };
}
