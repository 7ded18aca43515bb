import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, portSpan, type BatchConfig } from './config.ts';
import type { NetworkContext } from './context.ts';
import { clean, openNetwork, up } from './network.ts';
import { findFreeBasePort } from './ports.ts';
import { killAllSync } from './processes.ts';

export interface FreshNetworkOptions {
  /** Raft orderers (3, or 1 for a quick network). */
  orderers?: number;
  /** Whether the chaincode servers also serve the test-only contract (`test:PutNote`, `test:EmitRaw`). */
  testContracts?: boolean;
  /** The temporary state folder's name starts with `scf-<prefix>-`. */
  prefix?: string;
  /** Block cutting of its channel, over the defaults (channel-config.ts BATCH). */
  batch?: BatchConfig;
  log?: (message: string) => void;
}

/**
 * A whole consortium network of its own, on free ports in a new temporary state folder, for tests,
 * benchmarks and the drill: it never touches a network `npm start` runs. Should the calling process
 * die before it calls `clean`, no Fabric process is left behind; a failed start cleans up itself.
 */
export async function startFreshNetwork(options: FreshNetworkOptions = {}): Promise<NetworkContext> {
  const basePort = await findFreeBasePort(portSpan(loadConfig()));
  const stateDir = mkdtempSync(join(tmpdir(), `scf-${options.prefix ?? 'it'}-`));
  // As root, the node APIs' embedded PostgreSQL runs as `postgres`, which must reach its data below.
  chmodSync(stateDir, 0o755);
  const ctx = openNetwork({
    stateDir,
    overrides: { basePort, orderers: options.orderers ?? 3, batch: options.batch },
    log: options.log ?? (() => undefined),
    testContracts: options.testContracts ?? false,
  });
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
