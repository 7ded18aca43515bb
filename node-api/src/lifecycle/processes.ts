import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRunning } from '@scf/network';

export { isRunning };

/** Waits until `pid` no longer runs; false if it still does after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

/**
 * A file of /proc/<pid> as text; undefined where there is no /proc (not Linux) or it may not be read
 * (another user's process, without root).
 */
export function procText(pid: number, entry: 'cmdline' | 'environ' | 'stat'): string | undefined {
  try {
    return readFileSync(`/proc/${String(pid)}/${entry}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** The working folder of a process, resolved; undefined where it cannot be told. */
export function procCwd(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${String(pid)}/cwd`);
  } catch {
    return undefined;
  }
}

/** Whether two paths name the same folder (links resolved); false if either does not exist. */
export function sameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
