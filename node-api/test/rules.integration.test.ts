import { afterAll, beforeAll } from 'vitest';
import type { NetworkContext } from '@scf/network';
import type { SeedSummary } from '../src/demo/seed.ts';
import { graphqlNodesSuite } from './graphql/graphql-nodes.ts';
import { demoHistorySuite } from './history/demo-history.ts';
import { hostileInputSuite } from './hostile/hostile-input.ts';
import { idempotencySuite } from './idempotency/idempotency.ts';
import { exposureSuite } from './rules/consortium-exposure.ts';
import { dilutionSuite } from './rules/dilution.ts';
import { fourEyesDisburseSuite } from './rules/four-eyes-disburse.ts';
import { fourEyesOfferSuite } from './rules/four-eyes-offer.ts';
import { earlyPaymentSuite } from './rules/early-payment.ts';
import { fourEyesSuite } from './rules/four-eyes.ts';
import { lateInterestSuite } from './rules/late-interest.ts';
import { quoteRequestSuite } from './rules/quote-requests.ts';
import { recourseSuite } from './rules/recourse.ts';
import { registrationSuite } from './rules/registration.ts';
import { startRulesNetwork, type SharedNetwork } from './rules/rules-network.ts';
import { warehouseReceiptsSuite } from './rules/warehouse-receipts.ts';
import { writeOffSuite } from './rules/write-off.ts';
import { nodeSecuritySuite } from './security/node-security.ts';
import { stopTestNetwork } from './support/test-network.ts';

/**
 * The node APIs, the demo's history and the 2025 rules for supply-chain vouchers and late payment on
 * the real network, one suite per concern, on one shared network with the demo seeded (starting one per
 * suite cost minutes of `npm test`). Order matters where a suite changes what the others share: the
 * history is checked first, before anyone else writes; hostile input next, as it checks that thousands
 * of bad requests write nothing; exposure's charter cap comes after registration's financings; four eyes
 * turns the core enterprise's and bank A's switches back off when it ends; the request for quotes
 * has banks A and B offer with four eyes off and leaves bank A's accepted, undisbursed; early payment closes its
 * offer; write-offs set bank A's stages and write off the history's overdue financing of bank A;
 * dilution finances a voucher below what the exposure cap leaves, with four eyes off again; recourse
 * demands and records the buy-back of the history's overdue financing of bank B, which the debtor then
 * pays to the SME;
 * late interest restarts the core enterprise's node with its clock moved; warehouse receipts pledge one
 * of the carrier's receipts at bank A and release it; the node's security locks an
 * account of its own; and idempotency, which stops a chaincode server and then every orderer, comes
 * last.
 */
let shared: SharedNetwork | undefined;
const started = (): SharedNetwork => {
  if (!shared) throw new Error('network did not start');
  return shared;
};
const network = (): NetworkContext => started().ctx;
const seed = (): SeedSummary => started().seed;

// The seed writes the demo's year of history: minutes on a loaded machine.
beforeAll(async () => {
  shared = await startRulesNetwork();
}, 900_000);

afterAll(async () => {
  await stopTestNetwork(shared?.ctx);
});

demoHistorySuite(network);
hostileInputSuite(network);
graphqlNodesSuite(network, seed);
registrationSuite(network);
exposureSuite(network);
fourEyesSuite(network);
fourEyesDisburseSuite(network);
fourEyesOfferSuite(network);
quoteRequestSuite(network);
earlyPaymentSuite(network);
writeOffSuite(network);
dilutionSuite(network);
recourseSuite(network);
lateInterestSuite(network);
warehouseReceiptsSuite(network);
nodeSecuritySuite(network);
idempotencySuite(network);
