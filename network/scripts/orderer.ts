import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { START_TIMEOUT_MS, type NetworkContext } from './context.ts';
import { run } from './exec.ts';
import { fabricBin } from './fabric-tools.ts';
import { healthUrl, httpOk, TimeoutError } from './health.ts';
import { endpoint, localAddress, tlsHostNames } from './hosts.ts';
import { enrollIdentity, identityFiles, type IdentityFiles } from './identities.ts';
import { CLIENT_PING_MIN_INTERVAL } from './keepalive.ts';
import { ensureRunning, logHint, whenAnswering } from './launch.ts';
import { stopProcess, type ProcessSpec } from './processes.ts';
import { knowsLeader, raftView, type RaftView } from './raft-view.ts';
import type { OrdererNode } from './topology.ts';

export const ORDERER_ADMIN = 'admin';

export function ordererProcessName(node: OrdererNode): string {
  return node.name;
}

/** The orderer org's admin, whose TLS client certificate the channel participation API requires. */
export function enrollOrdererAdmin(ctx: NetworkContext): Promise<IdentityFiles> {
  const org = ctx.topology.ordererOrg;
  return enrollIdentity(ctx, org.ca, { name: ORDERER_ADMIN, type: 'admin', tlsHosts: [ORDERER_ADMIN] });
}

export function enrollOrderer(ctx: NetworkContext, node: OrdererNode): Promise<IdentityFiles> {
  const org = ctx.topology.ordererOrg;
  return enrollIdentity(ctx, org.ca, {
    name: node.name,
    type: 'orderer',
    tlsHosts: tlsHostNames(node),
  });
}

function ordererEnv(ctx: NetworkContext, node: OrdererNode): Record<string, string> {
  const org = ctx.topology.ordererOrg;
  const id = identityFiles(ctx.paths.identity(org.name, node.name));
  const ca = ctx.paths.caCert(org.name);
  const data = ctx.paths.nodeData(org.name, node.name);
  return {
    FABRIC_CFG_PATH: ctx.tools.configDir,
    FABRIC_LOGGING_SPEC: 'INFO',
    ORDERER_GENERAL_LISTENADDRESS: node.listenHost,
    ORDERER_GENERAL_LISTENPORT: String(node.port),
    ORDERER_GENERAL_LOCALMSPID: org.mspId,
    ORDERER_GENERAL_LOCALMSPDIR: id.msp,
    ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
    ORDERER_GENERAL_TLS_ENABLED: 'true',
    ORDERER_GENERAL_TLS_CERTIFICATE: id.tlsCert,
    ORDERER_GENERAL_TLS_PRIVATEKEY: id.tlsKey,
    ORDERER_GENERAL_TLS_ROOTCAS: `[${ca}]`,
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: id.tlsCert,
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: id.tlsKey,
    ORDERER_GENERAL_KEEPALIVE_SERVERMININTERVAL: CLIENT_PING_MIN_INTERVAL,
    ORDERER_FILELEDGER_LOCATION: join(data, 'ledger'),
    ORDERER_CONSENSUS_WALDIR: join(data, 'etcdraft', 'wal'),
    ORDERER_CONSENSUS_SNAPDIR: join(data, 'etcdraft', 'snapshot'),
    ORDERER_OPERATIONS_LISTENADDRESS: endpoint(node.listenHost, node.opsPort),
    ORDERER_METRICS_PROVIDER: 'prometheus',
    ORDERER_ADMIN_LISTENADDRESS: endpoint(node.listenHost, node.adminPort),
    ORDERER_ADMIN_TLS_ENABLED: 'true',
    ORDERER_ADMIN_TLS_CERTIFICATE: id.tlsCert,
    ORDERER_ADMIN_TLS_PRIVATEKEY: id.tlsKey,
    ORDERER_ADMIN_TLS_ROOTCAS: `[${ca}]`,
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
    ORDERER_ADMIN_TLS_CLIENTROOTCAS: `[${ca}]`,
    ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
  };
}

/** How one Raft orderer runs. */
export function ordererProcessSpec(ctx: NetworkContext, node: OrdererNode): Omit<ProcessSpec, 'name'> {
  return { command: fabricBin(ctx.tools, 'orderer'), args: [], env: ordererEnv(ctx, node) };
}

/** Starts one Raft orderer unless it already runs healthy. Its ledger survives restarts. */
export function startOrderer(ctx: NetworkContext, node: OrdererNode): Promise<boolean> {
  return ensureRunning(
    ctx,
    ordererProcessName(node),
    () => httpOk(healthUrl(localAddress(node.listenHost), node.opsPort)),
    () => ordererProcessSpec(ctx, node),
  );
}

function osnadmin(ctx: NetworkContext, node: OrdererNode, args: string[]): Promise<string> {
  const org = ctx.topology.ordererOrg;
  const admin = identityFiles(ctx.paths.identity(org.name, ORDERER_ADMIN));
  return run(fabricBin(ctx.tools, 'osnadmin'), [
    ...args,
    '-o',
    endpoint(localAddress(node.listenHost), node.adminPort),
    '--ca-file',
    ctx.paths.caCert(org.name),
    '--client-cert',
    admin.tlsCert,
    '--client-key',
    admin.tlsKey,
  ]);
}

/** osnadmin prints "Status: 200" and then the JSON body. */
function parseOsnadminBody(output: string): unknown {
  const start = output.indexOf('{');
  return start < 0 ? undefined : JSON.parse(output.slice(start));
}

export async function ordererChannels(ctx: NetworkContext, node: OrdererNode): Promise<string[]> {
  const body = parseOsnadminBody(await osnadmin(ctx, node, ['channel', 'list'])) as
    { channels?: { name: string }[] | null } | undefined;
  return (body?.channels ?? []).map((channel) => channel.name);
}

/**
 * Joins the orderer to the channel through the channel participation API, once. The admin endpoint
 * opens only after the orderer has loaded its ledgers, well after its health endpoint answers.
 */
export async function joinOrderer(ctx: NetworkContext, node: OrdererNode, block: string): Promise<boolean> {
  const channel = ctx.topology.config.channel;
  const channels = await whenAnswering(
    ctx,
    ordererProcessName(node),
    `${node.name} admin endpoint ${endpoint(localAddress(node.listenHost), node.adminPort)}`,
    () => ordererChannels(ctx, node),
  );
  if (channels.includes(channel)) return false;
  await osnadmin(ctx, node, ['channel', 'join', '--channelID', channel, '--config-block', block]);
  return true;
}

/**
 * Removes the channel from the orderer through the channel participation API: its ledger, Raft log
 * and snapshots of the channel go. For an orderer the channel no longer counts as a consenter,
 * before it joins again (its old Raft log belongs to a member id the channel retired).
 */
export async function leaveOrdererChannel(ctx: NetworkContext, node: OrdererNode): Promise<boolean> {
  const channel = ctx.topology.config.channel;
  if (!(await ordererChannels(ctx, node)).includes(channel)) return false;
  await osnadmin(ctx, node, ['channel', 'remove', '--channelID', channel]);
  return true;
}

/**
 * How long an orderer may go without a Raft step before it counts as hung: longer than an election
 * timeout (channel-config.ts: 10 to 20 ticks of 500 ms) while there is no leader, a few heartbeats
 * (one per tick) once the others have one.
 */
const HUNG_AFTER_MS = { leaderless: 12_000, led: 4_000 };
/** Each start gets through the deadlock with a chance of its own (one in five to eight, measured here). */
const MAX_RESTARTS = 10;

/** Stops an orderer that runs but is hung, starts it again and waits until it serves its admin API. */
export async function restartOrderer(ctx: NetworkContext, node: OrdererNode): Promise<void> {
  await stopProcess(ctx.paths, ordererProcessName(node), 3_000);
  await startOrderer(ctx, node);
  await whenAnswering(ctx, ordererProcessName(node), `${node.name} admin endpoint`, () =>
    ordererChannels(ctx, node),
  );
}

/**
 * Waits until the channel's orderers (or those given: this host's) have a Raft leader that every
 * one of them knows: until then transactions are refused ("no Raft leader"). An orderer that knows no leader and has not taken a
 * single Raft step for longer than an election timeout is hung in the start-up deadlock of older Fabric
 * builds (issue 4199, see channel-config.ts): it is restarted, a few times at most, since each start
 * has its own chance to get through.
 */
export async function waitForRaftLeader(
  ctx: NetworkContext,
  orderers: OrdererNode[] = ctx.topology.ordererOrg.orderers,
): Promise<void> {
  const { config } = ctx.topology;
  // With every orderer watched, exactly one must lead; of some (this host's), each must know a leader.
  const all = orderers.length === ctx.topology.ordererOrg.orderers.length;
  const views = (): Promise<(RaftView | undefined)[]> =>
    Promise.all(orderers.map((node) => raftView(node, config.channel)));
  let restarts = 0;
  let started = Date.now();
  let window = { since: started, views: await views() };
  for (;;) {
    const now = await views();
    const leaders = now.filter((view) => view?.isLeader).length;
    const lost = orderers.filter((_, index) => {
      const view = now[index];
      return view === undefined || !knowsLeader(view);
    });
    if ((leaders === 1 || !all) && lost.length === 0) return;
    if (Date.now() - window.since > (leaders === 1 ? HUNG_AFTER_MS.led : HUNG_AFTER_MS.leaderless)) {
      const hung = lost.filter((node) => {
        const index = orderers.indexOf(node);
        const current = now[index];
        return current === undefined || current.steps === window.views[index]?.steps;
      });
      if (hung.length > 0 && restarts < MAX_RESTARTS) {
        ctx.log(
          `${hung.map((node) => node.name).join(', ')} hung replaying the Raft log (Fabric issue 4199): restarting`,
        );
        await Promise.all(hung.map((node) => restartOrderer(ctx, node)));
        restarts += 1;
        started = Date.now();
      } else if (Date.now() - started > START_TIMEOUT_MS) {
        throw new TimeoutError(
          `channel "${config.channel}" has no Raft leader known to every orderer ` +
            `(without one: ${lost.map((node) => node.name).join(', ') || 'none'}; ${restarts} restart(s))\n` +
            (lost.length > 0 ? lost : orderers)
              .map((node) => logHint(ctx, ordererProcessName(node)))
              .join('\n'),
        );
      }
      window = { since: Date.now(), views: await views() };
    }
    await sleep(250);
  }
}
