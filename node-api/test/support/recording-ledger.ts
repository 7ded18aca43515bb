import type { ScfLedger } from '../../src/ledger/scf-ledger.ts';

/** One transaction a resolver tried to submit: `<namespace>.<method>` and its arguments. */
export interface Submission {
  call: string;
  args: unknown[];
}

/**
 * A stand-in for the user's ledger that submits nothing: it records every call and answers each as
 * committed, so a test can tell whether a mutation got as far as the ledger, and with which values.
 */
export function recordingLedger(): { ledgerAs: () => Promise<ScfLedger>; submissions: Submission[] } {
  const submissions: Submission[] = [];
  let block = 0n;
  const namespace = (name: string): object =>
    new Proxy(
      {},
      {
        get:
          (_target, method) =>
          (...args: unknown[]) => {
            submissions.push({ call: `${name}.${String(method)}`, args });
            block += 1n;
            return Promise.resolve({
              value: { id: `recorded-${String(block)}`, count: 0, children: [] },
              transactionId: block.toString(16).padStart(64, '0'),
              blockNumber: block,
            });
          },
      },
    );
  const ledger = new Proxy({}, { get: (_target, name) => namespace(String(name)) }) as unknown as ScfLedger;
  return { ledgerAs: () => Promise.resolve(ledger), submissions };
}
