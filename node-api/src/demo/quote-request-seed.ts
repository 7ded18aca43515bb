import { cstDay } from './calendar.ts';
import { DEMO_PASSWORD, demoEnterprise, type DemoKey } from './demo-consortium.ts';
import { Flow, NodeClient } from './graphql-client.ts';

/** Banks' offers and the SME's choice stay open this many days. */
const DEADLINE_DAYS = 7;

const CANDIDATE = `query($filter: VoucherFilter) { vouchers(first: 1, filter: $filter,
  orderBy: { field: MATURITY_DATE, direction: DESC }) { edges { node { id } } } }`;
const REQUEST = `mutation($v: ID!, $b: [ID!]!, $d: Date!) { requestQuotes(voucherId: $v, bankIds: $b, validUntil: $d) {
  transactionId blockNumber quoteRequest { id } } }`;
const OWN_OFFER = `query($id: ID!) { quoteRequest(id: $id) { offers { id } } }`;
const OFFER = `mutation($id: ID!, $t: OfferInput!) { offerFinancing(id: $id, terms: $t) { transactionId blockNumber } }`;

const approverOf = (urls: Record<string, string>, key: DemoKey): Promise<NodeClient> => {
  const enterprise = demoEnterprise(key);
  const url = urls[enterprise.org];
  if (!url) throw new Error(`no node API URL for org ${enterprise.org}`);
  return new NodeClient(url).login(`${enterprise.login}.approver`, DEMO_PASSWORD);
};

/**
 * A request for quotes in the demo (issue 13 item 1), before four eyes are turned on: tier 1 puts its
 * latest-maturing ACTIVE voucher to banks A and B; each offers privately (A without recourse, B with,
 * at a different spread), and both offers wait for the SME's choice on the voucher page.
 */
export async function seedQuoteRequest(urls: Record<string, string>): Promise<string | undefined> {
  const flow = new Flow();
  const holder = await approverOf(urls, 'tier1');
  const found = await holder.request<{ vouchers: { edges: { node: { id: string } }[] } }>(CANDIDATE, {
    filter: {
      statuses: ['ACTIVE'],
      holderId: demoEnterprise('tier1').id,
      maturityDate: { from: cstDay(DEADLINE_DAYS + 1) },
    },
  });
  const voucherId = found.vouchers.edges[0]?.node.id;
  if (voucherId === undefined) return undefined;
  const validUntil = cstDay(DEADLINE_DAYS);
  const banks = ['bankA', 'bankB'] as const;
  const requested = await flow.run<{ requestQuotes: { quoteRequest: { id: string } | null } }>(
    holder,
    REQUEST,
    {
      v: voucherId,
      b: banks.map((bank) => demoEnterprise(bank).id),
      d: validUntil,
    },
  );
  const requestId = requested.requestQuotes.quoteRequest?.id;
  if (requestId === undefined) return undefined;
  for (const [index, bank] of banks.entries()) {
    const approver = await approverOf(urls, bank);
    await flow.settle([approver]);
    const seen = await approver.request<{ quoteRequest: { offers: { id: string }[] } | null }>(OWN_OFFER, {
      id: requestId,
    });
    const financingId = seen.quoteRequest?.offers[0]?.id;
    if (financingId === undefined) continue;
    const terms = {
      advanceRateBps: 9000,
      spreadBps: 70 + 25 * index,
      fees: '50000',
      validUntil,
      recourse: bank === 'bankB',
    };
    await flow.run(approver, OFFER, { id: financingId, t: terms });
  }
  return requestId;
}
