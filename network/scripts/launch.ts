import { START_TIMEOUT_MS, type NetworkContext } from './context.ts';
import { waitFor } from './health.ts';
import { logTail, runningPid, startProcess, type ProcessSpec } from './processes.ts';

/** A node's process ended while we waited for it to come up. */
export class NodeExitedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = NodeExitedError.name;
  }
}

/** Where to look when a node does not come up: its log file and the end of it. */
export function logHint(ctx: NetworkContext, name: string): string {
  return `${name} log ${ctx.paths.log(name)}:\n${logTail(ctx.paths, name)}`;
}

function assertAlive(ctx: NetworkContext, name: string): void {
  if (runningPid(ctx.paths, name) === undefined) {
    throw new NodeExitedError(
      `${name} is not running (it exited or was never started)\n${logHint(ctx, name)}`,
    );
  }
}

/**
 * Waits until `probe` holds for the node `name`, failing at once if its process is gone and after
 * the deadline otherwise; both errors name the node and its log (after `detail`, if given).
 */
export async function waitForNode(
  ctx: NetworkContext,
  name: string,
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = START_TIMEOUT_MS,
  detail: () => string = () => '',
): Promise<void> {
  const check = async (): Promise<boolean> => {
    assertAlive(ctx, name);
    return probe();
  };
  await waitFor(what, check, timeoutMs, () => [detail(), logHint(ctx, name)].filter(Boolean).join('\n'));
}

/**
 * Calls `request` (a client command against the node `name`) until it succeeds and returns its
 * result. A node whose health endpoint answers may still refuse its other ports for a while (an
 * orderer's admin API, a peer's gRPC port: both open only once the ledger is loaded), so every
 * first use of such a port goes through here.
 */
export async function whenAnswering<T>(
  ctx: NetworkContext,
  name: string,
  what: string,
  request: () => Promise<T>,
  timeoutMs = START_TIMEOUT_MS,
): Promise<T> {
  let result: { value: T } | undefined;
  let lastError = '';
  const probe = async (): Promise<boolean> => {
    try {
      result = { value: await request() };
      return true;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      return false;
    }
  };
  await waitForNode(ctx, name, what, probe, timeoutMs, () => `last attempt: ${lastError}`);
  if (!result) throw new Error(`${what}: no result`);
  return result.value;
}

/**
 * Starts a node unless its process is alive, then waits until `ready` holds. A live process that is
 * not ready yet (still loading a long ledger, say) is waited for, never started a second time.
 * Returns true if it had to start the node. The spec is built only when a start is needed.
 */
export async function ensureRunning(
  ctx: NetworkContext,
  name: string,
  ready: () => Promise<boolean>,
  spec: () => Omit<ProcessSpec, 'name'>,
): Promise<boolean> {
  const alive = runningPid(ctx.paths, name) !== undefined;
  if (alive && (await ready())) return false;
  if (!alive) startProcess(ctx.paths, { name, ...spec() });
  await waitForNode(ctx, name, `${name} (health endpoint)`, ready);
  return !alive;
}
