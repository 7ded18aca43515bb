import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';

/** Where scripts/install-fabric.sh put the Fabric binaries and their default config. */
export interface FabricTools {
  binDir: string;
  configDir: string;
  version: string;
}

export function fabricTools(): FabricTools {
  const envFile = join(process.env.SCF_TOOLS_DIR ?? join(REPO_ROOT, '.tools'), 'fabric', 'env');
  if (!existsSync(envFile)) {
    throw new Error(`Fabric binaries are not installed (${envFile} missing): run scripts/install-fabric.sh`);
  }
  const values = new Map<string, string>();
  for (const line of readFileSync(envFile, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values.set(line.slice(0, at), line.slice(at + 1));
  }
  const get = (key: string): string => {
    const value = values.get(key);
    if (!value) throw new Error(`${envFile} has no ${key}: run scripts/install-fabric.sh --force`);
    return value;
  };
  return {
    binDir: get('FABRIC_BIN_DIR'),
    configDir: get('FABRIC_CONFIG_DIR'),
    version: get('FABRIC_VERSION'),
  };
}

export function fabricBin(tools: FabricTools, name: string): string {
  return join(tools.binDir, name);
}
