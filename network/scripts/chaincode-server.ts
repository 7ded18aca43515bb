import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { START_TIMEOUT_MS, type NetworkContext } from './context.ts';
import { tcpOpen, waitFor } from './health.ts';
import { endpoint, localAddress } from './hosts.ts';
import { logHint, waitForNode } from './launch.ts';
import { CHAINCODE_DIR } from './paths.ts';
import { peerCli } from './peer.ts';
import { runningPid, startProcess, stopProcess, type ProcessSpec } from './processes.ts';
import type { MemberPlan } from './topology.ts';

const SUPERVISOR = new URL('./supervise.sh', import.meta.url).pathname;
const EXIT_ON_SIGTERM = new URL('./exit-on-sigterm.ts', import.meta.url).pathname;

/**
 * Node options that profile a chaincode server when SCF_CHAINCODE_CPU_PROF names a folder (benchmarks):
 * V8 writes a .cpuprofile into <folder>/<org> when the server stops.
 */
function profileArgs(org: MemberPlan): string[] {
  const folder = process.env.SCF_CHAINCODE_CPU_PROF;
  if (folder === undefined || folder === '') return [];
  return ['--cpu-prof', `--cpu-prof-dir=${resolve(folder, org.name)}`, '--import', EXIT_ON_SIGTERM];
}

export function chaincodeProcessName(org: MemberPlan): string {
  return `chaincode-${org.name}`;
}

/** The command the org's chaincode server was last started with; kept when the server stops. */
function serverMarker(ctx: NetworkContext, org: MemberPlan): string {
  return join(ctx.paths.chaincode, org.name, 'running-command');
}

/** Whether this state folder has run the org's chaincode server: from then on it is part of the network. */
export function chaincodeServerExpected(ctx: NetworkContext, org: MemberPlan): boolean {
  return existsSync(serverMarker(ctx, org));
}

/** The package id the org's chaincode server was last started with, if it ever was. */
export function serverPackageId(ctx: NetworkContext, org: MemberPlan): string | undefined {
  const marker = serverMarker(ctx, org);
  if (!existsSync(marker)) return undefined;
  const { args } = JSON.parse(readFileSync(marker, 'utf8')) as { args: string[] };
  return args[args.indexOf('--chaincode-id') + 1];
}

/** What the org's chaincode server runs: node with fabric-shim's server, for one installed package. */
interface ServerCommand {
  args: string[];
  env: Record<string, string>;
}

function serverCommand(ctx: NetworkContext, org: MemberPlan, id: string): ServerCommand {
  const address = endpoint(org.peer.listenHost, org.peer.chaincodeServerPort);
  const server = join(CHAINCODE_DIR, 'node_modules', 'fabric-shim', 'cli.js');
  const args = [
    process.execPath,
    ...profileArgs(org),
    server,
    'server',
    '--chaincode-address',
    address,
    '--chaincode-id',
    id,
  ];
  // getMspID() in the chaincode reads the peer's MSP from CORE_PEER_LOCALMSPID. fabric-shim logs each
  // transaction at INFO and DEBUG: warnings and errors only, unless SCF_CHAINCODE_LOG_LEVEL says more.
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_CHAINCODE_LOGGING_LEVEL: process.env.SCF_CHAINCODE_LOG_LEVEL ?? 'WARNING',
  };
  if (ctx.testContracts === true) env.SCF_CHAINCODE_TEST_CONTRACTS = '1';
  return { args, env };
}

/** The command the org's chaincode server last ran with, once the chaincode was deployed here. */
function lastServerCommand(ctx: NetworkContext, org: MemberPlan): ServerCommand {
  const marker = serverMarker(ctx, org);
  if (!existsSync(marker)) {
    throw new Error(
      `${chaincodeProcessName(org)} has never run in ${ctx.paths.root}: deploy first (npm run network -- up)`,
    );
  }
  return JSON.parse(readFileSync(marker, 'utf8')) as ServerCommand;
}

/**
 * How the org's chaincode server runs on its own, without the demo's supervisor (a systemd unit
 * restarts it instead): the command it last ran with here.
 */
export function chaincodeServerSpec(ctx: NetworkContext, org: MemberPlan): Omit<ProcessSpec, 'name'> {
  const { args, env } = lastServerCommand(ctx, org);
  const [command = process.execPath, ...rest] = args;
  return { command, args: rest, env, cwd: CHAINCODE_DIR };
}

/** Runs the server under the supervisor (stopping one that runs) and waits until its port answers. */
async function launchServer(ctx: NetworkContext, org: MemberPlan, command: ServerCommand): Promise<void> {
  const name = chaincodeProcessName(org);
  await stopProcess(ctx.paths, name);
  startProcess(ctx.paths, {
    name,
    command: SUPERVISOR,
    args: command.args,
    cwd: CHAINCODE_DIR,
    env: command.env,
  });
  writeFileSync(serverMarker(ctx, org), JSON.stringify(command));
  const address = endpoint(org.peer.listenHost, org.peer.chaincodeServerPort);
  await waitForNode(ctx, name, `chaincode server ${name} at ${address}`, () =>
    tcpOpen(localAddress(org.peer.listenHost), org.peer.chaincodeServerPort),
  );
}

/**
 * Runs the org's chaincode server for package `id` under the supervisor, restarting it if its
 * command changed. The peer launches the package its org approved for the committed definition and
 * expects a server registering that very id.
 */
export async function runServer(ctx: NetworkContext, org: MemberPlan, id: string): Promise<void> {
  const command = serverCommand(ctx, org, id);
  const marker = serverMarker(ctx, org);
  const current = existsSync(marker) ? readFileSync(marker, 'utf8') : '';
  if (runningPid(ctx.paths, chaincodeProcessName(org)) !== undefined && current === JSON.stringify(command))
    return;
  await launchServer(ctx, org, command);
}

/**
 * Starts the org's chaincode server again with the command it last ran with, unless it runs: what
 * a watch does when it finds the server (its supervisor) gone. Returns true if it had to start it.
 */
export async function ensureChaincodeServer(ctx: NetworkContext, org: MemberPlan): Promise<boolean> {
  const command = lastServerCommand(ctx, org);
  if (runningPid(ctx.paths, chaincodeProcessName(org)) !== undefined) return false;
  await launchServer(ctx, org, command);
  return true;
}

/**
 * Waits until the chaincode answers a query on the org's peer, which dials the org's chaincode server
 * only then: what a client (the org's node API) needs first. The error names the server and its log.
 */
export async function waitForChaincode(
  ctx: NetworkContext,
  org: MemberPlan,
  timeoutMs = START_TIMEOUT_MS,
): Promise<void> {
  const { channel, chaincode } = ctx.topology.config;
  const query = JSON.stringify({ function: 'org.hyperledger.fabric:GetMetadata', Args: [] });
  const server = chaincodeProcessName(org);
  let lastError = '';
  await waitFor(
    `chaincode "${chaincode.name}" on ${org.peer.name} (${endpoint(org.peer.host, org.peer.port)})`,
    async () => {
      try {
        await peerCli(ctx, org, ['chaincode', 'query', '-C', channel, '-n', chaincode.name, '-c', query]);
        return true;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        return false;
      }
    },
    timeoutMs,
    () => {
      const stopped = runningPid(ctx.paths, server) === undefined;
      const hint = stopped ? `${server} is not running; \`npm run network -- up\` starts it\n` : '';
      return `last attempt: ${lastError}\n${hint}${logHint(ctx, server)}`;
    },
  );
}
