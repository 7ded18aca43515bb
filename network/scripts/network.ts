import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { startCa } from './ca.ts';
import { deployChaincode, type DeployResult } from './chaincode.ts';
import { establishCharter } from './charter.ts';
import { ensureGenesisBlock } from './genesis-block.ts';
import { waitForGossip } from './gossip.ts';
import { completePlan, loadConfig, validateConfig, type ConfigOverrides, type SavedPlan } from './config.ts';
import type { NetworkContext } from './context.ts';
import { fabricTools } from './fabric-tools.ts';
import {
  enrollOrderer,
  enrollOrdererAdmin,
  joinOrderer,
  startOrderer,
  waitForRaftLeader,
} from './orderer.ts';
import { enrollOrgAdmin, enrollPeer, joinPeer, startPeer } from './peer.ts';
import { defaultStateDir, StatePaths } from './paths.ts';
import { listenersBlocked } from './ports.ts';
import { ensureRaftSnapshots } from './raft-snapshots.ts';
import { knownProcesses, stopProcess } from './processes.ts';
import { nodeStatuses } from './status.ts';
import { allListeners, foundingMembers, planTopology } from './topology.ts';

export interface OpenOptions {
  stateDir?: string | undefined;
  configFile?: string | undefined;
  overrides?: ConfigOverrides | undefined;
  log?: ((message: string) => void) | undefined;
  /** Serve the chaincode's test-only contract (test networks and benchmarks). */
  testContracts?: boolean | undefined;
}

/**
 * Binds a state folder to a consortium plan. The first `up` saves the plan (ports, orgs) in the
 * state folder; later commands reuse it, since certificates and the genesis block depend on it.
 */
export function openNetwork(options: OpenOptions = {}): NetworkContext {
  const paths = new StatePaths(options.stateDir ?? defaultStateDir());
  const log = options.log ?? ((message: string): void => void process.stderr.write(`[network] ${message}\n`));
  const saved = existsSync(paths.plan);
  const config = saved
    ? validateConfig(
        completePlan(JSON.parse(readFileSync(paths.plan, 'utf8')) as SavedPlan, options.configFile),
      )
    : loadConfig(options.configFile, options.overrides);
  const { basePort, orderers } = options.overrides ?? {};
  if (
    saved &&
    ((basePort ?? config.basePort) !== config.basePort || (orderers ?? config.orderers) !== config.orderers)
  ) {
    log(
      `${paths.root} holds a network on base port ${config.basePort} with ${config.orderers} orderer(s); ` +
        'the requested base port/orderers apply only after `clean`',
    );
  }
  return {
    topology: planTopology(config),
    paths,
    tools: fabricTools(),
    log,
    testContracts: options.testContracts === true,
  };
}

export interface UpResult {
  alreadyRunning: boolean;
  started: string[];
  chaincode?: DeployResult;
}

async function timed<T>(ctx: NetworkContext, what: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await step();
  ctx.log(`${what} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return result;
}

async function assertPortsFree(ctx: NetworkContext): Promise<void> {
  if (knownProcesses(ctx.paths).length > 0) return;
  const blocked = await listenersBlocked(allListeners(ctx.topology));
  if (blocked.length > 0) {
    throw new Error(
      `cannot listen on ${blocked.join(', ')} (EADDRINUSE: another network? set SCF_BASE_PORT or ` +
        '--base-port; EADDRNOTAVAIL: the listen host is not an address of this machine)',
    );
  }
}

async function enrollNodes(ctx: NetworkContext): Promise<void> {
  const { members, ordererOrg } = ctx.topology;
  await enrollOrdererAdmin(ctx);
  for (const node of ordererOrg.orderers) await enrollOrderer(ctx, node);
  await Promise.all(members.map(async (org) => [await enrollPeer(ctx, org), await enrollOrgAdmin(ctx, org)]));
}

/**
 * Brings the network to its running state, starting only what is missing: CAs, identities, the
 * channel's genesis block, orderers joined to the channel, peers joined to it, and the chaincode.
 * A member with `founding: false` gets its CA, identities and peer; it joins the live channel later.
 */
export async function up(ctx: NetworkContext, options: { deploy?: boolean } = {}): Promise<UpResult> {
  rmSync(ctx.paths.stopRequested, { force: true });
  // With the chaincode wanted, its servers must be among the healthy: a start that died before
  // them left every Fabric node up but no chaincode.
  const before = await nodeStatuses(ctx, { chaincode: options.deploy !== false });
  if (before.length > 0 && before.every((node) => node.healthy)) {
    ctx.log(`network already running (${before.length} processes, state ${ctx.paths.root})`);
    return { alreadyRunning: true, started: [] };
  }
  await assertPortsFree(ctx);
  mkdirSync(ctx.paths.root, { recursive: true });
  if (!existsSync(ctx.paths.plan))
    writeFileSync(ctx.paths.plan, JSON.stringify(ctx.topology.config, null, 2));
  const { members, ordererOrg } = ctx.topology;
  const started: string[] = [];
  const note =
    (name: string) =>
    (didStart: boolean): void => {
      if (didStart) started.push(name);
    };

  await timed(ctx, 'certificate authorities up', () =>
    Promise.all([...members, ordererOrg].map((org) => startCa(ctx, org.ca).then(note(org.ca.name)))),
  );
  await timed(ctx, 'node and admin identities enrolled', () => enrollNodes(ctx));
  const block = await ensureGenesisBlock(ctx);
  await timed(ctx, `${ordererOrg.orderers.length} orderer(s) up and joined`, async () => {
    await Promise.all(ordererOrg.orderers.map((node) => startOrderer(ctx, node).then(note(node.name))));
    await Promise.all(ordererOrg.orderers.map((node) => joinOrderer(ctx, node, block)));
    await waitForRaftLeader(ctx);
    await ensureRaftSnapshots(ctx);
  });
  // A joining org's peer runs but stays out of the channel until its org runs `join`.
  const founding = foundingMembers(ctx.topology);
  await timed(ctx, `${members.length} peers up, ${founding.length} joined`, async () => {
    await Promise.all(members.map((org) => startPeer(ctx, org).then(note(org.peer.name))));
    await Promise.all(founding.map((org) => joinPeer(ctx, org, block)));
  });
  if (options.deploy === false) return { alreadyRunning: false, started };
  // The deployment talks to each peer directly; only the gateway's clients (the charter next) need
  // gossip, so the two waits overlap.
  const [chaincode] = await Promise.all([
    timed(ctx, 'chaincode deployed', () => deployChaincode(ctx)),
    timed(ctx, 'peers see each other through gossip', () => waitForGossip(ctx)),
  ]);
  await timed(ctx, 'consortium charter checked', () => establishCharter(ctx));
  return { alreadyRunning: false, started, chaincode };
}

/** The order `down` stops processes in: clients of the ledger first, the CAs last. */
function stopRank(name: string): number {
  if (name.startsWith('portal-') || name.startsWith('node-api-')) return 0;
  if (name.startsWith('chaincode-')) return 1;
  if (name.startsWith('peer')) return 2;
  return name.startsWith('orderer') ? 3 : 4;
}

/**
 * Stops every process this state folder started (node APIs and portals too), tier by tier. First it
 * marks the folder stopped, so that a watch healing the consortium (in another terminal) starts
 * nothing more and ends; a start it had under way is caught by looking again once all are stopped.
 */
export async function down(ctx: NetworkContext): Promise<string[]> {
  if (existsSync(ctx.paths.root)) writeFileSync(ctx.paths.stopRequested, new Date().toISOString());
  const stopped: string[] = [];
  for (let round = 0; round < 3; round += 1) {
    const names = knownProcesses(ctx.paths);
    if (names.length === 0) break;
    for (const tier of [0, 1, 2, 3, 4]) {
      const batch = names.filter((name) => stopRank(name) === tier);
      const results = await Promise.all(batch.map((name) => stopProcess(ctx.paths, name)));
      batch.forEach((name, index) => results[index] && stopped.push(name));
    }
  }
  return stopped;
}

/** Stops everything and deletes the state folder: ledgers, certificates, logs. */
export async function clean(ctx: NetworkContext): Promise<void> {
  await down(ctx);
  rmSync(ctx.paths.root, { recursive: true, force: true });
}
