import { readFile } from 'node:fs/promises';
import { get } from 'node:https';
import { text } from 'node:stream/consumers';
import type { Config } from '../config.ts';
import type { HealthCheck } from './health.ts';

/**
 * The org's Fabric CA answers `/cainfo` over TLS, verified against the CA's own TLS certificate rather
 * than the system roots: without the CA no user can be created. The certificate is read on each check,
 * so a renewed one is picked up and a missing one fails the check instead of the start.
 */
export function caCheck(
  config: Pick<Config, 'SCF_CA_URL' | 'SCF_CA_TLS_CERT'>,
  timeoutMs = 3_000,
): HealthCheck {
  const base = config.SCF_CA_URL.endsWith('/') ? config.SCF_CA_URL : `${config.SCF_CA_URL}/`;
  const url = new URL('cainfo', base);
  return {
    name: 'ca',
    check: async () => {
      const ca = await readFile(config.SCF_CA_TLS_CERT);
      const info = JSON.parse(await getText(url, ca, timeoutMs)) as { success?: unknown };
      if (info.success !== true) throw new Error('the CA answered /cainfo without success');
    },
  };
}

function getText(url: URL, ca: Buffer, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, { ca, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`the CA answered /cainfo with HTTP ${String(response.statusCode)}`));
        return;
      }
      text(response).then(resolve, reject);
    });
    request.on('error', reject);
  });
}
