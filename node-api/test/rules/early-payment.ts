import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkContext } from '@scf/network';
import { demoEnterprise, type DemoKey } from '../../src/demo/demo-consortium.ts';
import { Flow, type NodeClient } from '../../src/demo/graphql-client.ts';
import { loginAs } from '../support/node-apis.ts';
import { confirmByCore, registerCoreInvoice } from './core-invoice.ts';
import { refusal } from './refusal.ts';

/** 1,000,000.00 yuan per voucher, due in 90 days: at 6 % a year, 15,000.00 of discount. */
const FACE = '100000000';
const PAID = '98500000';
const OFFER = `id status budget consumed budgetLeft taken annualDiscountBps`;
const PUBLISH = `mutation($input: PublishEarlyPaymentOfferInput!) { publishEarlyPaymentOffer(input: $input) {
  transactionId blockNumber offer { ${OFFER} } } }`;
const CLOSE = `mutation($id: ID!) { closeEarlyPaymentOffer(offerId: $id) {
  transactionId blockNumber offer { ${OFFER} } } }`;
const TAKE = `mutation($offerId: ID!, $voucherId: ID!) { takeEarlyPayment(offerId: $offerId, voucherId: $voucherId) {
  transactionId blockNumber voucher { id status paymentReference earlyPayment { offerId rateBps days discount paid } } } }`;
const QUOTE = `query($id: ID!) { earlyPaymentQuote(voucherId: $id) { offer { id } days rateBps discount paid blockedBy bank { choice } } }`;
const OPEN_OFFER = `query($id: ID!) { earlyPaymentOffer(debtorId: $id) { ${OFFER} } }`;
const FIGURES = `{ consortiumExposure { debtor { id } outstandingVouchers } }`;

interface OfferSeen {
  id: string;
  status: string;
  budget: string;
  consumed: string;
  budgetLeft: string;
  taken: number;
}

/**
 * Early payment by the core enterprise (issue 13 item 2) on the real network: the core publishes 6 % a
 * year with a budget of 1,000,000 yuan; every member sees it; another supplier cannot take the holder's
 * voucher; the holder's quote is 985,000 yuan now; taking it settles the voucher and lowers the core's
 * consortium-wide outstanding vouchers; taking it twice, or another voucher beyond the budget left, is
 * refused. The offer is closed at the end, so the suites after this one see no open offer.
 */
export function earlyPaymentSuite(network: () => NetworkContext): void {
  describe('early payment by the core enterprise', () => {
    const id = (key: DemoKey): string => demoEnterprise(key).id;
    const flow = new Flow();
    let tier1Clerk: NodeClient;
    let tier1: NodeClient;
    let tier2: NodeClient;
    let core: NodeClient;
    let bankB: NodeClient;
    let offer: OfferSeen | undefined;
    let first = '';
    let second = '';

    const outstanding = async (): Promise<bigint> => {
      const seen = await bankB.request<{
        consortiumExposure: { debtor: { id: string }; outstandingVouchers: string }[];
      }>(FIGURES);
      const row = seen.consortiumExposure.find((figures) => figures.debtor.id === id('core'));
      return BigInt(row?.outstandingVouchers ?? '0');
    };

    beforeAll(async () => {
      tier1Clerk = await loginAs(network(), 'tier1', 'clerk');
      tier1 = await loginAs(network(), 'tier1', 'approver');
      tier2 = await loginAs(network(), 'tier2', 'approver');
      core = await loginAs(network(), 'core', 'approver');
      bankB = await loginAs(network(), 'bankB', 'approver');
      first = await confirmByCore(
        flow,
        core,
        await registerCoreInvoice(flow, tier1Clerk, { number: 'IT-EARLY-001', amount: FACE }),
      );
      second = await confirmByCore(
        flow,
        core,
        await registerCoreInvoice(flow, tier1Clerk, { number: 'IT-EARLY-002', amount: FACE }),
      );
    });

    afterAll(async () => {
      if (offer?.status !== 'OPEN') return;
      const closed = await flow.run<{ closeEarlyPaymentOffer: { offer: OfferSeen } }>(core, CLOSE, {
        id: offer.id,
      });
      expect(closed.closeEarlyPaymentOffer.offer.status).toBe('CLOSED');
    });

    it('publishes the core’s offer, which every member sees', async () => {
      const published = await flow.run<{ publishEarlyPaymentOffer: { offer: OfferSeen } }>(core, PUBLISH, {
        input: { annualDiscountBps: 600, budget: FACE },
      });
      offer = published.publishEarlyPaymentOffer.offer;
      expect(offer).toMatchObject({ status: 'OPEN', budget: FACE, consumed: '0', taken: 0 });
      await flow.settle([bankB, tier1]);
      const seen = await bankB.request<{ earlyPaymentOffer: OfferSeen | null }>(OPEN_OFFER, {
        id: id('core'),
      });
      expect(seen.earlyPaymentOffer?.id).toBe(offer.id);
      // One open offer per debtor.
      expect(await refusal(core.request(PUBLISH, { input: { annualDiscountBps: 500, budget: '100' } }))).toBe(
        'ALREADY_EXISTS',
      );
    });

    it('quotes the holder 985,000.00 yuan now for 1,000,000.00 due in 90 days', async () => {
      const quote = await tier1.request<{ earlyPaymentQuote: Record<string, unknown> | null }>(QUOTE, {
        id: first,
      });
      expect(quote.earlyPaymentQuote).toEqual({
        offer: { id: offer?.id },
        days: 90,
        rateBps: 600,
        discount: '1500000',
        paid: PAID,
        blockedBy: null,
        bank: null,
      });
    });

    it('refuses another supplier taking the holder’s voucher, and the holder’s clerk', async () => {
      await flow.settle([tier2]);
      const take = { offerId: offer?.id ?? '', voucherId: first };
      expect(await refusal(tier2.request(TAKE, take))).toBe('FORBIDDEN');
      expect(await refusal(tier1Clerk.request(TAKE, take))).toBe('FORBIDDEN');
    });

    it('settles the voucher when the holder takes it, and the core’s outstanding vouchers drop by the face', async () => {
      const before = await outstanding();
      const taken = await flow.run<{
        takeEarlyPayment: { voucher: { status: string; earlyPayment: Record<string, unknown> | null } };
      }>(tier1, TAKE, { offerId: offer?.id ?? '', voucherId: first });
      expect(taken.takeEarlyPayment.voucher).toMatchObject({
        status: 'SETTLED',
        earlyPayment: { offerId: offer?.id, rateBps: 600, days: 90, discount: '1500000', paid: PAID },
      });
      await flow.settle([bankB, core]);
      expect(await outstanding()).toBe(before - BigInt(FACE));
      const seen = await core.request<{ earlyPaymentOffer: OfferSeen | null }>(OPEN_OFFER, {
        id: id('core'),
      });
      expect(seen.earlyPaymentOffer).toMatchObject({ consumed: PAID, budgetLeft: '1500000', taken: 1 });
    });

    it('refuses taking it twice, and another voucher beyond the budget left, writing nothing', async () => {
      const offerId = offer?.id ?? '';
      expect(await refusal(tier1.request(TAKE, { offerId, voucherId: first }))).toBe('INVALID_STATE');
      const quote = await tier1.request<{ earlyPaymentQuote: { blockedBy: string | null } | null }>(QUOTE, {
        id: second,
      });
      expect(quote.earlyPaymentQuote?.blockedBy).toBe('EARLY_PAYMENT_BUDGET_EXCEEDED');
      expect(await refusal(tier1.request(TAKE, { offerId, voucherId: second }))).toBe(
        'EARLY_PAYMENT_BUDGET_EXCEEDED',
      );
      const still = await tier1.request<{ voucher: { status: string } | null }>(
        'query($id: ID!) { voucher(id: $id) { status } }',
        { id: second },
      );
      expect(still.voucher?.status).toBe('ACTIVE');
    });
  });
}
