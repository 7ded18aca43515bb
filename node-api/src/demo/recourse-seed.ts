import { dayBefore } from './calendar.ts';
import { DEMO_PASSWORD, demoEnterprise } from './demo-consortium.ts';
import { Flow, NodeClient } from './graphql-client.ts';

/** The bank whose demo offers are with recourse (bank B); bank A's are without, and it writes off. */
export const DEMO_RECOURSE_BANK = 'bankB';

const AS_OF = 'query { dashboard { asOf } }';
const OVERDUE = `query($filter: FinancingFilter) { financings(first: 20, filter: $filter,
  orderBy: { field: MATURITY_DATE, direction: ASC }) { edges { node { id recourse voucher { status } } } } }`;
/** A voucher the ledger puts back: unpaid past maturity, not under dispute. */
const DEMANDABLE = ['OVERDUE', 'FINANCED'];
const DEMAND = 'mutation($id: ID!) { demandBuyBack(id: $id) { transactionId blockNumber } }';

/**
 * Recourse in the demo (issue 13 item 3), after the overdue sweep: bank B's approver demands that the
 * applicant buy back the disbursed financing with recourse longest past maturity, when the history
 * left one; the SME and the bank then see the demand, and the bank may record the buy-back.
 */
export async function seedRecourse(urls: Record<string, string>): Promise<string | undefined> {
  const bank = demoEnterprise(DEMO_RECOURSE_BANK);
  const url = urls[bank.org];
  if (!url) throw new Error(`no node API URL for org ${bank.org}`);
  const approver = await new NodeClient(url).login(`${bank.login}.approver`, DEMO_PASSWORD);
  const { dashboard } = await approver.request<{ dashboard: { asOf: string } }>(AS_OF);
  const found = await approver.request<{
    financings: {
      edges: { node: { id: string; recourse: boolean | null; voucher: { status: string } | null } }[];
    };
  }>(OVERDUE, {
    filter: { statuses: ['DISBURSED'], bankId: bank.id, maturityDate: { to: dayBefore(dashboard.asOf) } },
  });
  const financingId = found.financings.edges.find(
    ({ node }) => node.recourse === true && DEMANDABLE.includes(node.voucher?.status ?? ''),
  )?.node.id;
  if (financingId !== undefined) await new Flow().run(approver, DEMAND, { id: financingId });
  return financingId;
}
