import { afterAll, beforeAll } from 'vitest';
import type { NetworkContext } from '@scf/network';
import { exposureSuite } from './rules/consortium-exposure.ts';
import { earlyPaymentSuite } from './rules/early-payment.ts';
import { fourEyesSuite } from './rules/four-eyes.ts';
import { lateInterestSuite } from './rules/late-interest.ts';
import { registrationSuite } from './rules/registration.ts';
import { startRulesNetwork } from './rules/rules-network.ts';
import { stopTestNetwork } from './support/test-network.ts';

/**
 * The 2025 rules for supply-chain vouchers and late payment on the real network, one suite per rule,
 * on one shared network (starting one per rule cost minutes of `npm test`). Order matters where a
 * suite changes what the others share: exposure's charter cap comes after registration's financings,
 * four eyes turns the core enterprise's switch back off when it ends, early payment closes its offer, and late interest, which restarts the core enterprise's node with its clock moved, comes last.
 */
let ctx: NetworkContext | undefined;
const network = (): NetworkContext => {
  if (!ctx) throw new Error('network did not start');
  return ctx;
};

beforeAll(async () => {
  ctx = await startRulesNetwork();
});

afterAll(async () => {
  await stopTestNetwork(ctx);
});

registrationSuite(network);
exposureSuite(network);
fourEyesSuite(network);
earlyPaymentSuite(network);
lateInterestSuite(network);
