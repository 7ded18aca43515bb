import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkContext } from './context.ts';
import { down } from './network.ts';
import { stopRequested } from './processes.ts';
import { Supervisor, WATCH_INTERVAL_MS, type SupervisorOptions } from './supervisor.ts';

export type WatchOptions = Pick<SupervisorOptions, 'observe' | 'restarters'>;

function log(message: string): void {
  process.stderr.write(`[watch ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/**
 * Claims the state folder for this watch: two watches would both restart the same dead process, and
 * the second start would lose the port to the first. Another watch's pid if one runs.
 */
function claimWatch(ctx: NetworkContext): { release: () => void } | number {
  const file = join(ctx.paths.root, 'watch.pid');
  const other = existsSync(file) ? Number(readFileSync(file, 'utf8')) : undefined;
  if (other !== undefined && other !== process.pid && alive(other)) return other;
  writeFileSync(file, String(process.pid));
  return {
    release: () => {
      if (existsSync(file) && Number(readFileSync(file, 'utf8')) === process.pid) rmSync(file);
    },
  };
}

/** Whether `pid` is a live watch (not a pid the system has since given to another program). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('watch');
  } catch {
    return false;
  }
}

/**
 * Heals the network in the foreground (`npm start`'s last step) until Ctrl-C, which stops every
 * process, or until `npm stop` in another terminal stopped them. Exit code 0 either way.
 */
export async function watchInForeground(ctx: NetworkContext, options: WatchOptions): Promise<number> {
  if (!existsSync(ctx.paths.root)) {
    log(`nothing to watch: ${ctx.paths.root} holds no network`);
    return 1;
  }
  const claim = claimWatch(ctx);
  if (typeof claim === 'number') {
    log(`another watch (pid ${claim}) already heals ${ctx.paths.root}`);
    return 1;
  }
  try {
    return await superviseUntilStopped(ctx, options);
  } finally {
    claim.release();
  }
}

async function superviseUntilStopped(ctx: NetworkContext, options: WatchOptions): Promise<number> {
  const supervisor = new Supervisor({ ...options, stopRequested: () => stopRequested(ctx.paths), log });
  const interrupt = (): void => {
    supervisor.stop();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  log(`checking every process every ${WATCH_INTERVAL_MS / 1000}s; restarting what dies`);
  const outcome = await supervisor.run();
  if (outcome === 'stopped elsewhere') {
    log('the network was stopped (npm stop); exiting');
    return 0;
  }
  process.stderr.write('\nstopping everything...\n');
  const stopped = await down(ctx);
  process.stderr.write(`stopped ${stopped.length} processes\n`);
  return 0;
}
