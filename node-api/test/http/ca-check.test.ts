import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caCheck } from '../../src/http/ca-check.ts';

/** A self-signed TLS certificate for 127.0.0.1, as a Fabric CA's TLS server has its own. */
function selfSigned(dir: string, name: string): { key: string; cert: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' }); // prettier-ignore
  return { key, cert };
}

describe('caCheck', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scf-ca-check-'));
  const ca = selfSigned(dir, 'ca');
  const stranger = selfSigned(dir, 'stranger');
  let answer: 'ok' | 'failure' | 'error' | 'silence' = 'ok';
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer({ key: readFileSync(ca.key), cert: readFileSync(ca.cert) }, (request, response) => {
      if (request.url !== '/cainfo' || answer === 'silence') return;
      if (answer === 'error') {
        response.writeHead(500).end();
        return;
      }
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({ result: { CAName: 'ca-supplier' }, errors: [], success: answer === 'ok' }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes when the CA answers /cainfo over TLS it can verify', async () => {
    answer = 'ok';
    await expect(caCheck({ SCF_CA_URL: url, SCF_CA_TLS_CERT: ca.cert }).check()).resolves.toBeUndefined();
  });

  it('fails when the TLS certificate is not the CA’s', async () => {
    answer = 'ok';
    await expect(caCheck({ SCF_CA_URL: url, SCF_CA_TLS_CERT: stranger.cert }).check()).rejects.toThrow();
  });

  it('fails when the CA answers without success or with an HTTP error', async () => {
    answer = 'failure';
    await expect(caCheck({ SCF_CA_URL: url, SCF_CA_TLS_CERT: ca.cert }).check()).rejects.toThrow(
      /without success/,
    );
    answer = 'error';
    await expect(caCheck({ SCF_CA_URL: url, SCF_CA_TLS_CERT: ca.cert }).check()).rejects.toThrow(/HTTP 500/);
  });

  it('fails when the CA does not answer in time', async () => {
    answer = 'silence';
    const started = Date.now();
    await expect(caCheck({ SCF_CA_URL: url, SCF_CA_TLS_CERT: ca.cert }, 200).check()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
