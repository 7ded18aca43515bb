import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { START_TIMEOUT_MS, type NetworkContext } from './context.ts';
import { CommandError, run } from './exec.ts';
import { tcpOpen, waitFor } from './health.ts';
import { endpoint, localAddress } from './hosts.ts';
import { peerCli } from './peer.ts';
import { CHAINCODE_DIR } from './paths.ts';
import { logHint, waitForNode } from './launch.ts';
import { runningPid, startProcess, stopProcess, type ProcessSpec } from './processes.ts';
import type { MemberPlan } from './topology.ts';

const SUPERVISOR = new URL('./supervise.sh', import.meta.url).pathname;

export interface DeployResult {
  label: string;
  sequence: number;
  /** False when the same chaincode was already committed. */
  committed: boolean;
}

export function chaincodeProcessName(org: MemberPlan): string {
  return `chaincode-${org.name}`;
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesBelow(path) : [path];
    })
    .sort();
}

/** The label names the chaincode and a hash of its build: a changed build is a new definition. */
export function chaincodeLabel(name: string, dir = CHAINCODE_DIR): string {
  const dist = join(dir, 'dist');
  if (!existsSync(join(dist, 'index.js'))) {
    throw new Error(
      `chaincode is not built (${dist}/index.js missing): run npm run build --prefix chaincode`,
    );
  }
  const hash = createHash('sha256');
  for (const file of [...filesBelow(dist), join(dir, 'package.json'), join(dir, 'package-lock.json')]) {
    if (!existsSync(file) || statSync(file).isDirectory()) continue;
    hash.update(relative(dir, file)).update('\0').update(readFileSync(file));
  }
  return `${name}_${hash.digest('hex').slice(0, 12)}`;
}

/**
 * Writes the org's chaincode-as-a-service package: metadata.json plus code.tar.gz holding only
 * connection.json (where the org's chaincode server listens). Built with fixed timestamps and owners
 * so that the same label always yields the same package id.
 */
async function buildPackage(ctx: NetworkContext, org: MemberPlan, label: string): Promise<string> {
  const dir = join(ctx.paths.chaincode, org.name, label);
  const file = join(dir, `${label}.tar.gz`);
  if (existsSync(file)) return file;
  const work = join(dir, 'work');
  mkdirSync(join(work, 'code'), { recursive: true });
  // The peer dials the server at its advertised address (the chaincode server binds the listen host).
  const connection = {
    address: endpoint(org.peer.host, org.peer.chaincodeServerPort),
    dial_timeout: '10s',
    tls_required: false,
  };
  writeFileSync(join(work, 'code', 'connection.json'), JSON.stringify(connection));
  writeFileSync(join(work, 'metadata.json'), JSON.stringify({ label, type: 'ccaas' }));
  const fixed = ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner'];
  await run('tar', [...fixed, '-cf', join(work, 'code.tar'), '-C', join(work, 'code'), 'connection.json']);
  await run('gzip', ['-n', '-f', join(work, 'code.tar')]);
  await run('tar', [...fixed, '-cf', join(dir, `${label}.tar`), '-C', work, 'code.tar.gz', 'metadata.json']);
  await run('gzip', ['-n', '-f', join(dir, `${label}.tar`)]);
  rmSync(work, { recursive: true, force: true });
  return file;
}

export function packageId(label: string, file: string): string {
  return `${label}:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
}

async function installedPackages(ctx: NetworkContext, org: MemberPlan): Promise<string[]> {
  const output = await peerCli(ctx, org, ['lifecycle', 'chaincode', 'queryinstalled', '--output', 'json']);
  const body = JSON.parse(output || '{}') as { installed_chaincodes?: { package_id: string }[] };
  return (body.installed_chaincodes ?? []).map((item) => item.package_id);
}

async function install(ctx: NetworkContext, org: MemberPlan, label: string): Promise<string> {
  const file = await buildPackage(ctx, org, label);
  const id = packageId(label, file);
  if (!(await installedPackages(ctx, org)).includes(id)) {
    await peerCli(ctx, org, ['lifecycle', 'chaincode', 'install', file]);
    ctx.log(`chaincode ${label} installed on ${org.peer.name}`);
  }
  return id;
}

/** The command the org's chaincode server was last started with; kept when the server stops. */
function serverMarker(ctx: NetworkContext, org: MemberPlan): string {
  return join(ctx.paths.chaincode, org.name, 'running-command');
}

/** Whether this state folder has run the org's chaincode server: from then on it is part of the network. */
export function chaincodeServerExpected(ctx: NetworkContext, org: MemberPlan): boolean {
  return existsSync(serverMarker(ctx, org));
}

/** What the org's chaincode server runs: node with fabric-shim's server, for one installed package. */
interface ServerCommand {
  args: string[];
  env: Record<string, string>;
}

function serverCommand(ctx: NetworkContext, org: MemberPlan, id: string): ServerCommand {
  const address = endpoint(org.peer.listenHost, org.peer.chaincodeServerPort);
  const server = join(CHAINCODE_DIR, 'node_modules', 'fabric-shim', 'cli.js');
  const args = [process.execPath, server, 'server', '--chaincode-address', address, '--chaincode-id', id];
  // getMspID() in the chaincode reads the peer's MSP from CORE_PEER_LOCALMSPID.
  const env: Record<string, string> = { NODE_ENV: 'production', CORE_PEER_LOCALMSPID: org.mspId };
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

/** Runs the org's chaincode server under the supervisor, restarting it if its command changed. */
async function startServer(ctx: NetworkContext, org: MemberPlan, id: string): Promise<void> {
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

export function endorsementPolicy(ctx: NetworkContext): string {
  const { members, config } = ctx.topology;
  const peers = members.map((org) => `'${org.mspId}.peer'`).join(', ');
  return `OutOf(${config.chaincode.endorsingOrgs}, ${peers})`;
}

/** Where the peer CLI sends transactions: the first orderer, over TLS. */
export function ordererArgs(ctx: NetworkContext): string[] {
  const orderer = ctx.topology.ordererOrg;
  const first = orderer.orderers[0];
  if (!first) throw new Error('no orderer in the topology');
  return ['-o', endpoint(first.host, first.port), '--tls', '--cafile', ctx.paths.caCert(orderer.name)];
}

interface Committed {
  sequence: number;
  version: string;
}

async function queryCommitted(ctx: NetworkContext, org: MemberPlan): Promise<Committed | undefined> {
  const { channel, chaincode } = ctx.topology.config;
  try {
    const output = await peerCli(ctx, org, [
      'lifecycle',
      'chaincode',
      'querycommitted',
      '-C',
      channel,
      '-n',
      chaincode.name,
      '--output',
      'json',
    ]);
    return JSON.parse(output) as Committed;
  } catch (error) {
    if (error instanceof CommandError && /not (be )?found|not defined/i.test(error.output)) return undefined;
    throw error;
  }
}

function definitionArgs(ctx: NetworkContext, label: string, sequence: number): string[] {
  const { channel, chaincode } = ctx.topology.config;
  return [
    '--channelID',
    channel,
    '--name',
    chaincode.name,
    '--version',
    label,
    '--sequence',
    String(sequence),
    '--signature-policy',
    endorsementPolicy(ctx),
  ];
}

async function approvals(
  ctx: NetworkContext,
  org: MemberPlan,
  label: string,
  sequence: number,
): Promise<Record<string, boolean>> {
  const output = await peerCli(ctx, org, [
    'lifecycle',
    'chaincode',
    'checkcommitreadiness',
    ...definitionArgs(ctx, label, sequence),
    '--output',
    'json',
  ]);
  return (JSON.parse(output) as { approvals: Record<string, boolean> }).approvals;
}

async function approveAndCommit(
  ctx: NetworkContext,
  label: string,
  sequence: number,
  ids: Map<string, string>,
): Promise<void> {
  const { members } = ctx.topology;
  const [first] = members;
  if (!first) throw new Error('no member org');
  const approved = await approvals(ctx, first, label, sequence);
  for (const org of members) {
    if (approved[org.mspId]) continue;
    await peerCli(ctx, org, [
      'lifecycle',
      'chaincode',
      'approveformyorg',
      ...ordererArgs(ctx),
      ...definitionArgs(ctx, label, sequence),
      '--package-id',
      ids.get(org.name) ?? '',
      '--waitForEvent',
    ]);
    ctx.log(`${org.mspId} approved ${label} (sequence ${sequence})`);
  }
  const peers = members.flatMap((org) => [
    '--peerAddresses',
    endpoint(org.peer.host, org.peer.port),
    '--tlsRootCertFiles',
    ctx.paths.caCert(org.name),
  ]);
  await peerCli(ctx, first, [
    'lifecycle',
    'chaincode',
    'commit',
    ...ordererArgs(ctx),
    ...definitionArgs(ctx, label, sequence),
    ...peers,
    '--waitForEvent',
  ]);
  ctx.log(`chaincode ${label} committed on channel ${ctx.topology.config.channel} (sequence ${sequence})`);
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

/**
 * Installs the current chaincode build on every peer, runs each org's server, and approves and
 * commits the definition at the next sequence if the committed one is a different build.
 */
export async function deployChaincode(
  ctx: NetworkContext,
  label = chaincodeLabel(ctx.topology.config.chaincode.name),
): Promise<DeployResult> {
  const { members } = ctx.topology;
  const [first] = members;
  if (!first) throw new Error('no member org');
  const ids = new Map<string, string>();
  await Promise.all(members.map(async (org) => ids.set(org.name, await install(ctx, org, label))));
  const committed = await queryCommitted(ctx, first);
  const sequence = committed?.version === label ? committed.sequence : (committed?.sequence ?? 0) + 1;
  if (sequence !== committed?.sequence) await approveAndCommit(ctx, label, sequence, ids);
  // Servers switch to the new package only now: until the commit, peers still expect the old one.
  await Promise.all(members.map((org) => startServer(ctx, org, ids.get(org.name) ?? '')));
  await Promise.all(members.map((org) => waitForChaincode(ctx, org)));
  return { label, sequence, committed: sequence !== committed?.sequence };
}
