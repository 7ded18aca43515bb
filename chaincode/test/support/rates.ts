import { RateContract } from '../../src/contracts/rate-contract';
import type { BenchmarkRate, IsoDate } from '@scf/ledger-contract';
import { userOf } from './callers';
import type { MemoryLedger } from './memory-stub';
import { parse } from './parse';

export const rates = new RateContract();

/** The one-year LPR the fixtures publish, in force from before the ledger's first business date. */
export const LPR_1Y = { rateBps: 310, effectiveDate: '2025-12-22' } as const;

/**
 * Publishes a rate as the default charter needs it: attested by both banks' admins, `bank` last,
 * so that its attestation completes the quorum and it is the publisher.
 */
export async function publishRate(
  ledger: MemoryLedger,
  tenor: string,
  rateBps: number,
  effectiveDate: IsoDate,
  bank: 'bankA' | 'bankB' = 'bankA',
): Promise<BenchmarkRate> {
  const attest = (attester: 'bankA' | 'bankB'): Promise<string> =>
    ledger.submit(userOf(attester, 'admin'), (ctx) =>
      rates.Publish(ctx, tenor, String(rateBps), effectiveDate),
    );
  await attest(bank === 'bankA' ? 'bankB' : 'bankA');
  return parse<BenchmarkRate>(await attest(bank));
}
