/** The test registry's configuration, from the environment; a bad value stops it with the list of problems. */
export interface RegistryConfig {
  host: string;
  /** 0: any free port (the registry prints the one it got). */
  port: number;
  dataDir: string;
}

export const DEFAULT_REGISTRY_PORT = 7009;

export class RegistryConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = RegistryConfigError.name;
  }
}

/**
 * SCF_REGISTRY_DATA_DIR (required): where registrations.json lives. SCF_REGISTRY_HOST (default
 * 127.0.0.1: the registry trusts its callers, so it stays on loopback unless told otherwise).
 * SCF_REGISTRY_PORT (default 7009; 0 for any free port).
 */
export function loadRegistryConfig(env: NodeJS.ProcessEnv = process.env): RegistryConfig {
  const problems: string[] = [];
  const dataDir = env.SCF_REGISTRY_DATA_DIR ?? '';
  if (dataDir === '')
    problems.push('SCF_REGISTRY_DATA_DIR: required (the folder that keeps registrations.json)');
  const portText = env.SCF_REGISTRY_PORT ?? String(DEFAULT_REGISTRY_PORT);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65_535))
    problems.push(`SCF_REGISTRY_PORT: a port from 0 to 65535, got "${portText}"`);
  const host = env.SCF_REGISTRY_HOST ?? '127.0.0.1';
  if (host === '') problems.push('SCF_REGISTRY_HOST: must not be empty');
  if (problems.length > 0) {
    throw new RegistryConfigError(`invalid registry configuration:\n  ${problems.join('\n  ')}`);
  }
  return { host, port, dataDir };
}
