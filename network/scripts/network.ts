import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { startCa } from './ca.ts';
import {
  chaincodeServerExpected,
  deployChaincode,
  ensureChaincodeServer,
  type DeployResult,
} from './chaincode.ts';
import { establishCharter } from './charter.ts';
import { ensureGenesisBlock } from './genesis-block.ts';
import { waitForGossip } from './gossip.ts';
import {
  completePlan,
  ConfigError,
  loadConfig,
  validateConfig,
  type ConfigOverrides,
  type SavedPlan,
} from './config.ts';
import { isFounding } from './config.ts';
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
import { tcpOpen } from './health.ts';
import { knownProcesses, stopProcess } from './processes.ts';
import { nodeStatuses } from './status.ts';
import {
  describeShare,
  localNodes,
  parseRun,
  readLocalShare,
  writeLocalShare,
  type LocalShare,
} from './local-nodes.ts';
import { localListeners, planTopology, type Topology } from './topology.ts';

export interface OpenOptions {
  stateDir?: string | undefined;
  configFile?: string | undefined;
  overrides?: ConfigOverrides | undefined;
  log?: ((message: string) => void) | undefined;
  /** Serve the chaincode's test-only contract (test networks and benchmarks). */
  testContracts?: boolean | undefined;
  /** `--run`: the orgs and orderers this folder runs (local-nodes.ts); saved by the first `up`. */
  run?: string | undefined;
}

/** The folder's saved share, or the one `--run` asks for; both must agree. */
function shareOf(paths: StatePaths, topology: Topology, run: string | undefined): LocalShare | undefined {
  const saved = readLocalShare(paths);
  const requested = run === undefined ? undefined : parseRun(topology, run);
  if (saved && requested && !isDeepStrictEqual(saved, requested)) {
    throw new ConfigError(
      `${paths.root} runs ${describeShare(saved)}; --run ${describeShare(requested)} needs a state folder of its own`,
    );
  }
  return saved ?? requested;
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
  const topology = planTopology(config);
  const share = shareOf(paths, topology, options.run);
  return {
    topology,
    local: localNodes(topology, share),
    share,
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
  const { members, orderers, cas } = ctx.local;
  const blocked = await listenersBlocked(localListeners(members, orderers, cas));
  if (blocked.length > 0) {
    throw new Error(
      `cannot listen on ${blocked.join(', ')} (EADDRINUSE: another network? set SCF_BASE_PORT or ` +
        '--base-port; EADDRNOTAVAIL: the listen host is not an address of this machine)',
    );
  }
}

/**
 * Enrolls the identities of the orgs whose CA runs here: a member's peer and admin; the ordering
 * org's admin and every orderer (an orderer on another host gets its identity by `handover`).
 */
async function enrollNodes(ctx: NetworkContext): Promise<void> {
  const { ordererOrg } = ctx.topology;
  // Each org has a CA of its own: the orgs enroll side by side, each one identity after another.
  const ordering = async (): Promise<void> => {
    if (!ctx.local.ordererOrg) return;
    await enrollOrdererAdmin(ctx);
    for (const node of ordererOrg.orderers) await enrollOrderer(ctx, node);
  };
  await Promise.all([
    ordering(),
    ...ctx.local.members.map(async (org) => [await enrollPeer(ctx, org), await enrollOrgAdmin(ctx, org)]),
  ]);
}

/**
 * Brings this state folder's nodes to their running state, starting only what is missing: CAs,
 * identities, the channel's genesis block, orderers joined to the channel, peers joined to it, and
 * (one-box demo) the chaincode and the charter. A member with `founding: false` gets its CA,
 * identities and peer; it joins the live channel later. A folder that runs a share of the consortium
 * (`--run`) starts only its own nodes; its orgs join the channel and run the chaincode by the per-org
 * commands (`join`, `chaincode`), and its orderers join once the genesis block is here.
 */
export async function up(ctx: NetworkContext, options: { deploy?: boolean } = {}): Promise<UpResult> {
  rmSync(ctx.paths.stopRequested, { force: true });
  // With the chaincode wanted, its servers must be among the healthy: a start that died before
  // them left every Fabric node up but no chaincode.
  const before = await nodeStatuses(ctx, { chaincode: options.deploy !== false });
  // An ordering host that runs but had no genesis block yet goes on: the definitions may be here now.
  const channelPending =
    (ctx.local.ordererOrg || ctx.local.orderers.length > 0) && !existsSync(ctx.paths.genesisBlock);
  if (before.length > 0 && before.every((node) => node.healthy) && !channelPending) {
    ctx.log(`network already running (${before.length} processes, state ${ctx.paths.root})`);
    return { alreadyRunning: true, started: [] };
  }
  await assertPortsFree(ctx);
  mkdirSync(ctx.paths.root, { recursive: true });
  if (!existsSync(ctx.paths.plan))
    writeFileSync(ctx.paths.plan, JSON.stringify(ctx.topology.config, null, 2));
  if (ctx.share) writeLocalShare(ctx.paths, ctx.share);
  const started: string[] = [];
  const note =
    (name: string) =>
    (didStart: boolean): void => {
      if (didStart) started.push(name);
    };

  await timed(ctx, 'certificate authorities up', () =>
    Promise.all(ctx.local.cas.map((ca) => startCa(ctx, ca).then(note(ca.name)))),
  );
  await timed(ctx, 'node and admin identities enrolled', () => enrollNodes(ctx));
  const block = ctx.local.ordererOrg ? await ensureGenesisBlock(ctx) : existingBlock(ctx);
  await startOrderers(ctx, block, note);
  // A joining org's peer runs but stays out of the channel until its org runs `join`; so does a
  // founding org's on its own host, which has no genesis block (it fetches it by `join`).
  const members = ctx.local.members;
  const joining = ctx.local.everything && block ? members.filter(isFounding) : [];
  if (members.length > 0) {
    await timed(ctx, `${members.length} peers up, ${joining.length} joined`, async () => {
      await Promise.all(members.map((org) => startPeer(ctx, org).then(note(org.peer.name))));
      if (block) await Promise.all(joining.map((org) => joinPeer(ctx, org, block)));
    });
  }
  if (options.deploy === false) return { alreadyRunning: false, started };
  if (!ctx.local.everything) {
    // Each org deploys by its own lifecycle commands; after a stop, its server comes back here.
    const deployed = ctx.local.members.filter((org) => chaincodeServerExpected(ctx, org));
    await Promise.all(deployed.map((org) => ensureChaincodeServer(ctx, org)));
    // A restarted peer endorses with others only once gossip shows it enough of them again.
    const others = ctx.topology.config.chaincode.endorsingOrgs - 1;
    await timed(ctx, 'peers see enough others through gossip', () => waitForGossip(ctx, deployed, others));
    return { alreadyRunning: false, started };
  }
  // The deployment talks to each peer directly; only the gateway's clients (the charter next) need
  // gossip, so the two waits overlap.
  const [chaincode] = await Promise.all([
    timed(ctx, 'chaincode deployed', () => deployChaincode(ctx)),
    timed(ctx, 'peers see each other through gossip', () => waitForGossip(ctx)),
  ]);
  await timed(ctx, 'consortium charter checked', () => establishCharter(ctx));
  return { alreadyRunning: false, started, chaincode };
}

/** Whether a majority of the channel's orderers answer: this host's and those reached over the network. */
async function majorityRuns(ctx: NetworkContext): Promise<boolean> {
  const all = ctx.topology.ordererOrg.orderers;
  const up = await Promise.all(
    all.map((node) =>
      ctx.local.orderers.includes(node) ? Promise.resolve(true) : tcpOpen(node.host, node.port),
    ),
  );
  return up.filter(Boolean).length > all.length / 2;
}

/** The genesis block a host without the ordering org's admin was handed (`handover`), if any. */
function existingBlock(ctx: NetworkContext): string | undefined {
  return existsSync(ctx.paths.genesisBlock) ? ctx.paths.genesisBlock : undefined;
}

/**
 * Starts this folder's orderers and joins them to the channel once there is a genesis block. With
 * every orderer here (one-box) it waits for the Raft leader; on one host of several, once a majority
 * of the orderers runs, until this host's know the leader (before that it only reports).
 */
async function startOrderers(
  ctx: NetworkContext,
  block: string | undefined,
  note: (name: string) => (didStart: boolean) => void,
): Promise<void> {
  const { orderers } = ctx.local;
  if (orderers.length === 0) return;
  await timed(ctx, `${orderers.length} orderer(s) up${block ? ' and joined' : ''}`, async () => {
    await Promise.all(orderers.map((node) => startOrderer(ctx, node).then(note(node.name))));
    if (!block) {
      ctx.log('no genesis block here yet: the orderers join the channel once it is (import, handover)');
      return;
    }
    await Promise.all(orderers.map((node) => joinOrderer(ctx, node, block)));
    if (ctx.local.everything) {
      await waitForRaftLeader(ctx);
      await ensureRaftSnapshots(ctx);
    } else if (await majorityRuns(ctx)) {
      await waitForRaftLeader(ctx, orderers);
    } else {
      ctx.log('no Raft leader yet: it comes once a majority of the orderers runs (start the others)');
    }
  });
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
