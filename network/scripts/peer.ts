import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { NetworkContext } from './context.ts';
import { run } from './exec.ts';
import { fabricBin } from './fabric-tools.ts';
import { healthUrl, httpOk } from './health.ts';
import { endpoint, localAddress, tlsHostNames } from './hosts.ts';
import { enrollIdentity, identityFiles, type IdentityFiles } from './identities.ts';
import { CLIENT_PING_MIN_INTERVAL } from './keepalive.ts';
import { BUILDERS_DIR } from './paths.ts';
import { peerProfilingEnv } from './peer-profile.ts';
import { ensureRunning, whenAnswering } from './launch.ts';
import type { ProcessSpec } from './processes.ts';
import type { MemberPlan } from './topology.ts';

export const PEER_IDENTITY = 'peer0';
export const ORG_ADMIN = 'admin';

export function peerProcessName(org: MemberPlan): string {
  return org.peer.name;
}

export function enrollPeer(ctx: NetworkContext, org: MemberPlan): Promise<IdentityFiles> {
  return enrollIdentity(ctx, org.ca, {
    name: PEER_IDENTITY,
    type: 'peer',
    tlsHosts: tlsHostNames(org.peer),
  });
}

/** The org admin: joins channels, installs and approves chaincode. */
export function enrollOrgAdmin(ctx: NetworkContext, org: MemberPlan): Promise<IdentityFiles> {
  return enrollIdentity(ctx, org.ca, { name: ORG_ADMIN, type: 'admin', tlsHosts: [ORG_ADMIN] });
}

/**
 * A generated copy of the installed core.yaml whose only changes are the ones env variables cannot
 * express: our chaincode-as-a-service builder, and no Docker endpoint.
 */
function writePeerConfig(ctx: NetworkContext, org: MemberPlan): string {
  const dir = join(ctx.paths.nodeData(org.name, PEER_IDENTITY), 'config');
  mkdirSync(dir, { recursive: true });
  const doc = parseDocument(readFileSync(join(ctx.tools.configDir, 'core.yaml'), 'utf8'));
  doc.setIn(['chaincode', 'externalBuilders'], [{ name: 'scf-ccaas', path: join(BUILDERS_DIR, 'ccaas') }]);
  doc.setIn(['vm', 'endpoint'], '');
  writeFileSync(join(dir, 'core.yaml'), doc.toString());
  return dir;
}

function peerEnv(ctx: NetworkContext, org: MemberPlan, configDir: string): Record<string, string> {
  const { peer } = org;
  const id = identityFiles(ctx.paths.identity(org.name, PEER_IDENTITY));
  const data = join(ctx.paths.nodeData(org.name, PEER_IDENTITY), 'data');
  // Others (gossip, clients, the orderers' deliver) dial the advertised address; the peer binds the listen host.
  const address = endpoint(peer.host, peer.port);
  return {
    FABRIC_CFG_PATH: configDir,
    FABRIC_LOGGING_SPEC: 'INFO',
    CORE_PEER_ID: peer.name,
    CORE_PEER_LISTENADDRESS: endpoint(peer.listenHost, peer.port),
    CORE_PEER_ADDRESS: address,
    CORE_PEER_CHAINCODELISTENADDRESS: endpoint(peer.listenHost, peer.chaincodePort),
    CORE_PEER_CHAINCODEADDRESS: endpoint(peer.host, peer.chaincodePort),
    CORE_PEER_GOSSIP_BOOTSTRAP: address,
    CORE_PEER_GOSSIP_EXTERNALENDPOINT: address,
    // How long gossip waits before dialling a peer again after a failed attempt (Fabric's default
    // 25s). When the whole network starts at once, other orgs' peers refuse the first dials while
    // they load their ledgers, and every peer would then wait that long before seeing them (measured
    // here: 11 s at 5s, 3 s at 2s from channel join to full membership; a dial is cheap).
    CORE_PEER_GOSSIP_RECONNECTINTERVAL: '2s',
    // How often the peer counts the peers it knows into its metrics (Fabric's default 5s), which is
    // what a start waits on (gossip.ts): at 5s the wait ended 5 or 10 s after the peers joined,
    // whenever full membership had come. Counting is cheap.
    CORE_PEER_GOSSIP_MEMBERSHIPTRACKERINTERVAL: '1s',
    CORE_PEER_KEEPALIVE_MININTERVAL: CLIENT_PING_MIN_INTERVAL,
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: id.msp,
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_CERT_FILE: id.tlsCert,
    CORE_PEER_TLS_KEY_FILE: id.tlsKey,
    CORE_PEER_TLS_ROOTCERT_FILE: ctx.paths.caCert(org.name),
    CORE_PEER_FILESYSTEMPATH: data,
    CORE_LEDGER_SNAPSHOTS_ROOTDIR: join(data, 'snapshots'),
    CORE_OPERATIONS_LISTENADDRESS: endpoint(peer.listenHost, peer.opsPort),
    CORE_METRICS_PROVIDER: 'prometheus',
    // How far a client's clock may be off for block delivery (event streams). Fabric's default is
    // 15m; tests that play a client days ahead (paying a voucher at maturity) widen it.
    CORE_PEER_AUTHENTICATION_TIMEWINDOW: process.env.SCF_PEER_AUTH_TIMEWINDOW ?? '15m',
    ...peerProfilingEnv(peer),
  };
}

/** How the org's peer runs (writes its generated core.yaml). */
export function peerProcessSpec(ctx: NetworkContext, org: MemberPlan): Omit<ProcessSpec, 'name'> {
  return {
    command: fabricBin(ctx.tools, 'peer'),
    args: ['node', 'start'],
    env: peerEnv(ctx, org, writePeerConfig(ctx, org)),
  };
}

/** Starts the org's peer unless it already runs healthy. Its ledger survives restarts. */
export function startPeer(ctx: NetworkContext, org: MemberPlan): Promise<boolean> {
  return ensureRunning(
    ctx,
    peerProcessName(org),
    () => httpOk(healthUrl(localAddress(org.peer.listenHost), org.peer.opsPort)),
    () => peerProcessSpec(ctx, org),
  );
}

/** Runs the peer CLI as the org admin against the org's own peer. */
export function peerCli(
  ctx: NetworkContext,
  org: MemberPlan,
  args: string[],
  timeoutMs?: number,
): Promise<string> {
  const admin = identityFiles(ctx.paths.identity(org.name, ORG_ADMIN));
  return run(fabricBin(ctx.tools, 'peer'), args, {
    timeoutMs,
    env: {
      FABRIC_CFG_PATH: join(ctx.paths.nodeData(org.name, PEER_IDENTITY), 'config'),
      FABRIC_LOGGING_SPEC: 'WARNING',
      CORE_PEER_LOCALMSPID: org.mspId,
      CORE_PEER_MSPCONFIGPATH: admin.msp,
      CORE_PEER_ADDRESS: endpoint(localAddress(org.peer.listenHost), org.peer.port),
      CORE_PEER_TLS_ENABLED: 'true',
      CORE_PEER_TLS_ROOTCERT_FILE: ctx.paths.caCert(org.name),
      CORE_PEER_TLS_CLIENTCERT_FILE: admin.tlsCert,
      CORE_PEER_TLS_CLIENTKEY_FILE: admin.tlsKey,
    },
  });
}

export async function peerChannels(ctx: NetworkContext, org: MemberPlan): Promise<string[]> {
  const output = await peerCli(ctx, org, ['channel', 'list']);
  // "Channels peers has joined:" followed by one name per line.
  return output
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * Joins the peer to the channel from the genesis block, once. The peer serves its gRPC port only
 * after it has opened its ledgers, some time after its health endpoint answers.
 */
export async function joinPeer(ctx: NetworkContext, org: MemberPlan, block: string): Promise<boolean> {
  const channels = await whenAnswering(
    ctx,
    peerProcessName(org),
    `${org.peer.name} at ${endpoint(localAddress(org.peer.listenHost), org.peer.port)}`,
    () => peerChannels(ctx, org),
  );
  if (channels.includes(ctx.topology.config.channel)) return false;
  await peerCli(ctx, org, ['channel', 'join', '-b', block]);
  return true;
}
