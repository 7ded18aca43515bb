import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REGISTRY_MAIN = fileURLToPath(new URL('../../../registry/src/main.ts', import.meta.url));
const LISTENING = /registry listening on (http:\/\/\S+)/;

export interface RegistryServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Stops the process (its data stays until `remove`). */
  stop: () => Promise<void>;
  remove: () => void;
}

/**
 * Starts the project's test registry as its own process on a free loopback port (it announces the
 * port it got), with its data in `dataDir` or a fresh temporary folder.
 */
export async function startRegistryServer(dataDir?: string): Promise<RegistryServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'scf-registry-'));
  const child = spawn(process.execPath, [REGISTRY_MAIN], {
    env: { PATH: process.env.PATH ?? '', SCF_REGISTRY_PORT: '0', SCF_REGISTRY_DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const seen = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = LISTENING.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => {
      reject(new Error(`the registry exited (${String(code)}) before it listened:\n${output}`));
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    url,
    dataDir: dir,
    process: child,
    stop,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
