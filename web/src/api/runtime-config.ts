/** What one org's deployment tells its portal at run time (served as /config.json next to the build). */
export interface RuntimeConfig {
  /** The org's node API, e.g. `http://127.0.0.1:7006`. */
  nodeApiUrl: string;
  /** The org's name, for the header before login (the node's own nodeInfo wins once it answers). */
  org: string | null;
}

const DEV_NODE_API_URL = 'http://127.0.0.1:7006';

function parse(value: unknown): RuntimeConfig | null {
  if (value === null || typeof value !== 'object') return null;
  const { nodeApiUrl, org } = value as Record<string, unknown>;
  if (typeof nodeApiUrl !== 'string' || !URL.canParse(nodeApiUrl)) return null;
  return {
    nodeApiUrl: nodeApiUrl.replace(/\/+$/, ''),
    org: typeof org === 'string' && org !== '' ? org : null,
  };
}

/**
 * The built portal reads /config.json; the dev server has none and uses VITE_SCF_NODE_API_URL (default:
 * the core org's node API). Throws when a built portal has no usable config: better a clear error page
 * than a portal talking to the wrong node.
 */
export async function loadRuntimeConfig(
  fetchFn: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<RuntimeConfig> {
  if (import.meta.env.DEV) {
    return { nodeApiUrl: import.meta.env.VITE_SCF_NODE_API_URL ?? DEV_NODE_API_URL, org: null };
  }
  const response = await fetchFn('/config.json', { cache: 'no-store' });
  const config = response.ok ? parse(await response.json()) : null;
  if (!config) throw new Error('/config.json is missing or has no valid nodeApiUrl');
  return config;
}

export { parse as parseRuntimeConfig };
