import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { START_TIMEOUT_MS, type NetworkContext } from './context.ts';
import { tcpOpen, waitFor } from './health.ts';
import { endpoint, localAddress } from './hosts.ts';
import { logHint, waitForNode } from './launch.ts';
import { CHAINCODE_DIR } from './paths.ts';
import { peerCli } from './peer.ts';
import { runningPid, startProcess, stopProcess } from './processes.ts';
import type { MemberPlan } from './topology.ts';

const SUPERVISOR = new URL('./supervise.sh', import.meta.url).pathname;

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

/**
 * Runs the org's chaincode server for package `id` under the supervisor, restarting it if its
 * command changed. The peer launches the package its org approved for the committed definition and
 * expects a server registering that very id.
 */
export async function runServer(ctx: NetworkContext, org: MemberPlan, id: string): Promise<void> {
  const name = chaincodeProcessName(org);
  const address = endpoint(org.peer.listenHost, org.peer.chaincodeServerPort);
  const server = join(CHAINCODE_DIR, 'node_modules', 'fabric-shim', 'cli.js');
  const args = [process.execPath, server, 'server', '--chaincode-address', address, '--chaincode-id', id];
  const marker = serverMarker(ctx, org);
  // getMspID() in the chaincode reads the peer's MSP from CORE_PEER_LOCALMSPID.
  const env: Record<string, string> = { NODE_ENV: 'production', CORE_PEER_LOCALMSPID: org.mspId };
  if (ctx.testContracts === true) env.SCF_CHAINCODE_TEST_CONTRACTS = '1';
  const command = JSON.stringify({ args, env });
  const current = existsSync(marker) ? readFileSync(marker, 'utf8') : '';
  if (runningPid(ctx.paths, name) !== undefined && current === command) return;
  await stopProcess(ctx.paths, name);
  startProcess(ctx.paths, { name, command: SUPERVISOR, args, cwd: CHAINCODE_DIR, env });
  writeFileSync(marker, command);
  await waitForNode(ctx, name, `chaincode server ${name} at ${address}`, () =>
    tcpOpen(localAddress(org.peer.listenHost), org.peer.chaincodeServerPort),
  );
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
