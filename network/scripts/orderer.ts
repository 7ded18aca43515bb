import { join } from 'node:path';
import type { NetworkContext } from './context.ts';
import { run } from './exec.ts';
import { fabricBin } from './fabric-tools.ts';
import { healthUrl, httpOk } from './health.ts';
import { enrollIdentity, identityFiles, type IdentityFiles } from './identities.ts';
import { ensureRunning } from './launch.ts';
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
    tlsHosts: [node.host, 'localhost', node.name],
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
    ORDERER_GENERAL_LISTENADDRESS: node.host,
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
    ORDERER_FILELEDGER_LOCATION: join(data, 'ledger'),
    ORDERER_CONSENSUS_WALDIR: join(data, 'etcdraft', 'wal'),
    ORDERER_CONSENSUS_SNAPDIR: join(data, 'etcdraft', 'snapshot'),
    ORDERER_OPERATIONS_LISTENADDRESS: `${node.host}:${node.opsPort}`,
    ORDERER_METRICS_PROVIDER: 'prometheus',
    ORDERER_ADMIN_LISTENADDRESS: `${node.host}:${node.adminPort}`,
    ORDERER_ADMIN_TLS_ENABLED: 'true',
    ORDERER_ADMIN_TLS_CERTIFICATE: id.tlsCert,
    ORDERER_ADMIN_TLS_PRIVATEKEY: id.tlsKey,
    ORDERER_ADMIN_TLS_ROOTCAS: `[${ca}]`,
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
    ORDERER_ADMIN_TLS_CLIENTROOTCAS: `[${ca}]`,
    ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
  };
}

/** Starts one Raft orderer unless it already runs healthy. Its ledger survives restarts. */
export function startOrderer(ctx: NetworkContext, node: OrdererNode): Promise<boolean> {
  return ensureRunning(
    ctx,
    ordererProcessName(node),
    () => httpOk(healthUrl(node.host, node.opsPort)),
    () => ({ command: fabricBin(ctx.tools, 'orderer'), args: [], env: ordererEnv(ctx, node) }),
  );
}

function osnadmin(ctx: NetworkContext, node: OrdererNode, args: string[]): Promise<string> {
  const org = ctx.topology.ordererOrg;
  const admin = identityFiles(ctx.paths.identity(org.name, ORDERER_ADMIN));
  return run(fabricBin(ctx.tools, 'osnadmin'), [
    ...args,
    '-o',
    `${node.host}:${node.adminPort}`,
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

/** Joins the orderer to the channel through the channel participation API, once. */
export async function joinOrderer(ctx: NetworkContext, node: OrdererNode, block: string): Promise<boolean> {
  const channel = ctx.topology.config.channel;
  if ((await ordererChannels(ctx, node)).includes(channel)) return false;
  await osnadmin(ctx, node, ['channel', 'join', '--channelID', channel, '--config-block', block]);
  return true;
}
