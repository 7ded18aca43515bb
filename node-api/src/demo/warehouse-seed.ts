import { cstDay } from './calendar.ts';
import { DEMO_PASSWORD, demoEnterprise, type DemoKey } from './demo-consortium.ts';
import { Flow, NodeClient } from './graphql-client.ts';

/** What the warehouse part of the demo left: the receipt financed at bank B, and the one released. */
export interface WarehouseDemo {
  financingId: string | undefined;
  releasedId: string | undefined;
}

/** The demo's two receipts, which the carrier keeps for tier 1. */
export const DEMO_RECEIPTS = [
  {
    number: 'WR-DEMO-0001',
    goods: '电解铜（A级）',
    quantity: 120,
    unit: 't',
    location: '青岛保税港区3号库12区',
  },
  {
    number: 'WR-DEMO-0002',
    goods: '冷轧硅钢卷',
    quantity: 48,
    unit: '卷',
    location: '青岛保税港区3号库07区',
  },
] as const;
/** What tier 1 borrows on the first receipt: 500,000 yuan, in fen. */
export const DEMO_PLEDGE_AMOUNT = '50000000';

const ISSUE = `mutation($input: IssueReceiptInput!) { issueReceipt(input: $input) {
  transactionId blockNumber warehouseReceipt { id } } }`;
const PLEDGE = `mutation($id: ID!, $bankId: String!, $amount: Fen!, $maturityDate: Date!) {
  pledgeReceipt(id: $id, bankId: $bankId, amount: $amount, maturityDate: $maturityDate) {
  transactionId blockNumber financing { id } } }`;
const OFFER = `mutation($id: ID!, $t: OfferInput!) { offerFinancing(id: $id, terms: $t) { transactionId blockNumber } }`;
const ACCEPT = `mutation($id: ID!) { acceptOffer(id: $id) { transactionId blockNumber } }`;
const DISBURSE = `mutation($id: ID!, $r: String!) { disburseFinancing(id: $id, paymentReference: $r) {
  transactionId blockNumber } }`;
const REQUEST_RELEASE = `mutation($id: ID!) { requestReceiptRelease(id: $id) { transactionId blockNumber } }`;
const CONFIRM_OUT = `mutation($id: ID!) { confirmGoodsOut(id: $id) { transactionId blockNumber } }`;

const login = (urls: Record<string, string>, key: DemoKey, role: string): Promise<NodeClient> => {
  const enterprise = demoEnterprise(key);
  const url = urls[enterprise.org];
  if (!url) throw new Error(`no node API URL for org ${enterprise.org}`);
  return new NodeClient(url).login(`${enterprise.login}.${role}`, DEMO_PASSWORD);
};

/**
 * Warehouse receipts in the demo (issue 13 item 6), before four eyes are turned on: the carrier, as
 * keeper, issues two receipts for tier 1 with an inspection report; tier 1 pledges the first to bank B
 * for 500,000 yuan over 90 days, bank B offers, tier 1 accepts and bank B registers the pledge and
 * disburses; tier 1 takes the goods of the second out (no bank to ask), the carrier confirms them out.
 */
export async function seedWarehouseReceipts(urls: Record<string, string>): Promise<WarehouseDemo> {
  const flow = new Flow();
  const keeper = await login(urls, 'carrier', 'clerk');
  const ids: string[] = [];
  for (const receipt of DEMO_RECEIPTS) {
    const report = await keeper.upload(
      `验货报告-${receipt.number}.txt`,
      'text/plain',
      new TextEncoder().encode(
        `验货报告 ${receipt.number}\n${receipt.goods} ${String(receipt.quantity)} ${receipt.unit}\n`,
      ),
    );
    const input = { ...receipt, ownerId: demoEnterprise('tier1').id, inspectionDocSha256: report };
    const done = await flow.run<{ issueReceipt: { warehouseReceipt: { id: string } | null } }>(
      keeper,
      ISSUE,
      {
        input,
      },
    );
    const id = done.issueReceipt.warehouseReceipt?.id;
    if (id) ids.push(id);
  }
  const [pledgedId, releasedId] = ids;
  const owner = await login(urls, 'tier1', 'approver');
  const bank = await login(urls, 'bankB', 'approver');
  let financingId: string | undefined;
  if (pledgedId) {
    const pledged = await flow.run<{ pledgeReceipt: { financing: { id: string } | null } }>(owner, PLEDGE, {
      id: pledgedId,
      bankId: demoEnterprise('bankB').id,
      amount: DEMO_PLEDGE_AMOUNT,
      maturityDate: cstDay(90),
    });
    financingId = pledged.pledgeReceipt.financing?.id;
  }
  if (financingId) {
    // Without recourse: the owner is already the debtor, there is no voucher to put back.
    const terms = {
      advanceRateBps: 8000,
      spreadBps: 120,
      fees: '30000',
      validUntil: cstDay(10),
      recourse: false,
    };
    await flow.run(bank, OFFER, { id: financingId, t: terms });
    await flow.run(owner, ACCEPT, { id: financingId });
    await flow.run(bank, DISBURSE, { id: financingId, r: `WR${cstDay(0).replaceAll('-', '')}0001` });
  }
  if (releasedId) {
    await flow.run(owner, REQUEST_RELEASE, { id: releasedId });
    await flow.run(keeper, CONFIRM_OUT, { id: releasedId });
  }
  return { financingId, releasedId };
}
