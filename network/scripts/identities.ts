import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caBaseUrl, caClient, caUrl, ensureRegistrar } from './ca.ts';
import type { NetworkContext } from './context.ts';
import { CommandError } from './exec.ts';
import { identitySecret } from './secrets.ts';
import type { CaNode } from './topology.ts';

export type IdentityType = 'peer' | 'orderer' | 'admin' | 'client';

export interface IdentityRequest {
  name: string;
  type: IdentityType;
  /** Certificate attributes (added to the enrollment certificate by default). */
  attrs?: Record<string, string>;
  /** Also enroll a TLS certificate valid for these host names. */
  tlsHosts?: string[];
}

/** Files of one enrolled identity, in the layout Fabric's MSP loader and the gateway expect. */
export interface IdentityFiles {
  dir: string;
  msp: string;
  cert: string;
  key: string;
  tlsCert: string;
  tlsKey: string;
  caCert: string;
}

export function identityFiles(dir: string): IdentityFiles {
  const msp = join(dir, 'msp');
  return {
    dir,
    msp,
    cert: join(msp, 'signcerts', 'cert.pem'),
    key: join(msp, 'keystore', 'key.pem'),
    tlsCert: join(dir, 'tls', 'cert.pem'),
    tlsKey: join(dir, 'tls', 'key.pem'),
    caCert: join(msp, 'cacerts', 'ca.pem'),
  };
}

const NODE_OUS = ['client', 'peer', 'admin', 'orderer'] as const;

/**
 * An MSP folder's config.yaml enabling NodeOUs: the CA writes the identity type into the OU, which is
 * how Fabric tells admins from clients. Names the root CA certificate as cacerts/ca.pem.
 */
export function nodeOusYaml(): string {
  const entry = (ou: string): string =>
    `  ${ou[0]?.toUpperCase()}${ou.slice(1)}OUIdentifier:\n    Certificate: cacerts/ca.pem\n    OrganizationalUnitIdentifier: ${ou}\n`;
  return `NodeOUs:\n  Enable: true\n${NODE_OUS.map(entry).join('')}`;
}

function onlyFile(dir: string): string {
  const files = readdirSync(dir);
  if (files.length !== 1 || !files[0]) throw new Error(`expected one file in ${dir}, found ${files.length}`);
  return join(dir, files[0]);
}

/** Renames what fabric-ca-client wrote (port-named CA files, hashed key names) to fixed names. */
function normalizeMsp(ctx: NetworkContext, org: string, files: IdentityFiles): void {
  renameSync(onlyFile(join(files.msp, 'keystore')), files.key);
  rmSync(join(files.msp, 'cacerts'), { recursive: true, force: true });
  mkdirSync(join(files.msp, 'cacerts'), { recursive: true });
  copyFileSync(ctx.paths.caCert(org), files.caCert);
  writeFileSync(join(files.msp, 'config.yaml'), nodeOusYaml());
}

function normalizeTls(tlsDir: string, files: IdentityFiles): void {
  renameSync(join(tlsDir, 'signcerts', 'cert.pem'), files.tlsCert);
  renameSync(onlyFile(join(tlsDir, 'keystore')), files.tlsKey);
  for (const sub of ['signcerts', 'keystore', 'tlscacerts', 'cacerts', 'user']) {
    rmSync(join(tlsDir, sub), { recursive: true, force: true });
  }
}

function attrsArg(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([key, value]) => `${key}=${value}:ecert`)
    .join(',');
}

async function register(
  ctx: NetworkContext,
  ca: CaNode,
  request: IdentityRequest,
  secret: string,
): Promise<void> {
  const registrar = await ensureRegistrar(ctx, ca);
  // The CA named here, not read from the registrar's config file: enrollments beside it rewrite theirs.
  const args = ['register', '-H', registrar, '-u', caBaseUrl(ca), '--id.name', request.name];
  args.push('--id.secret', secret);
  args.push('--id.type', request.type);
  if (request.attrs && Object.keys(request.attrs).length > 0)
    args.push('--id.attrs', attrsArg(request.attrs));
  try {
    await caClient(ctx, ca, args);
  } catch (error) {
    // A crash between register and enroll leaves the identity registered; its secret was kept.
    if (!(error instanceof CommandError && error.output.includes('already registered'))) throw error;
  }
}

/** Registers and enrolls an identity at its org's CA, once; later calls return the existing files. */
export async function enrollIdentity(
  ctx: NetworkContext,
  ca: CaNode,
  request: IdentityRequest,
): Promise<IdentityFiles> {
  const dir = ctx.paths.identity(ca.org, request.name);
  const files = identityFiles(dir);
  if (existsSync(files.cert) && existsSync(files.key)) return files;
  rmSync(dir, { recursive: true, force: true });
  const secret = identitySecret(join(ctx.paths.org(ca.org), 'secrets.json'), request.name);
  await register(ctx, ca, request, secret);
  const url = caUrl(ca, request.name, secret);
  // A home of its own, gone afterwards: the client writes its config file (with this URL) there.
  const home = join(dir, 'client-home');
  try {
    if (request.tlsHosts) {
      const tlsDir = join(dir, 'tls');
      const hosts = request.tlsHosts.join(',');
      const tlsArgs = [
        'enroll',
        '-u',
        url,
        '-M',
        tlsDir,
        '--enrollment.profile',
        'tls',
        '--csr.hosts',
        hosts,
      ];
      await caClient(ctx, ca, tlsArgs, home);
      normalizeTls(tlsDir, files);
    }
    const hosts = request.tlsHosts?.join(',') ?? request.name;
    await caClient(ctx, ca, ['enroll', '-u', url, '-M', files.msp, '--csr.hosts', hosts], home);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  normalizeMsp(ctx, ca.org, files);
  return files;
}
