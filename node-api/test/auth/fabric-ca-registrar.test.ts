import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fabricBin, fabricTools } from '../../../network/scripts/fabric-tools.ts';
import { CaError, CaErrorCodes, type EnrollmentRequest } from '../../src/auth/ca-registrar.ts';
import { FabricCaRegistrar, type FabricCaOptions } from '../../src/auth/fabric-ca-registrar.ts';
import { selfSignedCertificate } from '../support/certificates.ts';

interface Call {
  args: string[];
  env: Record<string, string>;
  homeMode: number | null;
}

const REQUEST: EnrollmentRequest = {
  name: 'alice.0a1b2c3d',
  enterpriseId: '91370200MA0C000021',
  role: 'approver',
};
const ENROLLMENT = selfSignedCertificate('alice.0a1b2c3d', {});

/**
 * A stand-in fabric-ca-client: records each call, writes an enrollment where `-M` points, or fails
 * the way the real client does when `failure` (printed output) is given.
 */
function fakeClient(
  dir: string,
  failure?: { on: string; output: string },
): { path: string; calls: () => Call[] } {
  const log = join(dir, 'calls.jsonl');
  const path = join(dir, 'fabric-ca-client');
  const script = `#!/usr/bin/env node
import { appendFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
const args = process.argv.slice(2);
const flag = (name) => args[args.indexOf(name) + 1];
const home = flag('-H');
let homeMode = null;
try { homeMode = statSync(home).mode & 0o777; } catch {}
appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, env: process.env, homeMode }) + '\\n');
const failure = ${JSON.stringify(failure ?? null)};
if (failure && failure.on === args[0]) { console.error(failure.output); process.exit(1); }
if (args[0] === 'enroll') {
  const msp = flag('-M');
  mkdirSync(msp + '/signcerts', { recursive: true });
  mkdirSync(msp + '/keystore', { recursive: true });
  writeFileSync(msp + '/signcerts/cert.pem', ${JSON.stringify(ENROLLMENT.certificatePem)});
  writeFileSync(msp + '/keystore/abc_sk', ${JSON.stringify(ENROLLMENT.privateKeyPem)});
}
`;
  writeFileSync(path, script, { mode: 0o755 });
  const calls = (): Call[] =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Call)
      : [];
  return { path, calls };
}

describe('fabric-ca-client registrar', () => {
  let dir: string;
  const options = (client: string): FabricCaOptions => ({
    url: 'https://127.0.0.1:7054/',
    caName: 'ca-supplier',
    tlsCertFile: join(dir, 'ca-cert.pem'),
    registrarHome: join(dir, 'registrar'),
    client,
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scf-ca-test-'));
    process.env.SCF_KEY_ENCRYPTION_KEY = 'must-not-reach-the-child';
  });
  afterEach(() => {
    delete process.env.SCF_KEY_ENCRYPTION_KEY;
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers with the attributes, enrolls in a private folder and removes it', async () => {
    const client = fakeClient(dir);
    const enrollment = await new FabricCaRegistrar(options(client.path)).enroll({
      ...REQUEST,
      secret: 's3cret-x',
    });
    expect(enrollment).toEqual(ENROLLMENT);

    const [register, enroll] = client.calls();
    expect(register?.args).toEqual([
      'register',
      '-H',
      join(dir, 'registrar'),
      '-u',
      'https://127.0.0.1:7054',
      '--caname',
      'ca-supplier',
      '--tls.certfiles',
      join(dir, 'ca-cert.pem'),
      '--id.name',
      'alice.0a1b2c3d',
      '--id.type',
      'client',
      '--id.maxenrollments',
      '1',
      '--id.attrs',
      'scf.enterpriseId=91370200MA0C000021:ecert,scf.role=approver:ecert',
    ]);
    expect(register?.env.FABRIC_CA_CLIENT_ID_SECRET).toBe('s3cret-x');
    expect(enroll?.args[0]).toBe('enroll');
    expect(enroll?.env.FABRIC_CA_CLIENT_URL).toBe('https://alice.0a1b2c3d:s3cret-x@127.0.0.1:7054');
    expect(enroll?.homeMode).toBe(0o700);
    for (const call of client.calls()) {
      expect(call.args.join(' ')).not.toContain('s3cret-x');
      expect(Object.keys(call.env).filter((name) => name.startsWith('SCF_'))).toEqual([]);
    }
    const home = enroll?.args[enroll.args.indexOf('-H') + 1] ?? '';
    expect(home).not.toBe('');
    expect(existsSync(home)).toBe(false);
  });

  it('makes up a secret when none is given', async () => {
    const client = fakeClient(dir);
    await new FabricCaRegistrar(options(client.path)).enroll(REQUEST);
    expect(client.calls()[0]?.env.FABRIC_CA_CLIENT_ID_SECRET).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it.each([
    [
      'register',
      "Error: Response from server: Error Code: 74 - Identity 'alice' is already registered",
      CaErrorCodes.AlreadyRegistered,
    ],
    [
      'register',
      'Error: POST failure of request: dial tcp 127.0.0.1:7054: connect: connection refused',
      CaErrorCodes.Unreachable,
    ],
    ['enroll', 'Error: Response from server: Error Code: 20 - Authentication failure', CaErrorCodes.Failed],
  ])('turns a failing %s into a typed error with the CA output', async (on, output, code) => {
    const client = fakeClient(dir, { on, output: `${output} (secret s3cret-x)` });
    const error: unknown = await new FabricCaRegistrar(options(client.path))
      .enroll({ ...REQUEST, secret: 's3cret-x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaError);
    expect((error as CaError).code).toBe(code);
    expect((error as CaError).output).toContain(output);
    expect((error as CaError).message).not.toContain('s3cret-x');
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('s3cret-x');
  });

  it('refuses names and ids that would smuggle in attributes, without running the client', async () => {
    const client = fakeClient(dir);
    const registrar = new FabricCaRegistrar(options(client.path));
    for (const request of [
      { ...REQUEST, enterpriseId: 'X,hf.Registrar.Roles=*' },
      { ...REQUEST, name: 'alice,bob' },
      { ...REQUEST, role: 'root' as EnrollmentRequest['role'] },
    ]) {
      await expect(registrar.enroll(request)).rejects.toMatchObject({ code: CaErrorCodes.InvalidRequest });
    }
    expect(client.calls()).toEqual([]);
  });

  it('says CA_UNREACHABLE when the real client finds no CA', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => {
          resolve(typeof address === 'object' && address ? address.port : 0);
        });
      });
    });
    // The client checks the registrar's enrollment and the TLS root file before it dials.
    const registrar = selfSignedCertificate('registrar', {});
    mkdirSync(join(dir, 'registrar', 'msp', 'signcerts'), { recursive: true });
    mkdirSync(join(dir, 'registrar', 'msp', 'keystore'), { recursive: true });
    writeFileSync(join(dir, 'registrar', 'msp', 'signcerts', 'cert.pem'), registrar.certificatePem);
    writeFileSync(join(dir, 'registrar', 'msp', 'keystore', 'key.pem'), registrar.privateKeyPem);
    writeFileSync(join(dir, 'ca-cert.pem'), registrar.certificatePem);
    const ca = new FabricCaRegistrar({
      ...options(fabricBin(fabricTools(), 'fabric-ca-client')),
      url: `https://127.0.0.1:${port}`,
    });
    await expect(ca.enroll(REQUEST)).rejects.toMatchObject({ code: CaErrorCodes.Unreachable });
  });
});
