import { dayBefore } from './calendar.ts';
import { DEMO_PASSWORD, demoEnterprise } from './demo-consortium.ts';
import { Flow, NodeClient } from './graphql-client.ts';

/** What the write-off part of the demo left: bank A's stages, and the financing it wrote off, if any. */
export interface WriteOffDemo {
  stages: number;
  financingId: string | undefined;
}

/** Bank A's provisioning: 1–30 days overdue 0 %, 31–90 20 %, 91–180 50 %, beyond 180 days 100 %. */
export const DEMO_WRITE_OFF_STAGES = [
  { fromDay: 1, toDay: 30, writeDownBps: 0 },
  { fromDay: 31, toDay: 90, writeDownBps: 2_000 },
  { fromDay: 91, toDay: 180, writeDownBps: 5_000 },
  { fromDay: 181, writeDownBps: 10_000 },
];

/** The reason the demo's write-off gives (one text, so the seed stays the same run after run). */
export const DEMO_WRITE_OFF_REASON = '核心企业逾期未付，催收无果，全额核销（演示数据）';

const SET_STAGES = `mutation($stages: [WriteOffStageInput!]!) { setWriteOffStages(stages: $stages) {
  transactionId blockNumber } }`;
const AS_OF = 'query { dashboard { asOf } }';
const OVERDUE = `query($filter: FinancingFilter) { financings(first: 20, filter: $filter,
  orderBy: { field: MATURITY_DATE, direction: ASC }) { edges { node { id voucher { status } } } } }`;
/** A voucher the ledger writes off: unpaid past maturity, not under dispute. */
const WRITABLE = ['OVERDUE', 'FINANCED'];
const RECORD = `mutation($financingId: ID!, $reason: String!) { recordWriteOff(financingId: $financingId,
  reason: $reason) { transactionId blockNumber } }`;

/**
 * Write-off stages in the demo (issue 13 item 4), after the overdue sweep: bank A's approver sets the
 * stages above, then writes off the disbursed financing of bank A that is longest past maturity (the
 * earliest maturity, its voucher not under dispute), when the history left one; its portfolio then shows every
 * stage, the written-off line and the totals. Bank B sets none, so its portfolio shows "not configured".
 */
export async function seedWriteOffs(urls: Record<string, string>): Promise<WriteOffDemo> {
  const bank = demoEnterprise('bankA');
  const url = urls[bank.org];
  if (!url) throw new Error(`no node API URL for org ${bank.org}`);
  const approver = await new NodeClient(url).login(`${bank.login}.approver`, DEMO_PASSWORD);
  const flow = new Flow();
  await flow.run(approver, SET_STAGES, { stages: DEMO_WRITE_OFF_STAGES });
  const { dashboard } = await approver.request<{ dashboard: { asOf: string } }>(AS_OF);
  const found = await approver.request<{
    financings: { edges: { node: { id: string; voucher: { status: string } | null } }[] };
  }>(OVERDUE, {
    filter: { statuses: ['DISBURSED'], bankId: bank.id, maturityDate: { to: dayBefore(dashboard.asOf) } },
  });
  const financingId = found.financings.edges.find(({ node }) => WRITABLE.includes(node.voucher?.status ?? ''))
    ?.node.id;
  if (financingId !== undefined) {
    await flow.run(approver, RECORD, { financingId, reason: DEMO_WRITE_OFF_REASON });
  }
  return { stages: DEMO_WRITE_OFF_STAGES.length, financingId };
}
