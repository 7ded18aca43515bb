import { mkdirSync, readdirSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Blocks of ports that processes of this machine picked for servers, kept while the process lives:
 * a test network that is stopped (its ports free) must find them free again when it starts, though
 * other tests pick ports meanwhile. One empty file per block, `<base>-<span>-<pid>`.
 */
export const RESERVATIONS_DIR = join(tmpdir(), 'scf-port-blocks');

export interface PortBlock {
  base: number;
  span: number;
}

/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The blocks live processes reserved; reservations of dead processes are removed. */
export function reservedBlocks(dir = RESERVATIONS_DIR): PortBlock[] {
  mkdirSync(dir, { recursive: true });
  return readdirSync(dir).flatMap((name) => {
    const match = /^(\d+)-(\d+)-(\d+)$/.exec(name);
    if (!match) return [];
    const [base, span, pid] = match.slice(1).map(Number) as [number, number, number];
    if (alive(pid)) return [{ base, span }];
    try {
      unlinkSync(join(dir, name));
    } catch {
      // another process removed it first
    }
    return [];
  });
}

export function overlaps(a: PortBlock, b: PortBlock): boolean {
  return a.base < b.base + b.span && b.base < a.base + a.span;
}

/** Reserves the block for this process (until it exits). */
export function reserveBlock(block: PortBlock, dir = RESERVATIONS_DIR): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${String(block.base)}-${String(block.span)}-${String(process.pid)}`), '');
}

/**
 * Runs `body` while no other process of this machine does (a lock folder, made atomically), so that
 * two processes picking ports at once never reserve overlapping blocks.
 */
export async function withReservationLock<T>(body: () => Promise<T>, dir = RESERVATIONS_DIR): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, '.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmdirSync(lock);
      } catch {
        // released meanwhile
      }
      await sleep(10);
    }
  }
  try {
    return await body();
  } finally {
    rmdirSync(lock);
  }
}
