import type { NetworkContext } from '@scf/network';
import { Consortium, PARTIES } from '../support/consortium.ts';
import { startTestNetwork } from '../support/test-network.ts';
import { cstDate } from '../support/values.ts';

export interface SharedLedger {
  ctx: NetworkContext;
  /** The test parties, registered; one session per identity, shared by the suites. */
  consortium: Consortium;
}

/**
 * The one network the suites of shared-ledger.integration.test.ts share: one
 * orderer, the production chaincode (no test-only contract), the test parties registered, a 1Y LPR in
 * force since 30 days ago and bank A's 5,000,000-yuan line for the core enterprise. No node APIs: these
 * suites talk to the ledger (and their own databases) directly.
 */
export async function startSharedLedger(): Promise<SharedLedger> {
  const ctx = await startTestNetwork(1, { testContracts: false });
  const consortium = new Consortium(ctx);
  await consortium.registerParties();
  await consortium.publishRate('1Y', 310, cstDate(-30));
  const bankA = await consortium.as('bankA', 'approver');
  const line = { debtorId: PARTIES.core.id, limit: '500000000', expiryDate: cstDate(365) };
  consortium.saw((await bankA.ledger.creditline.Grant(line)).blockNumber);
  await consortium.settle();
  return { ctx, consortium };
}
