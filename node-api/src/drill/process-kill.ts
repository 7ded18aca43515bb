import { join } from 'node:path';
import { isRunning, type NetworkContext } from '@scf/network';
import { nodeDir } from '../cli/node-env.ts';
import { embeddedDatabaseFiles } from '../db/embedded-database-files.ts';
import { postmasterPid } from '../db/postmaster-leftovers.ts';

/** Whether a kill found its process gone already: nothing to do. */
function gone(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ESRCH';
}

/** kill -9: the process gets no chance to clean up, as after a crash or the OOM killer. */
export function killProcess(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if (!gone(error)) throw error;
  }
}

/**
 * kill -9 of a whole process group: a process the network started (its own group) and every child it
 * started, such as a chaincode server under its supervisor or the PostgreSQL of a node API.
 */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if (!gone(error)) throw error;
  }
}

/** The live postmaster of an org's embedded PostgreSQL, from its pid file. */
export function postmasterOf(ctx: NetworkContext, org: string): number | undefined {
  const { cluster } = embeddedDatabaseFiles(join(nodeDir(ctx, org), 'data'));
  const pid = postmasterPid(join(cluster, 'postmaster.pid'));
  return pid !== undefined && isRunning(pid) ? pid : undefined;
}
