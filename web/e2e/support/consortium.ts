import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findMember, stopProcess, type NetworkContext } from '@scf/network';
import { portalUrl } from '../../../node-api/src/cli/node-env.ts';
import { ensureNode, ensurePortals, nodeProcessName } from '../../../node-api/src/cli/node-processes.ts';
import { seedDemo } from '../../../node-api/src/demo/seed.ts';
import { startNodeApis } from '../../../node-api/test/support/node-apis.ts';
import { startTestNetwork, stopTestNetwork } from '../../../node-api/test/support/test-network.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const WEB = join(REPO, 'web');
/** What the portal's build is made from. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((name) =>
  join(WEB, name),
);

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), 0);
}

/**
 * Builds web/dist unless a build newer than every source file is there already (`npm test`'s set-up
 * builds it; a test run right after editing the portal must not drive yesterday's build).
 */
export function ensurePortalBuild(): void {
  const built = join(WEB, 'dist', 'index.html');
  const sources = Math.max(...BUILD_INPUTS.filter((path) => existsSync(path)).map(newestChange));
  if (existsSync(built) && statSync(built).mtimeMs > sources) return;
  // Vitest runs with NODE_ENV=test, with which Vite would build the development portal (dev config).
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: REPO, env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm run build:web failed (${String(result.status)}):\n${result.stdout}${result.stderr}`);
  }
}

/** How far (100 days) a node's clock may be from the peers' while the tests shift it. */
const PEER_AUTH_TIMEWINDOW = '2400h';

/**
 * A whole consortium for the portal's end-to-end tests: a Fabric network of its own, every org's node
 * API with the demo enterprises, users, LPR and credit lines (no invoices), and every org's portal.
 */
export async function startConsortium(): Promise<NetworkContext> {
  ensurePortalBuild();
  // The peers read it when they start: they must accept a node whose clock runs at a voucher's maturity.
  const timeWindow = process.env.SCF_PEER_AUTH_TIMEWINDOW;
  process.env.SCF_PEER_AUTH_TIMEWINDOW = PEER_AUTH_TIMEWINDOW;
  let ctx: NetworkContext;
  try {
    ctx = await startTestNetwork(1);
  } finally {
    if (timeWindow === undefined) delete process.env.SCF_PEER_AUTH_TIMEWINDOW;
    else process.env.SCF_PEER_AUTH_TIMEWINDOW = timeWindow;
  }
  try {
    const urls = await startNodeApis(ctx);
    await seedDemo({ urls, invoices: 0, log: () => undefined });
    await ensurePortals(ctx, ctx.topology.members);
  } catch (error) {
    await stopTestNetwork(ctx);
    throw error;
  }
  return ctx;
}

export function portalOf(ctx: NetworkContext, org: string): string {
  return portalUrl(findMember(ctx.topology, org));
}

/**
 * Restarts an org's node API with its clock `days` ahead (at most 100, PEER_AUTH_TIMEWINDOW), so its
 * users act at a voucher's maturity.
 */
export async function restartNodeWithClock(ctx: NetworkContext, org: string, days: number): Promise<void> {
  const name = nodeProcessName(org);
  if (!(await stopProcess(ctx.paths, name))) throw new Error(`${name} is not running`);
  await ensureNode(ctx, findMember(ctx.topology, org), { clockShiftDays: days });
}
