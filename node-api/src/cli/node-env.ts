import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { enrollUser, fabricBin, type MemberPlan, type NetworkContext } from '@scf/network';
import { embeddedDatabaseName, embeddedDatabaseUrl } from '../db/embedded-database-files.ts';
import { adminEnterpriseOf, DEMO_PASSWORD } from '../demo/demo-consortium.ts';
import { registryUrl } from './registry-process.ts';

/** The org admin identity the node uses for the projector and enterprise registration. */
const SERVICE_USER = { name: 'orgadmin', enterpriseId: 'ORG-ADMIN', role: 'admin' } as const;

export function nodeDir(ctx: NetworkContext, org: string): string {
  return join(ctx.paths.root, 'nodes', org);
}

/** The node's SCF_DATA_DIR: its embedded PostgreSQL and that database's password, documents. */
function nodeDataDir(ctx: NetworkContext, org: string): string {
  return join(nodeDir(ctx, org), 'data');
}

export function nodeUrl(member: MemberPlan): string {
  return `http://${member.peer.host}:${member.reserved.nodeApi}`;
}

/**
 * The org node's embedded read-model database on the local network (what reconcile reads by default),
 * with the password the node keeps in its data folder (so only once the node has started).
 */
export function nodeDatabaseUrl(ctx: NetworkContext, member: MemberPlan): string {
  return embeddedDatabaseUrl(
    nodeDataDir(ctx, member.name),
    member.reserved.database,
    embeddedDatabaseName(member.name),
  );
}

export function portalUrl(member: MemberPlan): string {
  return `http://${member.peer.host}:${member.reserved.portal}`;
}

/**
 * The enterprise the node's first admin acts for: on an org's own host the operator names it
 * (SCF_ADMIN_ENTERPRISE_ID, _NAME and _KIND, all three); otherwise the demo consortium's first
 * enterprise of the org.
 */
function adminEnterprise(org: string): { id: string; name: string; kind: string } {
  const { SCF_ADMIN_ENTERPRISE_ID: id, SCF_ADMIN_ENTERPRISE_NAME: name } = process.env;
  const kind = process.env.SCF_ADMIN_ENTERPRISE_KIND;
  if (id && name && kind) return { id, name, kind };
  return adminEnterpriseOf(org);
}

/** The node's key encryption key, made once and kept (mode 600) beside its data. */
function keyEncryptionKey(dir: string): string {
  const file = join(dir, 'key-encryption-key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * The environment of one org's node API on the local dev network: its ports from the org's reserved
 * block, the peer and CA of its org, its service identity, and the demo admin.
 */
export async function nodeEnv(ctx: NetworkContext, member: MemberPlan): Promise<Record<string, string>> {
  const dir = nodeDir(ctx, member.name);
  mkdirSync(dir, { recursive: true });
  // As root, the embedded PostgreSQL runs as `postgres`, which must reach its data folder.
  chmodSync(dir, 0o755);
  const service = await enrollUser(ctx, { org: member.name, ...SERVICE_USER });
  const admin = adminEnterprise(member.name);
  const { channel, chaincode } = ctx.topology.config;
  return {
    SCF_ORG: member.name,
    SCF_MSP_ID: member.mspId,
    SCF_HOST: member.peer.host,
    SCF_PORT: String(member.reserved.nodeApi),
    SCF_PORTAL_ORIGIN: portalUrl(member),
    SCF_PEER_ENDPOINT: `${member.peer.host}:${member.peer.port}`,
    SCF_PEER_HOST_ALIAS: member.peer.name,
    SCF_PEER_TLS_CA: ctx.paths.caCert(member.name),
    SCF_CHANNEL: channel,
    SCF_CHAINCODE: chaincode.name,
    SCF_SERVICE_CERT: service.cert,
    SCF_SERVICE_KEY: service.key,
    SCF_CA_URL: `https://${member.ca.host}:${member.ca.port}`,
    SCF_CA_NAME: member.ca.name,
    SCF_CA_TLS_CERT: ctx.paths.caCert(member.name),
    SCF_CA_REGISTRAR_HOME: ctx.paths.registrar(member.name),
    SCF_FABRIC_CA_CLIENT: fabricBin(ctx.tools, 'fabric-ca-client'),
    SCF_DB_PORT: String(member.reserved.database),
    SCF_DATA_DIR: nodeDataDir(ctx, member.name),
    SCF_KEY_ENCRYPTION_KEY: keyEncryptionKey(dir),
    SCF_ADMIN_USER: 'admin',
    SCF_ADMIN_PASSWORD: process.env.SCF_ADMIN_PASSWORD ?? DEMO_PASSWORD,
    SCF_ADMIN_ENTERPRISE_ID: admin.id,
    SCF_ADMIN_ENTERPRISE_NAME: admin.name,
    SCF_ADMIN_ENTERPRISE_KIND: admin.kind,
    // Where banks register before they disburse: the registry access the operator names, else the
    // consortium's test registry (nodes up starts it).
    SCF_REGISTRY_URL: process.env.SCF_REGISTRY_URL ?? registryUrl(ctx),
    // The demo seeder is one bulk client acting as a handful of users; people never come near this.
    SCF_RATE_LIMIT_PER_MINUTE: '3000',
  };
}
