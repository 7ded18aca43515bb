import { fileURLToPath } from 'node:url';
import {
  httpOk,
  logTail,
  runningPid,
  startProcess,
  waitFor,
  type MemberPlan,
  type NetworkContext,
} from '@scf/network';
import { nodeEnv, nodeUrl } from './node-env.ts';

const SERVER = fileURLToPath(new URL('../server.ts', import.meta.url));
const START_TIMEOUT_MS = 180_000;

export function nodeProcessName(org: string): string {
  return `node-api-${org}`;
}

const healthy = (member: MemberPlan) => () => httpOk(`${nodeUrl(member)}/healthz`);

/**
 * Starts the org's node API as a background process of the network (so `npm stop` stops it too)
 * unless it already answers; waits until its /healthz says ok. Returns true if it had to start it.
 */
export async function ensureNode(ctx: NetworkContext, member: MemberPlan): Promise<boolean> {
  const name = nodeProcessName(member.name);
  if (runningPid(ctx.paths, name) !== undefined && (await healthy(member)())) return false;
  const env = await nodeEnv(ctx, member);
  ctx.log(`starting ${name} on ${nodeUrl(member)}`);
  // The chaincode's model files (shared enums) are CommonJS-looking TypeScript; Node loads them as ESM, noisily.
  const args = ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', SERVER];
  startProcess(ctx.paths, { name, command: process.execPath, args, env });
  const alive = async (): Promise<boolean> => {
    if (runningPid(ctx.paths, name) === undefined) {
      throw new Error(`${name} exited during start:\n${logTail(ctx.paths, name)}`);
    }
    return healthy(member)();
  };
  await waitFor(name, alive, START_TIMEOUT_MS, () => logTail(ctx.paths, name));
  return true;
}
