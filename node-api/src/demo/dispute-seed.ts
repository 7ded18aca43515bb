import { DEMO_PASSWORD, demoEnterprise } from './demo-consortium.ts';
import { Flow, NodeClient } from './graphql-client.ts';

const OVERDUE = `query { vouchers(first: 1, filter: { statuses: [OVERDUE] }, orderBy: { field: MATURITY_DATE, direction: ASC }) {
  edges { node { id amount } } } }`;
const DISPUTE = `mutation($id: ID!, $amount: Fen!, $reason: String!) {
  disputeVoucher(voucherId: $id, amount: $amount, reason: $reason) { transactionId blockNumber } }`;

/**
 * A dispute in the demo (decree 802 Art. 15), after the overdue sweep: the core enterprise's approver
 * disputes 30 % of its oldest overdue voucher for short delivery. The rest stays payable, with the
 * late interest it accrues since maturity; the disputed part waits for the holder. Returns the
 * voucher disputed, or nothing when no voucher is overdue.
 */
export async function seedDispute(coreUrl: string): Promise<string | undefined> {
  const approver = await new NodeClient(coreUrl).login(
    `${demoEnterprise('core').login}.approver`,
    DEMO_PASSWORD,
  );
  const found = await approver.request<{ vouchers: { edges: { node: { id: string; amount: string } }[] } }>(
    OVERDUE,
  );
  const voucher = found.vouchers.edges[0]?.node;
  if (!voucher) return undefined;
  const disputed = (BigInt(voucher.amount) * 3n) / 10n;
  await new Flow().run(approver, DISPUTE, {
    id: voucher.id,
    amount: disputed.toString(),
    reason: '到货短少：第 2 批 30% 未到（演示）',
  });
  return voucher.id;
}
