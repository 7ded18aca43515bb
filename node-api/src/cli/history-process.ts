import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopProcess, type NetworkContext } from '@scf/network';
import { SHIFTED_CLOCK } from './node-processes.ts';
import { ensureRegistry, REGISTRY_PROCESS, registryDataDir } from './registry-process.ts';

const HISTORY_SEED = fileURLToPath(new URL('../demo/history-seed.ts', import.meta.url));
const HISTORY_TIMEOUT_MS = 600_000;

/**
 * Writes the demo's past year (demo/history-seed.ts) in a child process that moves its own clock
 * through the year (demo/shifted-clock.ts). Its banks register at the test registry's store with that
 * clock, so the test registry is stopped meanwhile and started again after: the registry stamps what
 * it is asked over HTTP with its own clock, and takes no time from its callers. Resolves with the
 * seeder's summary line.
 */
export async function writeHistory(ctx: NetworkContext): Promise<string> {
  if (process.env.SCF_REGISTRY_URL !== undefined) {
    throw new Error(
      'the demo history registers at the test registry: unset SCF_REGISTRY_URL to seed the demo',
    );
  }
  await stopProcess(ctx.paths, REGISTRY_PROCESS);
  try {
    return await runSeeder(ctx);
  } finally {
    await ensureRegistry(ctx);
  }
}

function runSeeder(ctx: NetworkContext): Promise<string> {
  const args = [
    '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
    '--import',
    SHIFTED_CLOCK,
    HISTORY_SEED,
    '--state-dir',
    ctx.paths.root,
    '--registry-dir',
    registryDataDir(ctx),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: HISTORY_TIMEOUT_MS,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output.trim());
      else reject(new Error(`demo history failed (${String(code)}):\n${output}`));
    });
  });
}
