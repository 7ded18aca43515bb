import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isRunning, procCwd, procText, sameFolder, waitForExit } from '../lifecycle/processes.ts';

/** How long a left-over server gets for its fast shutdown (it rolls back open transactions). */
const SHUTDOWN_DEADLINE_MS = 30_000;

/**
 * Makes way for this node's server in `cluster`, whatever an earlier run left there:
 * - a `postmaster.pid` whose process is gone (or is no PostgreSQL of this cluster) is removed;
 * - a PostgreSQL of this cluster still running is an orphan of a node API that died without stopping
 *   it (the caller holds the data folder's lock, so no live node API owns it): it gets a fast shutdown
 *   (SIGINT) and is waited for, and removes its own pid file as it goes.
 * The pid file of a live server is never deleted; one that can't be told apart (no /proc, or another
 * user's process) stops the start with an error that names it.
 */
export async function clearLeftovers(cluster: string, log: (message: string) => void): Promise<void> {
  const file = join(cluster, 'postmaster.pid');
  const pid = postmasterPid(file);
  if (pid === undefined) return;
  if (!isRunning(pid)) {
    log(`removing the stale ${file} of PostgreSQL ${String(pid)}, which no longer runs`);
    rmSync(file, { force: true });
    return;
  }
  const owner = serverOf(pid, cluster);
  if (owner === 'other') {
    log(`removing the stale ${file}: process ${String(pid)} is not a PostgreSQL of this cluster`);
    rmSync(file, { force: true });
    return;
  }
  if (owner === 'unknown') {
    throw new Error(
      `${file} names process ${String(pid)}, which runs but cannot be inspected; ` +
        'if it is a PostgreSQL of this cluster, stop it; if not, remove the file',
    );
  }
  log(`shutting down PostgreSQL ${String(pid)}, left running on ${cluster} by a node API that died`);
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, SHUTDOWN_DEADLINE_MS))) {
    throw new Error(
      `the left-over PostgreSQL ${String(pid)} on ${cluster} did not shut down within ` +
        `${String(SHUTDOWN_DEADLINE_MS / 1000)} s; stop it (kill -QUIT ${String(pid)}) and start again`,
    );
  }
}

/** The server's pid from the first line of its pid file (negative for a single-user server). */
export function postmasterPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Math.abs(Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10));
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Whether a live process is a PostgreSQL server of `cluster`: a `postgres` binary whose working folder
 * is the cluster (the server moves there as it starts, whatever path it was given).
 */
function serverOf(pid: number, cluster: string): 'ours' | 'other' | 'unknown' {
  const argv0 = procText(pid, 'cmdline')?.split('\0')[0];
  if (argv0 === undefined) return 'unknown';
  if (basename(argv0) !== 'postgres') return 'other';
  const cwd = procCwd(pid);
  if (cwd === undefined) return 'unknown';
  return sameFolder(cwd, cluster) ? 'ours' : 'other';
}
