import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  httpOk,
  logTail,
  runningPid,
  startProcess,
  waitFor,
  type NetworkContext,
  type ProcessReport,
  type ProcessSpec,
} from '@scf/network';

const REGISTRY_MAIN = fileURLToPath(new URL('../../../registry/src/main.ts', import.meta.url));
export const REGISTRY_PROCESS = 'registry';
const START_TIMEOUT_MS = 30_000;
/**
 * The spare last port of the first member's block (+9): inside the network's port span, so a test
 * network on free ports gets a free registry port too.
 */
const PORT_OFFSET = 9;

/**
 * The demo's test registry: one for the whole consortium, as 中登 is one for the whole country, on the
 * consortium's host; a state folder that runs one org's share (`up --run`) runs its own on that org's
 * host, unless its operator names a real registry (SCF_REGISTRY_URL).
 */
function registryHost(ctx: NetworkContext): string {
  const [first] = ctx.local.members;
  return ctx.local.everything || !first ? ctx.topology.config.host : first.peer.host;
}

export function registryUrl(ctx: NetworkContext): string {
  return `http://${registryHost(ctx)}:${ctx.topology.config.basePort + PORT_OFFSET}`;
}

export function registryDataDir(ctx: NetworkContext): string {
  return join(ctx.paths.root, 'registry');
}

/** How the test registry runs: node on registry/src/main.ts, its registrations kept in the state folder. */
export function registryProcessSpec(ctx: NetworkContext): Omit<ProcessSpec, 'name'> {
  return {
    command: process.execPath,
    args: ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', REGISTRY_MAIN],
    env: {
      SCF_REGISTRY_HOST: registryHost(ctx),
      SCF_REGISTRY_PORT: String(ctx.topology.config.basePort + PORT_OFFSET),
      SCF_REGISTRY_DATA_DIR: registryDataDir(ctx),
    },
  };
}

/** Whether this state folder has run the registry: from then on it is part of the consortium. */
export function registryExpected(ctx: NetworkContext): boolean {
  return existsSync(registryDataDir(ctx)) || runningPid(ctx.paths, REGISTRY_PROCESS) !== undefined;
}

const answers = (ctx: NetworkContext) => (): Promise<boolean> => httpOk(`${registryUrl(ctx)}/healthz`);

/** Starts the test registry unless it runs and answers; waits until it answers. */
export async function ensureRegistry(ctx: NetworkContext): Promise<boolean> {
  const ready = answers(ctx);
  if (runningPid(ctx.paths, REGISTRY_PROCESS) !== undefined && (await ready())) return false;
  ctx.log(`starting the test registry on ${registryUrl(ctx)}`);
  startProcess(ctx.paths, { name: REGISTRY_PROCESS, ...registryProcessSpec(ctx) });
  const alive = async (): Promise<boolean> => {
    if (runningPid(ctx.paths, REGISTRY_PROCESS) === undefined) {
      throw new Error(`the registry exited during start:\n${logTail(ctx.paths, REGISTRY_PROCESS)}`);
    }
    return ready();
  };
  await waitFor(REGISTRY_PROCESS, alive, START_TIMEOUT_MS, () => logTail(ctx.paths, REGISTRY_PROCESS));
  return true;
}

/** The registry as `npm run status` shows it: healthy when its /healthz answers. */
export async function registryReport(ctx: NetworkContext): Promise<ProcessReport> {
  const pid = runningPid(ctx.paths, REGISTRY_PROCESS);
  const base = {
    name: REGISTRY_PROCESS,
    kind: 'registry' as const,
    org: 'consortium',
    endpoint: registryUrl(ctx),
    pid,
    log: ctx.paths.log(REGISTRY_PROCESS),
  };
  if (pid === undefined) return { ...base, state: 'STOPPED', detail: 'not running' };
  return (await answers(ctx)())
    ? { ...base, state: 'healthy', detail: 'answers /healthz' }
    : { ...base, state: 'UNHEALTHY', detail: '/healthz does not answer' };
}
