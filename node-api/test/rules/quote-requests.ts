import { beforeAll, describe, expect, it } from 'vitest';
import { enrollUser, type NetworkContext } from '@scf/network';
import { demoEnterprise, type DemoKey } from '../../src/demo/demo-consortium.ts';
import { Flow, type NodeClient } from '../../src/demo/graphql-client.ts';
import { loginAs } from '../support/node-apis.ts';
import { sessionFor } from '../support/test-network.ts';
import { cstDate } from '../support/values.ts';
import { confirmByCore, registerCoreInvoice } from './core-invoice.ts';
import { refusal } from './refusal.ts';

/** Below what the exposure suite's cap leaves the core enterprise. */
const AMOUNT = '20000000';
const POLL = { timeout: 60_000, interval: 250 };
const REQUEST = `mutation($v: ID!, $b: [ID!]!, $d: Date!) { requestQuotes(voucherId: $v, bankIds: $b, validUntil: $d) {
  transactionId blockNumber quoteRequest { id } } }`;
const VIEW = `query($id: ID!) { quoteRequest(id: $id) { status
  offers { id status bank { id } terms { netProceeds annualRateBps fees recourse validUntil } } } }`;
const OFFER = `mutation($id: ID!, $t: OfferInput!) { offerFinancing(id: $id, terms: $t) { transactionId blockNumber } }`;
const ACCEPT = 'mutation($id: ID!) { acceptOffer(id: $id) { transactionId blockNumber } }';
const STATUS = 'query($id: ID!) { financing(id: $id) { status } }';
const VOUCHER = 'query($id: ID!) { voucher(id: $id) { status financing { id } quoteRequest { id } } }';

interface Offer {
  id: string;
  status: string;
  bank: { id: string };
  terms: { netProceeds: string; recourse: boolean } | null;
}

/**
 * A request for quotes on the real network (issue 13 item 1): tier 1 asks banks A and B at once; each
 * offers privately; bank B can read neither A's terms nor A's financing, through its node or on the
 * ledger; tier 1's node shows both side by side; accepting A's lapses B's on every node that may see
 * it, B can no longer offer nor tier 1 accept it, and the voucher is held for A's financing.
 */
export function quoteRequestSuite(network: () => NetworkContext): void {
  describe('a request for quotes to banks A and B', () => {
    const id = (key: DemoKey): string => demoEnterprise(key).id;
    const flow = new Flow();
    const validUntil = cstDate(5);
    let tier1: NodeClient;
    let requestId = '';
    let voucherId = '';
    const offers: Partial<Record<'bankA' | 'bankB', string>> = {};

    /** What bank B's own ledger identity gets asking for bank A's terms (on bank B's peer). */
    async function ledgerTermsAsBankB(financingId: string): Promise<unknown> {
      const session = sessionFor(
        network(),
        await enrollUser(network(), {
          org: demoEnterprise('bankB').org,
          name: 'it-rfq-bankb',
          enterpriseId: id('bankB'),
          role: 'approver',
        }),
      );
      try {
        return await session.ledger.financing.GetTerms({ financingId });
      } catch (error) {
        return (error as { code?: unknown }).code;
      } finally {
        session.connection.close();
      }
    }

    beforeAll(async () => {
      tier1 = await loginAs(network(), 'tier1', 'approver');
      const core = await loginAs(network(), 'core', 'approver');
      const invoiceId = await registerCoreInvoice(flow, tier1, { number: 'IT-RFQ-1', amount: AMOUNT });
      voucherId = await confirmByCore(flow, core, invoiceId);
      const requested = await flow.run<{ requestQuotes: { quoteRequest: { id: string } } }>(tier1, REQUEST, {
        v: voucherId,
        b: [id('bankB'), id('bankA')],
        d: validUntil,
      });
      requestId = requested.requestQuotes.quoteRequest.id;
    });

    it('lets each bank see and price its own financing only', async () => {
      for (const [index, bank] of (['bankA', 'bankB'] as const).entries()) {
        const approver = await loginAs(network(), bank, 'approver');
        await flow.settle([approver]);
        const seen = await approver.request<{ quoteRequest: { offers: Offer[] } }>(VIEW, { id: requestId });
        expect(seen.quoteRequest.offers.map((offer) => offer.bank.id)).toEqual([id(bank)]);
        const financingId = seen.quoteRequest.offers[0]?.id ?? '';
        offers[bank] = financingId;
        const terms = {
          advanceRateBps: 9000,
          spreadBps: 60 + 40 * index,
          fees: '30000',
          validUntil,
          recourse: index === 1,
        };
        await flow.run(approver, OFFER, { id: financingId, t: terms });
      }
    });

    it('keeps bank A’s terms from bank B, through its node and on the ledger', async () => {
      const bankB = await loginAs(network(), 'bankB', 'approver');
      await flow.settle([bankB]);
      const a = offers.bankA ?? '';
      expect((await bankB.request<{ financing: unknown }>(STATUS, { id: a })).financing).toBeNull();
      expect(await ledgerTermsAsBankB(a)).toBe('FORBIDDEN');
    });

    it('shows tier 1 both offers side by side with their terms', async () => {
      await expect
        .poll(async () => {
          const seen = await tier1.request<{ quoteRequest: { offers: Offer[] } }>(VIEW, { id: requestId });
          return seen.quoteRequest.offers.map((offer) => [
            offer.bank.id,
            offer.status,
            offer.terms?.recourse,
          ]);
        }, POLL)
        .toEqual(
          [
            [id('bankA'), 'OFFERED', false],
            [id('bankB'), 'OFFERED', true],
          ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
        );
    });

    it('lapses bank B’s offer on every node when tier 1 accepts bank A’s, and holds the voucher for it', async () => {
      await flow.run(tier1, ACCEPT, { id: offers.bankA });
      const b = offers.bankB ?? '';
      for (const key of ['tier1', 'bankB', 'core'] as const) {
        const client = await loginAs(network(), key, 'approver');
        await expect
          .poll(
            async () =>
              (await client.request<{ financing: { status: string } }>(STATUS, { id: b })).financing.status,
            POLL,
          )
          .toBe('LAPSED');
      }
      const voucher = await tier1.request<{ voucher: unknown }>(VOUCHER, { id: voucherId });
      expect(voucher.voucher).toEqual({
        status: 'FINANCING',
        financing: { id: offers.bankA },
        quoteRequest: null,
      });
      const seen = await tier1.request<{ quoteRequest: { status: string } }>(VIEW, { id: requestId });
      expect(seen.quoteRequest.status).toBe('ACCEPTED');
    });

    it('refuses bank B’s late offer and tier 1’s late acceptance of it', async () => {
      const bankB = await loginAs(network(), 'bankB', 'approver');
      const terms = { advanceRateBps: 9500, spreadBps: 10, fees: '0', validUntil, recourse: false };
      expect(await refusal(bankB.request(OFFER, { id: offers.bankB, t: terms }))).toBe('INVALID_STATE');
      expect(await refusal(tier1.request(ACCEPT, { id: offers.bankB }))).toBe('INVALID_STATE');
    });
  });
}
