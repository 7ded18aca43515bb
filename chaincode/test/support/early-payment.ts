import { EarlyPaymentContract } from '../../src/contracts/early-payment-contract';
import type { EarlyPaymentOffer, Voucher } from '@scf/ledger-contract';
import { userOf } from './callers';
import type { MemoryLedger, TestCaller } from './memory-stub';
import { parse } from './parse';

export const earlyPayments = new EarlyPaymentContract();

export interface OfferInput {
  annualDiscountBps?: string;
  tierRatesJson?: string;
  budget?: string;
  validUntil?: string;
}

/** 6 % a year, 2,000,000 yuan, no tier rates, until closed: as the demo's core enterprise publishes. */
export async function publishOffer(
  ledger: MemoryLedger,
  input: OfferInput = {},
  caller: TestCaller = userOf('core', 'approver'),
): Promise<EarlyPaymentOffer> {
  const { annualDiscountBps = '600', tierRatesJson = '{}', budget = '200000000', validUntil = '' } = input;
  return parse<EarlyPaymentOffer>(
    await ledger.submit(caller, (ctx) =>
      earlyPayments.Publish(ctx, annualDiscountBps, tierRatesJson, budget, validUntil),
    ),
  );
}

export async function takeOffer(
  ledger: MemoryLedger,
  offerId: string,
  voucherId: string,
  caller: TestCaller = userOf('tier1', 'approver'),
): Promise<Voucher> {
  return parse<Voucher>(await ledger.submit(caller, (ctx) => earlyPayments.Take(ctx, offerId, voucherId)));
}
