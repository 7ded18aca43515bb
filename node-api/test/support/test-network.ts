import { cpSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { clean, startFreshNetwork, type EnrolledUser, type NetworkContext } from '@scf/network';
import { connectMember, scfLedger, type LedgerConnection, type ScfLedger } from '../../src/ledger/index.ts';

/**
 * How long a test network's orderers wait for more transactions before they cut a block: tests send
 * one write after another and wait for each, so the people's default (250 ms, channel-config.ts BATCH)
 * would be most of their time. Benchmarks pass BATCH.timeout, to measure what `npm start` runs.
 */
export const TEST_BATCH_TIMEOUT = '100ms';

/**
 * A whole consortium network of its own, on free ports in a temporary state folder. Its chaincode
 * servers also serve the test-only contract (`test:PutNote`, `test:EmitRaw`) unless told not to.
 */
export function startTestNetwork(
  orderers = 3,
  options: { testContracts?: boolean; batchTimeout?: string } = {},
): Promise<NetworkContext> {
  return startFreshNetwork({
    orderers,
    testContracts: options.testContracts ?? true,
    batch: { timeout: options.batchTimeout ?? TEST_BATCH_TIMEOUT },
  });
}

/**
 * Stops the network and removes its state folder; with SCF_TEST_LOGS_DIR set, its processes' logs are
 * kept there first (a folder per network), to read after a failed run.
 */
export async function stopTestNetwork(ctx: NetworkContext | undefined): Promise<void> {
  if (!ctx) return;
  const keep = process.env.SCF_TEST_LOGS_DIR;
  if (keep && existsSync(ctx.paths.logs)) {
    cpSync(ctx.paths.logs, join(keep, basename(ctx.paths.root)), { recursive: true });
  }
  await clean(ctx);
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
