import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import {
  CaError,
  CaErrorCodes,
  checkEnrollmentRequest,
  type CaErrorCode,
  type CaRegistrar,
  type Enrollment,
  type EnrollmentRequest,
} from './ca-registrar.ts';

export interface FabricCaOptions {
  /** The CA's base URL, e.g. https://ca.example:7054 (SCF_CA_URL). */
  url: string;
  caName: string;
  /** PEM file of the CA's TLS root. */
  tlsCertFile: string;
  /** fabric-ca-client home holding the registrar's enrolled msp/. */
  registrarHome: string;
  /** The fabric-ca-client binary (a path, or a name looked up on PATH). */
  client: string;
  timeoutMs?: number;
}

export function fabricCaOptions(
  config: Pick<
    Config,
    'SCF_CA_URL' | 'SCF_CA_NAME' | 'SCF_CA_TLS_CERT' | 'SCF_CA_REGISTRAR_HOME' | 'SCF_FABRIC_CA_CLIENT'
  >,
): FabricCaOptions {
  return {
    url: config.SCF_CA_URL,
    caName: config.SCF_CA_NAME,
    tlsCertFile: config.SCF_CA_TLS_CERT,
    registrarHome: config.SCF_CA_REGISTRAR_HOME,
    client: config.SCF_FABRIC_CA_CLIENT,
  };
}

const UNREACHABLE =
  /connection refused|no such host|i\/o timeout|POST failure of request|connection reset|tls:|x509:/i;
const ALREADY_REGISTERED = /Error Code: 74\b|is already registered/;

function classify(output: string): CaErrorCode {
  if (ALREADY_REGISTERED.test(output)) return CaErrorCodes.AlreadyRegistered;
  if (UNREACHABLE.test(output)) return CaErrorCodes.Unreachable;
  return CaErrorCodes.Failed;
}

/**
 * Registers and enrolls users by running fabric-ca-client (no shell). Secrets travel in the child's
 * environment, never in its arguments (visible to every local user in `ps`); the child gets no other
 * variable of this process, which holds the key encryption key. Every identity is of type `client`,
 * also for role admin: the chaincode authorizes enterprise registration by the scf.role attribute
 * alone, and an `admin` type would make a portal user an MSP admin of the whole org (chaincode
 * approvals, channel updates).
 */
export class FabricCaRegistrar implements CaRegistrar {
  private readonly options: FabricCaOptions;

  constructor(options: FabricCaOptions) {
    this.options = options;
  }

  async enroll(request: EnrollmentRequest): Promise<Enrollment> {
    checkEnrollmentRequest(request);
    const secret = request.secret ?? randomBytes(24).toString('base64url');
    // Private: the enrollment writes the new private key here.
    const home = await mkdtemp(join(tmpdir(), 'scf-enroll-'));
    try {
      await chmod(home, 0o700);
      await this.register(request, secret, home);
      const msp = join(home, 'msp');
      await this.run(['enroll', '-H', home, '-M', msp, ...this.caArgs()], secret, {
        HOME: home,
        FABRIC_CA_CLIENT_URL: this.enrollUrl(request.name, secret),
      });
      return await readEnrollment(msp);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }

  private async register(request: EnrollmentRequest, secret: string, home: string): Promise<void> {
    const attrs = `scf.enterpriseId=${request.enterpriseId}:ecert,scf.role=${request.role}:ecert`;
    const args = ['register', '-H', this.options.registrarHome, '-u', this.baseUrl(), ...this.caArgs()];
    // One enrollment per secret: the secret is worthless once this call has used it.
    args.push('--id.name', request.name, '--id.type', 'client', '--id.maxenrollments', '1');
    args.push('--id.attrs', attrs);
    await this.run(args, secret, { HOME: home, FABRIC_CA_CLIENT_ID_SECRET: secret });
  }

  private caArgs(): string[] {
    return ['--caname', this.options.caName, '--tls.certfiles', this.options.tlsCertFile];
  }

  /** The CA's base URL without a trailing slash: the client appends `/api/v1/...`, and `//` breaks it. */
  private baseUrl(): string {
    return this.options.url.replace(/\/+$/, '');
  }

  private enrollUrl(name: string, secret: string): string {
    const url = new URL(this.baseUrl());
    url.username = name;
    url.password = secret;
    return url.toString().replace(/\/+$/, '');
  }

  private run(args: string[], secret: string, env: Record<string, string>): Promise<void> {
    const redact = (text: string): string => text.split(secret).join('***').trim();
    return new Promise((resolve, reject) => {
      execFile(
        this.options.client,
        args,
        { env: { PATH: process.env.PATH ?? '', ...env }, timeout: this.options.timeoutMs ?? 30_000 },
        (error, stdout, stderr) => {
          if (!error) {
            resolve();
            return;
          }
          // No `cause`: the child's error message repeats its stderr, which is not redacted.
          const output = redact(`${stdout}\n${stderr}`);
          const code = error.killed ? CaErrorCodes.Unreachable : classify(output);
          const detail = lastLines(output) || redact(error.message);
          reject(new CaError(code, `fabric-ca-client ${args[0] ?? ''} failed`, detail));
        },
      );
    });
  }
}

function lastLines(text: string, count = 6): string {
  return text.split('\n').slice(-count).join('\n');
}

async function readEnrollment(msp: string): Promise<Enrollment> {
  const keys = await readdir(join(msp, 'keystore'));
  if (keys.length !== 1 || !keys[0]) {
    throw new CaError(CaErrorCodes.Failed, `expected one private key after enrollment, found ${keys.length}`);
  }
  return {
    certificatePem: await readFile(join(msp, 'signcerts', 'cert.pem'), 'utf8'),
    privateKeyPem: await readFile(join(msp, 'keystore', keys[0]), 'utf8'),
  };
}
