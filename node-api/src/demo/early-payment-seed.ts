import { DEMO_PASSWORD, demoEnterprise, type DemoKey } from './demo-consortium.ts';
import { Flow, NodeClient } from './graphql-client.ts';

/** What the early-payment part of the demo left: the core's open offer, and the voucher paid early. */
export interface EarlyPaymentDemo {
  offerId: string;
  voucherId: string | undefined;
}

/** 6.00 % a year, a budget of 2,000,000.00 yuan. */
const OFFER = { annualDiscountBps: 600, budget: '200000000' };
const PUBLISH = `mutation($input: PublishEarlyPaymentOfferInput!) { publishEarlyPaymentOffer(input: $input) {
  transactionId blockNumber offer { id } } }`;
const CANDIDATES = `query($filter: VoucherFilter) { vouchers(first: 20, filter: $filter,
  orderBy: { field: MATURITY_DATE, direction: DESC }) { edges { node { id } } } }`;
const QUOTE = `query($id: ID!) { earlyPaymentQuote(voucherId: $id) { blockedBy } }`;
const TAKE = `mutation($offerId: ID!, $voucherId: ID!) { takeEarlyPayment(offerId: $offerId, voucherId: $voucherId) {
  transactionId blockNumber } }`;

const approverOf = (urls: Record<string, string>, key: DemoKey): Promise<NodeClient> => {
  const enterprise = demoEnterprise(key);
  const url = urls[enterprise.org];
  if (!url) throw new Error(`no node API URL for org ${enterprise.org}`);
  return new NodeClient(url).login(`${enterprise.login}.approver`, DEMO_PASSWORD);
};

/**
 * Early payment in the demo (issue 13 item 2), before four eyes are turned on: the core enterprise
 * (海川) publishes 6 % a year with a 2,000,000-yuan budget, and tier 1 takes it for the latest-maturing
 * of its ACTIVE vouchers that the budget covers; the others show tier 1 "bank quote vs early payment".
 */
export async function seedEarlyPayment(urls: Record<string, string>): Promise<EarlyPaymentDemo> {
  const flow = new Flow();
  const core = await approverOf(urls, 'core');
  const published = await flow.run<{ publishEarlyPaymentOffer: { offer: { id: string } } }>(core, PUBLISH, {
    input: OFFER,
  });
  const offerId = published.publishEarlyPaymentOffer.offer.id;
  const holder = await approverOf(urls, 'tier1');
  await flow.settle([holder]);
  const found = await holder.request<{ vouchers: { edges: { node: { id: string } }[] } }>(CANDIDATES, {
    filter: {
      statuses: ['ACTIVE'],
      holderId: demoEnterprise('tier1').id,
      debtorId: demoEnterprise('core').id,
    },
  });
  for (const { node } of found.vouchers.edges) {
    const quote = await holder.request<{ earlyPaymentQuote: { blockedBy: string | null } | null }>(QUOTE, {
      id: node.id,
    });
    if (quote.earlyPaymentQuote?.blockedBy !== null) continue;
    await flow.run(holder, TAKE, { offerId, voucherId: node.id });
    return { offerId, voucherId: node.id };
  }
  return { offerId, voucherId: undefined };
}
