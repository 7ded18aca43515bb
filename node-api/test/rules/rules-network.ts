import type { NetworkContext } from '@scf/network';
import { writeHistory } from '../../src/cli/history-process.ts';
import { seedDemo, type SeedSummary } from '../../src/demo/seed.ts';
import { startNodeApis } from '../support/node-apis.ts';
import { startTestNetwork } from '../support/test-network.ts';

/** How far (100 days) a node's clock may be from the peers' while a suite shifts the core node's. */
const PEER_AUTH_TIMEWINDOW = '2400h';

/**
 * What the shared network's node APIs run with, also when a suite restarts one: the hostile-input suite
 * sends thousands of requests from a handful of users, far above people's rate.
 */
export const SHARED_NODE_ENV = { SCF_RATE_LIMIT_PER_MINUTE: '1000000' };

export interface SharedNetwork {
  ctx: NetworkContext;
  /** What the demo seed wrote today (the history is not counted): enterprises, users, rates, lines, 12 invoices. */
  seed: SeedSummary;
}

/**
 * The one network the suites of rules.integration.test.ts share: one orderer, every org's node API,
 * and the demo seeded with its year of history and 12 invoices of today. Each suite makes its own vouchers under invoice numbers of its
 * own, and asserts changes relative to what it found.
 */
export async function startRulesNetwork(): Promise<SharedNetwork> {
  const timeWindow = process.env.SCF_PEER_AUTH_TIMEWINDOW;
  process.env.SCF_PEER_AUTH_TIMEWINDOW = PEER_AUTH_TIMEWINDOW;
  let ctx: NetworkContext;
  try {
    ctx = await startTestNetwork(1);
  } finally {
    if (timeWindow === undefined) delete process.env.SCF_PEER_AUTH_TIMEWINDOW;
    else process.env.SCF_PEER_AUTH_TIMEWINDOW = timeWindow;
  }
  const urls = await startNodeApis(ctx, { env: SHARED_NODE_ENV });
  const seed = await seedDemo({
    urls,
    invoices: 12,
    concurrency: 4,
    log: () => undefined,
    // The demo's year of history, as `npm start` writes it, before today's business.
    afterSetup: async () => {
      await writeHistory(ctx);
    },
  });
  return { ctx, seed };
}
