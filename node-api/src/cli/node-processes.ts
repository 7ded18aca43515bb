import { fileURLToPath } from 'node:url';
import {
  httpOk,
  logTail,
  runningPid,
  startProcess,
  waitFor,
  waitForChaincode,
  type MemberPlan,
  type NetworkContext,
} from '@scf/network';
import { nodeEnv, nodeUrl, portalUrl } from './node-env.ts';

const SERVER = fileURLToPath(new URL('../server.ts', import.meta.url));
export const SHIFTED_CLOCK = fileURLToPath(new URL('../demo/shifted-clock.ts', import.meta.url));
const PORTAL_SERVER = fileURLToPath(new URL('../../../web/server/serve.ts', import.meta.url));
export const PORTAL_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));
const START_TIMEOUT_MS = 180_000;

export function nodeProcessName(org: string): string {
  return `node-api-${org}`;
}

export function portalProcessName(org: string): string {
  return `portal-${org}`;
}

const healthy = (member: MemberPlan) => () => httpOk(`${nodeUrl(member)}/healthz`);

/** Starts a background process of the network (so `npm stop` stops it too) and waits until `ready`. */
async function startAndWait(
  ctx: NetworkContext,
  name: string,
  spec: { args: string[]; env: Record<string, string> },
  ready: () => Promise<boolean>,
): Promise<void> {
  startProcess(ctx.paths, { name, command: process.execPath, ...spec });
  const alive = async (): Promise<boolean> => {
    if (runningPid(ctx.paths, name) === undefined) {
      throw new Error(`${name} exited during start:\n${logTail(ctx.paths, name)}`);
    }
    return ready();
  };
  await waitFor(name, alive, START_TIMEOUT_MS, () => logTail(ctx.paths, name));
}

/**
 * Starts the org's node API unless it already runs; waits until its /healthz says ok (also for one that
 * runs already: it heals by itself, e.g. restarts its database).
 * It reads the ledger as it starts, so first the chaincode must answer on the org's peer: a network
 * still coming up is waited for (`chaincodeTimeoutMs`, default a minute), not crashed into.
 * `clockShiftDays` runs it with its clock moved (demo/shifted-clock.ts): tests use it to act at a
 * voucher's maturity; the peers must then accept the skew (SCF_PEER_AUTH_TIMEWINDOW). `env` overrides
 * the node's environment (tests: SCF_RATE_LIMIT_PER_MINUTE, say).
 */
export async function ensureNode(
  ctx: NetworkContext,
  member: MemberPlan,
  options: { clockShiftDays?: number; chaincodeTimeoutMs?: number; env?: Record<string, string> } = {},
): Promise<boolean> {
  const name = nodeProcessName(member.name);
  const ready = healthy(member);
  if (runningPid(ctx.paths, name) !== undefined) {
    // Running but not healthy (its database restarting, its peer away): a second one would only be
    // refused on the data folder's lock, and would take this one's place in the process records.
    if (!(await ready())) await waitFor(name, ready, START_TIMEOUT_MS, () => logTail(ctx.paths, name));
    return false;
  }
  await waitForChaincode(ctx, member, options.chaincodeTimeoutMs);
  ctx.log(`starting ${name} on ${nodeUrl(member)}`);
  // The chaincode's model files (shared enums) are CommonJS-looking TypeScript; Node loads them as ESM, noisily.
  const args = ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', SERVER];
  const env = { ...(await nodeEnv(ctx, member)), ...options.env };
  if (options.clockShiftDays) {
    args.unshift('--import', SHIFTED_CLOCK);
    env.SCF_CLOCK_SHIFT_DAYS = String(options.clockShiftDays);
  }
  await startAndWait(ctx, name, { args, env }, ready);
  return true;
}

/** Serves the built portal (web/dist) for the org, talking to the org's node API only. */
export async function ensurePortal(ctx: NetworkContext, member: MemberPlan): Promise<boolean> {
  const name = portalProcessName(member.name);
  const url = portalUrl(member);
  const ready = () => httpOk(`${url}/config.json`);
  if (runningPid(ctx.paths, name) !== undefined && (await ready())) return false;
  ctx.log(`starting ${name} on ${url}`);
  const env = {
    SCF_NODE_API_URL: nodeUrl(member),
    SCF_PORTAL_HOST: member.peer.host,
    SCF_PORTAL_PORT: String(member.reserved.portal),
    SCF_ORG: member.name,
    SCF_PORTAL_DIST: PORTAL_DIST,
  };
  await startAndWait(ctx, name, { args: [PORTAL_SERVER], env }, ready);
  return true;
}
