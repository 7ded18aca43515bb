import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFolderInUseError, LOCK_FILE, lockDataFolder } from '../../src/lifecycle/data-folder-lock.ts';

const dirs: string[] = [];
const children: ChildProcess[] = [];

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scf-lock-'));
  dirs.push(dir);
  return dir;
}

/** A live process with the given data folder in its environment, as a node API has. */
async function processOn(dataDir: string): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
    env: { SCF_DATA_DIR: dataDir },
    stdio: 'ignore',
  });
  children.push(child);
  await once(child, 'spawn');
  return child.pid ?? 0;
}

/** The pid of a process that has come and gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid ?? 0;
}

const holderOf = (dir: string): string => readFileSync(join(dir, LOCK_FILE), 'utf8').trim();

describe('the lock on a node data folder', () => {
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is taken with this process id, and given up on release', () => {
    const dir = scratch();
    const lock = lockDataFolder(dir);
    expect(holderOf(dir)).toBe(String(process.pid));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses while a node API of the folder runs, naming its pid', async () => {
    const dir = scratch();
    const pid = await processOn(dir);
    writeFileSync(join(dir, LOCK_FILE), `${String(pid)}\n`);
    expect(() => lockDataFolder(dir)).toThrow(DataFolderInUseError);
    expect(() => lockDataFolder(dir)).toThrow(`another node API (pid ${String(pid)}) is running on ${dir}`);
    expect(holderOf(dir)).toBe(String(pid));
  });

  it('takes over from a process that is gone, or that is no node API of this folder', async () => {
    for (const stale of [await deadPid(), await processOn(scratch()), 'not a pid']) {
      const dir = scratch();
      writeFileSync(join(dir, LOCK_FILE), `${String(stale)}\n`);
      const lock = lockDataFolder(dir);
      expect(holderOf(dir)).toBe(String(process.pid));
      lock.release();
    }
  });
});
