import { afterAll, beforeAll } from 'vitest';
import { projectorSuite } from './shared-ledger/projector.ts';
import { scfLedgerSuite } from './shared-ledger/scf-ledger.ts';
import { startSharedLedger, type SharedLedger } from './shared-ledger/ledger-network.ts';
import { trustSuite } from './shared-ledger/trust.ts';
import { usersSuite } from './shared-ledger/users.ts';
import { stopTestNetwork } from './support/test-network.ts';

/**
 * Suites that talk to the ledger directly (no node APIs), on one shared network with the production
 * chaincode (starting one per suite cost minutes of `npm test`). The projector comes first: it counts
 * what it projects from block 0.
 */
let shared: SharedLedger | undefined;
const ledger = (): SharedLedger => {
  if (!shared) throw new Error('network did not start');
  return shared;
};

beforeAll(async () => {
  shared = await startSharedLedger();
});

afterAll(async () => {
  shared?.consortium.closeAll();
  await stopTestNetwork(shared?.ctx);
});

projectorSuite(ledger);
usersSuite(ledger);
scfLedgerSuite(ledger);
trustSuite(ledger);
