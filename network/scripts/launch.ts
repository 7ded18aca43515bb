import { START_TIMEOUT_MS, type NetworkContext } from './context.ts';
import { waitFor } from './health.ts';
import { logTail, runningPid, startProcess, type ProcessSpec } from './processes.ts';

/**
 * Starts a node unless its process is alive and `ready` holds, then waits until `ready` holds.
 * Returns true if it had to start the node. The spec is built only when a start is needed.
 */
export async function ensureRunning(
  ctx: NetworkContext,
  name: string,
  ready: () => Promise<boolean>,
  spec: () => Omit<ProcessSpec, 'name'>,
): Promise<boolean> {
  if (runningPid(ctx.paths, name) !== undefined && (await ready())) return false;
  startProcess(ctx.paths, { name, ...spec() });
  await waitFor(name, ready, START_TIMEOUT_MS, () => logTail(ctx.paths, name));
  return true;
}
