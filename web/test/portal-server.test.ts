// @vitest-environment node
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortalConfigError, readPortalConfig } from '../server/portal-config';
import { createPortalServer } from '../server/portal-server';

let dist: string;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'scf-portal-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><div id="app"></div>');
  await writeFile(join(dist, 'assets', 'app-abc123.js'), 'export {};');
  await writeFile(join(dist, 'favicon.svg'), '<svg/>');
  await writeFile(join(dist, '..', 'secret.txt'), 'no').catch(() => undefined);
  const server = createPortalServer({
    host: '127.0.0.1',
    port: 0,
    nodeApiUrl: 'http://127.0.0.1:7016',
    org: 'supplier',
    distDir: dist,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port.toString()}`;
  close = () =>
    new Promise((resolve) => {
      server.close(() => {
        resolve();
      });
    });
});

afterAll(async () => {
  await close();
  await rm(dist, { recursive: true, force: true });
});

describe('portal server', () => {
  it('answers /config.json from its environment, uncached', async () => {
    const response = await fetch(`${base}/config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ nodeApiUrl: 'http://127.0.0.1:7016', org: 'supplier' });
  });

  it('serves fingerprinted assets for a year with their content type, and a CSP naming the node API', async () => {
    const response = await fetch(`${base}/assets/app-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(response.headers.get('content-security-policy')).toContain(
      "connect-src 'self' http://127.0.0.1:7016",
    );
    expect((await fetch(`${base}/favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('falls back to index.html for the router’s paths, but not for missing assets', async () => {
    const page = await fetch(`${base}/vouchers/abc?x=1`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('id="app"');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the build', async () => {
    for (const path of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const response = await fetch(`${base}${path}`);
      expect(await response.text(), path).not.toBe('no');
    }
  });

  it('takes GET and HEAD only', async () => {
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/`, { method: 'HEAD' })).status).toBe(200);
  });
});

describe('portal server config', () => {
  it('reads the environment with defaults, and fails fast on a missing or bad value', () => {
    expect(readPortalConfig({ SCF_NODE_API_URL: 'http://127.0.0.1:7006/' })).toMatchObject({
      host: '127.0.0.1',
      port: 7007,
      nodeApiUrl: 'http://127.0.0.1:7006',
      org: null,
    });
    expect(
      readPortalConfig({
        SCF_NODE_API_URL: 'http://n:1',
        SCF_PORTAL_PORT: '7017',
        SCF_PORTAL_HOST: '0.0.0.0',
        SCF_ORG: 'supplier',
      }),
    ).toMatchObject({ host: '0.0.0.0', port: 7017, org: 'supplier' });
    expect(() => readPortalConfig({})).toThrow(PortalConfigError);
    expect(() => readPortalConfig({ SCF_NODE_API_URL: 'ftp://x' })).toThrow(PortalConfigError);
    expect(() => readPortalConfig({ SCF_NODE_API_URL: 'http://x', SCF_PORTAL_PORT: '70000' })).toThrow(
      PortalConfigError,
    );
  });
});
