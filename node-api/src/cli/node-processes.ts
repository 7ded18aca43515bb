import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  type ProcessSpec,
} from '@scf/network';
import { nodeDir, nodeEnv, nodeUrl, portalUrl } from './node-env.ts';

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

/** Whether this state folder has run the org's node API: from then on it is part of the consortium. */
export function nodeExpected(ctx: NetworkContext, member: MemberPlan): boolean {
  return existsSync(nodeDir(ctx, member.name));
}

/** Written when the org's portal first starts: from then on it is part of the consortium. */
function portalMarker(ctx: NetworkContext, member: MemberPlan): string {
  return join(nodeDir(ctx, member.name), 'portal-started');
}

export function portalExpected(ctx: NetworkContext, member: MemberPlan): boolean {
  return existsSync(portalMarker(ctx, member)) || existsSync(ctx.paths.pid(portalProcessName(member.name)));
}

const healthy = (member: MemberPlan) => () => httpOk(`${nodeUrl(member)}/healthz`);

/** Starts a background process of the network (so `npm stop` stops it too) and waits until `ready`. */
async function startAndWait(
  ctx: NetworkContext,
  name: string,
  spec: Omit<ProcessSpec, 'name'>,
  ready: () => Promise<boolean>,
): Promise<void> {
  startProcess(ctx.paths, { name, ...spec });
  const alive = async (): Promise<boolean> => {
    if (runningPid(ctx.paths, name) === undefined) {
      throw new Error(`${name} exited during start:\n${logTail(ctx.paths, name)}`);
    }
    return ready();
  };
  await waitFor(name, alive, START_TIMEOUT_MS, () => logTail(ctx.paths, name));
}

export interface NodeOptions {
  clockShiftDays?: number;
  chaincodeTimeoutMs?: number;
  env?: Record<string, string>;
}

/** How the org's node API runs: node on server.ts with the environment of node-env.ts. */
export async function nodeProcessSpec(
  ctx: NetworkContext,
  member: MemberPlan,
  options: NodeOptions = {},
): Promise<Omit<ProcessSpec, 'name'>> {
  // The chaincode's model files (shared enums) are CommonJS-looking TypeScript; Node loads them as ESM, noisily.
  const args = ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', SERVER];
  const env = { ...(await nodeEnv(ctx, member)), ...options.env };
  if (options.clockShiftDays) {
    args.unshift('--import', SHIFTED_CLOCK);
    env.SCF_CLOCK_SHIFT_DAYS = String(options.clockShiftDays);
  }
  return { command: process.execPath, args, env };
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
  options: NodeOptions = {},
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
  await startAndWait(ctx, name, await nodeProcessSpec(ctx, member, options), ready);
  return true;
}

/**
 * Starts every given org's node API at once (each `ensureNode`): much of a start is waiting (its
 * PostgreSQL, its identities, the peer), so five side by side took 19 s where five in turn took 28 s.
 * Waits for all of them; then fails with the first failure, if any.
 */
export async function ensureNodes(
  ctx: NetworkContext,
  members: readonly MemberPlan[],
  options: NodeOptions = {},
): Promise<void> {
  await allOrFirstFailure(members.map((member) => ensureNode(ctx, member, options)));
}

async function allOrFirstFailure(starts: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(starts)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/** How the org's portal runs: the built portal (web/dist), talking to the org's node API only. */
export function portalProcessSpec(member: MemberPlan): Omit<ProcessSpec, 'name'> {
  const env = {
    SCF_NODE_API_URL: nodeUrl(member),
    SCF_PORTAL_HOST: member.peer.host,
    SCF_PORTAL_PORT: String(member.reserved.portal),
    SCF_ORG: member.name,
    SCF_PORTAL_DIST: PORTAL_DIST,
  };
  return { command: process.execPath, args: [PORTAL_SERVER], env };
}

/** Serves every given org's portal, all at once (each `ensurePortal`). */
export async function ensurePortals(ctx: NetworkContext, members: readonly MemberPlan[]): Promise<void> {
  await allOrFirstFailure(members.map((member) => ensurePortal(ctx, member)));
}

/** Serves the built portal (web/dist) for the org, talking to the org's node API only. */
export async function ensurePortal(ctx: NetworkContext, member: MemberPlan): Promise<boolean> {
  const name = portalProcessName(member.name);
  const url = portalUrl(member);
  const ready = () => httpOk(`${url}/config.json`);
  if (runningPid(ctx.paths, name) !== undefined && (await ready())) return false;
  ctx.log(`starting ${name} on ${url}`);
  await startAndWait(ctx, name, portalProcessSpec(member), ready);
  mkdirSync(nodeDir(ctx, member.name), { recursive: true });
  writeFileSync(portalMarker(ctx, member), url);
  return true;
}
