import { afterAll, beforeAll } from 'vitest';
import type { NetworkContext } from '@scf/network';
import { databaseOutageSuite } from './faults/database-outage.ts';
import { keepaliveSuite } from './faults/keepalive.ts';
import { ledgerLifecycleSuite } from './faults/ledger-lifecycle.ts';
import { supervisionSuite } from './faults/supervision.ts';
import { startTestNetwork, stopTestNetwork } from './support/test-network.ts';

/**
 * Faults on one network of three orderers (starting one per suite cost minutes of `npm test`): the
 * network's own life cycle first, before any node API runs; then the supplier's node API outliving
 * its database; then idle connections pinged as a peer's gateway pings them; then the watch healing
 * every kind of process, which ends by stopping the network.
 */
let ctx: NetworkContext | undefined;
const network = (): NetworkContext => {
  if (!ctx) throw new Error('network did not start');
  return ctx;
};

beforeAll(async () => {
  ctx = await startTestNetwork(3);
});

afterAll(async () => {
  await stopTestNetwork(ctx);
});

ledgerLifecycleSuite(network);
databaseOutageSuite(network);
keepaliveSuite(network);
supervisionSuite(network);
