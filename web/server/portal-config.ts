import { fileURLToPath } from 'node:url';

/** What one org's portal server needs, read once from the environment at start. */
export interface PortalServerConfig {
  host: string;
  port: number;
  /** The org's node API, handed to the browser in /config.json. */
  nodeApiUrl: string;
  /** The org's name (e.g. `core`), shown before login. */
  org: string | null;
  /** The built portal. */
  distDir: string;
}

export const USAGE = `Serves the built portal (web/dist) for one org.
Environment:
  SCF_NODE_API_URL   the org's node API, e.g. http://127.0.0.1:7006 (required)
  SCF_PORTAL_PORT    port to listen on (default 7007)
  SCF_PORTAL_HOST    address to bind (default 127.0.0.1)
  SCF_ORG            the org's name, shown on the login page (optional)
  SCF_PORTAL_DIST    folder of the build (default web/dist)`;

export class PortalConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = PortalConfigError.name;
  }
}

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 7007;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65_535) {
    throw new PortalConfigError(`SCF_PORTAL_PORT must be a port number, got ${JSON.stringify(value)}`);
  }
  return parsed;
}

function apiUrl(value: string | undefined): string {
  if (value === undefined || value === '') throw new PortalConfigError('SCF_NODE_API_URL is required');
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new PortalConfigError(`SCF_NODE_API_URL must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  return value.replace(/\/+$/, '');
}

/** Parses the environment; throws PortalConfigError naming the first bad variable. */
export function readPortalConfig(env: NodeJS.ProcessEnv): PortalServerConfig {
  return {
    host: env.SCF_PORTAL_HOST || '127.0.0.1',
    port: port(env.SCF_PORTAL_PORT),
    nodeApiUrl: apiUrl(env.SCF_NODE_API_URL),
    org: env.SCF_ORG || null,
    distDir: env.SCF_PORTAL_DIST || fileURLToPath(new URL('../dist/', import.meta.url)),
  };
}
