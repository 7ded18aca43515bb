import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { PortalServerConfig } from './portal-config.ts';
import { findStaticFile } from './static-files.ts';

/** What the browser may load and call: itself, and this org's node API. */
function securityHeaders(config: PortalServerConfig): Record<string, string> {
  const api = new URL(config.nodeApiUrl).origin;
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self' ${api}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

function send(
  response: ServerResponse,
  status: number,
  body: Buffer | string,
  headers: Record<string, string>,
): void {
  response.writeHead(status, { 'content-length': Buffer.byteLength(body).toString(), ...headers });
  response.end(body);
}

/**
 * The portal for one org: /config.json from the environment, the build's files, and index.html for
 * every other path so the router can take it (the SPA fallback). Only GET and HEAD.
 */
export function createPortalServer(config: PortalServerConfig): Server {
  const security = securityHeaders(config);
  const runtimeConfig = JSON.stringify({ nodeApiUrl: config.nodeApiUrl, org: config.org });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'Method Not Allowed', {
        allow: 'GET, HEAD',
        'content-type': 'text/plain; charset=utf-8',
      });
      return;
    }
    const path = new URL(request.url ?? '/', 'http://portal').pathname;
    if (path === '/config.json') {
      send(response, 200, runtimeConfig, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      return;
    }
    if (path === '/healthz') {
      send(response, 200, 'ok', { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      return;
    }
    const file = await findStaticFile(config.distDir, path);
    if (file) {
      send(response, 200, file.body, {
        ...security,
        'content-type': file.contentType,
        'cache-control': file.cacheControl,
      });
      return;
    }
    // A missing asset is a 404; any other path is a page of the single-page app.
    if (path.startsWith('/assets/')) {
      send(response, 404, 'Not Found', { 'content-type': 'text/plain; charset=utf-8' });
      return;
    }
    const index = await findStaticFile(config.distDir, '/index.html');
    if (!index) {
      send(response, 503, 'The portal is not built: run npm run build:web', {
        'content-type': 'text/plain; charset=utf-8',
      });
      return;
    }
    send(response, 200, index.body, {
      ...security,
      'content-type': index.contentType,
      'cache-control': 'no-cache',
    });
  }

  return createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent)
        send(response, 500, 'Internal Server Error', { 'content-type': 'text/plain; charset=utf-8' });
      else response.destroy();
    });
  });
}
