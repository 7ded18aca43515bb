import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clean,
  findFreeBasePort,
  killAllSync,
  loadConfig,
  openNetwork,
  portSpan,
  up,
  type EnrolledUser,
  type NetworkContext,
} from '@scf/network';
import { connectMember, scfLedger, type LedgerConnection, type ScfLedger } from '../../src/ledger/index.ts';

/**
 * A whole consortium network of its own, on free ports in a temporary state folder. Its chaincode
 * servers also serve the test-only contract (`test:PutNote`, `test:EmitRaw`) unless told not to.
 */
export async function startTestNetwork(
  orderers = 3,
  options: { testContracts?: boolean } = {},
): Promise<NetworkContext> {
  const basePort = await findFreeBasePort(portSpan(loadConfig()));
  const stateDir = mkdtempSync(join(tmpdir(), 'scf-it-'));
  // As root, the node APIs' embedded PostgreSQL runs as `postgres`, which must reach its data below.
  chmodSync(stateDir, 0o755);
  const ctx = openNetwork({
    stateDir,
    overrides: { basePort, orderers },
    log: () => undefined,
    testContracts: options.testContracts ?? true,
  });
  // Should the test process die before its afterAll, leave no Fabric process behind.
  process.once('exit', () => {
    killAllSync(ctx.paths);
  });
  try {
    await up(ctx);
  } catch (error) {
    await clean(ctx);
    throw error;
  }
  return ctx;
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
