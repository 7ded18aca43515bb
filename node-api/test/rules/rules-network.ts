import type { NetworkContext } from '@scf/network';
import { seedDemo } from '../../src/demo/seed.ts';
import { startNodeApis } from '../support/node-apis.ts';
import { startTestNetwork } from '../support/test-network.ts';

/** How far (100 days) a node's clock may be from the peers' while a suite shifts the core node's. */
const PEER_AUTH_TIMEWINDOW = '2400h';

/**
 * The one network the 2025 rules' suites share (rules.integration.test.ts): one orderer, every
 * org's node API, and the demo's enterprises, users, rates and credit lines, with no vouchers: each
 * suite makes its own, under invoice numbers of its own.
 */
export async function startRulesNetwork(): Promise<NetworkContext> {
  const timeWindow = process.env.SCF_PEER_AUTH_TIMEWINDOW;
  process.env.SCF_PEER_AUTH_TIMEWINDOW = PEER_AUTH_TIMEWINDOW;
  let ctx: NetworkContext;
  try {
    ctx = await startTestNetwork(1);
  } finally {
    if (timeWindow === undefined) delete process.env.SCF_PEER_AUTH_TIMEWINDOW;
    else process.env.SCF_PEER_AUTH_TIMEWINDOW = timeWindow;
  }
  // The hostile-input suite sends thousands of requests from a handful of users: far above people's rate.
  const urls = await startNodeApis(ctx, { env: { SCF_RATE_LIMIT_PER_MINUTE: '1000000' } });
  await seedDemo({ urls, invoices: 0, concurrency: 4, log: () => undefined });
  return ctx;
}
