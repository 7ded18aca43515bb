import type { Config } from '../config.ts';
import { HttpRegistryAdapter } from './http-registry-adapter.ts';
import type { RegistryAdapter } from './registry-adapter.ts';
import { RegistryUnavailableError } from './registry-errors.ts';

/** A node without a registry: every call says so, and no bank of it can disburse. */
const NO_REGISTRY: RegistryAdapter = {
  search: () =>
    Promise.reject(new RegistryUnavailableError('this node has no registry (set SCF_REGISTRY_URL)')),
  register: () =>
    Promise.reject(new RegistryUnavailableError('this node has no registry (set SCF_REGISTRY_URL)')),
};

/**
 * The registry this node's banks register at, from its configuration. A bank with its own registry
 * access builds its adapter here instead (node-api/README.md, "Registry").
 */
export function configuredRegistry(
  config: Pick<Config, 'SCF_REGISTRY_URL' | 'SCF_REGISTRY_TIMEOUT_MS'>,
): RegistryAdapter {
  return config.SCF_REGISTRY_URL === undefined
    ? NO_REGISTRY
    : new HttpRegistryAdapter(config.SCF_REGISTRY_URL, config.SCF_REGISTRY_TIMEOUT_MS);
}
