import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { NetworkContext } from './context.ts';
import { run } from './exec.ts';
import { fabricBin } from './fabric-tools.ts';
import { healthUrl, httpOk } from './health.ts';
import { endpoint, localAddress, tlsHostNames } from './hosts.ts';
import { ensureRunning } from './launch.ts';
import type { ProcessSpec } from './processes.ts';
import { randomSecret } from './secrets.ts';
import type { CaNode } from './topology.ts';

export const REGISTRAR = 'registrar';

export function caProcessName(node: CaNode): string {
  return node.name;
}

function bootstrapSecret(ctx: NetworkContext, org: string): string {
  const home = ctx.paths.caHome(org);
  const file = `${home}/bootstrap.secret`;
  mkdirSync(home, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomSecret(), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * How the org's Fabric CA runs. The bootstrap identity (`-b user:pass`, needed only to write the CA's
 * first config) goes in the environment, where `ps` does not show it and a systemd unit keeps it in
 * its private environment file.
 */
export function caProcessSpec(ctx: NetworkContext, node: CaNode): Omit<ProcessSpec, 'name'> {
  return {
    command: fabricBin(ctx.tools, 'fabric-ca-server'),
    args: ['start'],
    env: {
      FABRIC_CA_SERVER_HOME: ctx.paths.caHome(node.org),
      FABRIC_CA_SERVER_BOOT: `${REGISTRAR}:${bootstrapSecret(ctx, node.org)}`,
      FABRIC_CA_SERVER_ADDRESS: node.listenHost,
      FABRIC_CA_SERVER_PORT: String(node.port),
      FABRIC_CA_SERVER_CA_NAME: node.name,
      FABRIC_CA_SERVER_CSR_CN: node.name,
      FABRIC_CA_SERVER_CSR_HOSTS: tlsHostNames(node).join(','),
      FABRIC_CA_SERVER_TLS_ENABLED: 'true',
      FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS: endpoint(node.listenHost, node.opsPort),
      FABRIC_CA_SERVER_METRICS_PROVIDER: 'prometheus',
    },
  };
}

/** Starts the org's Fabric CA (identities and TLS certificates) unless it already runs. */
export function startCa(ctx: NetworkContext, node: CaNode): Promise<boolean> {
  return ensureRunning(
    ctx,
    caProcessName(node),
    () => httpOk(healthUrl(localAddress(node.listenHost), node.opsPort)),
    () => caProcessSpec(ctx, node),
  );
}

/**
 * Runs fabric-ca-client against the org's CA over TLS, in `home` (the registrar's by default). Every
 * `enroll` rewrites its home's config file: an enrollment runs in a home of its own, or a register
 * beside it could read the registrar's config half-written (and then ask http://localhost:7054).
 */
export function caClient(
  ctx: NetworkContext,
  node: CaNode,
  args: string[],
  home = ctx.paths.registrar(node.org),
): Promise<string> {
  const tlsArgs = ['--caname', node.name, '--tls.certfiles', ctx.paths.caCert(node.org)];
  return run(fabricBin(ctx.tools, 'fabric-ca-client'), [...args, ...tlsArgs], {
    env: { FABRIC_CA_CLIENT_HOME: home },
  });
}

/** The CA as the org's own tools on its host enroll at it (others use `https://host:port`). */
export function caUrl(node: CaNode, user: string, secret: string): string {
  const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(secret)}`;
  return `https://${credentials}@${caAddress(node)}`;
}

/** The CA's base URL without credentials, as a registrar's commands name it. */
export function caBaseUrl(node: CaNode): string {
  return `https://${caAddress(node)}`;
}

function caAddress(node: CaNode): string {
  return endpoint(localAddress(node.listenHost), node.port);
}

/** Enrolls the CA's bootstrap identity once; it registers every other identity of the org. */
export async function ensureRegistrar(ctx: NetworkContext, node: CaNode): Promise<string> {
  const home = ctx.paths.registrar(node.org);
  if (!existsSync(`${home}/msp/signcerts/cert.pem`)) {
    const secret = bootstrapSecret(ctx, node.org);
    await caClient(ctx, node, ['enroll', '-u', caUrl(node, REGISTRAR, secret), '-H', home]);
  }
  return home;
}
