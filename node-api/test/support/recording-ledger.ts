import { ledgerClient, type ScfLedger } from '../../src/ledger/scf-ledger.ts';
import type { Contract } from '@hyperledger/fabric-gateway';
import { fakeContracts, type ContractCall } from './fake-contract.ts';

/** The node's real ledger client over stand-in contracts, whose writes count as applied at once. */
export function ledgerOver(contractOf: (namespace: string) => Contract): ScfLedger {
  return {
    ...ledgerClient(contractOf),
    waitForBlock: () => Promise.resolve(),
    tracked: (tracking) => ledgerClient(contractOf, tracking),
  };
}

/** One transaction a resolver tried to submit: `<namespace>.<TxName>` and its wire arguments. */
export type Submission = ContractCall;

/**
 * A stand-in for the user's ledger that submits nothing: the real client over fake contracts, which
 * record every call and answer each as committed, so a test can tell whether a mutation got as far
 * as the ledger, and with which values. Only submissions are listed: the queries a resolver asks
 * first (such as the exposure cap before a disbursement) are answered with no cap and not listed.
 */
export function recordingLedger(): { ledgerAs: () => Promise<ScfLedger>; submissions: Submission[] } {
  let answered = 0;
  const submissions: Submission[] = [];
  const { contractOf } = fakeContracts((call) => {
    if (call.via === 'evaluate') return {};
    submissions.push(call);
    answered += 1;
    return { id: `recorded-${String(answered)}`, count: 0, children: [] };
  });
  const ledger = ledgerOver(contractOf);
  return { ledgerAs: () => Promise.resolve(ledger), submissions };
}
