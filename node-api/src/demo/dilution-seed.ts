import { DEMO_PASSWORD, demoEnterprise, type DemoKey } from './demo-consortium.ts';
import { Flow, NodeClient } from './graphql-client.ts';

/** What the dilution part of the demo left: the accepted credit note, and the pending one. */
export interface DilutionDemo {
  acceptedId: string | undefined;
  pendingId: string | undefined;
}

const FINANCED = `query($me: ID!) { financings(first: 50, filter: { statuses: [DISBURSED], applicantId: $me },
  orderBy: { field: AMOUNT, direction: DESC }) { edges { node { voucherId } } } }`;
const CONFIRMED = `query($me: ID!) { invoices(first: 50, filter: { statuses: [CONFIRMED], sellerId: $me },
  orderBy: { field: AMOUNT, direction: DESC }) { edges { node { id number amount creditNotes { id } } } } }`;
const REGISTER = `mutation($input: RegisterCreditNoteInput!) { registerCreditNote(input: $input) {
  transactionId blockNumber creditNote { id } } }`;
const ACCEPT = `mutation($id: ID!) { acceptCreditNote(id: $id) { transactionId blockNumber } }`;

interface Invoice {
  id: string;
  number: string;
  amount: string;
  creditNotes: { id: string }[];
}

const login = (urls: Record<string, string>, key: DemoKey, role: string): Promise<NodeClient> => {
  const enterprise = demoEnterprise(key);
  const url = urls[enterprise.org];
  if (!url) throw new Error(`no node API URL for org ${enterprise.org}`);
  return new NodeClient(url).login(`${enterprise.login}.${role}`, DEMO_PASSWORD);
};

/** Tier 1's clerk registers a credit note of `percent` % of the invoice, with its document. */
async function register(
  flow: Flow,
  clerk: NodeClient,
  invoice: Invoice,
  percent: bigint,
  reasonKind: 'RETURN' | 'PRICE_REDUCTION',
  reason: string,
): Promise<string | undefined> {
  const amount = (BigInt(invoice.amount) * percent) / 100n;
  const document = await clerk.upload(
    `红字发票-${invoice.number}.txt`,
    'text/plain',
    new TextEncoder().encode(`红字发票 对应 ${invoice.number}\n金额 ${amount} 分\n${reason}\n`),
  );
  const done = await flow.run<{ registerCreditNote: { creditNote: { id: string } | null } }>(
    clerk,
    REGISTER,
    {
      input: {
        invoiceId: invoice.id,
        amount: amount.toString(),
        reasonKind,
        reason,
        documentSha256: document,
      },
    },
  );
  return done.registerCreditNote.creditNote?.id;
}

/**
 * Dilution in the demo (issue 13 item 5), before four eyes are turned on: tier 1 returns 20 % of the
 * goods of its largest invoice whose voucher bank A or B financed whole for it; the core enterprise's
 * approver accepts the credit note, so the financed voucher shrinks and the bank gets a claim on tier 1
 * (shown on both sides). Tier 1 then registers a 5 % price reduction on its largest other confirmed
 * invoice, left pending for the core enterprise's approver to decide (with its preview).
 */
export async function seedDilution(urls: Record<string, string>): Promise<DilutionDemo> {
  const flow = new Flow();
  const clerk = await login(urls, 'tier1', 'clerk');
  const me = demoEnterprise('tier1').id;
  const financed = await clerk.request<{ financings: { edges: { node: { voucherId: string } }[] } }>(
    FINANCED,
    {
      me,
    },
  );
  const confirmed = await clerk.request<{ invoices: { edges: { node: Invoice }[] } }>(CONFIRMED, { me });
  const invoices = confirmed.invoices.edges
    .map((edge) => edge.node)
    .filter((i) => i.creditNotes.length === 0);
  // A root voucher takes its invoice's id: a financing of one names the invoice itself.
  const rootIds = new Set(financed.financings.edges.map((edge) => edge.node.voucherId));
  const diluted = invoices.find((invoice) => rootIds.has(invoice.id));
  let acceptedId: string | undefined;
  if (diluted) {
    acceptedId = await register(flow, clerk, diluted, 20n, 'RETURN', '退货：20% 货物质量不合格（演示）');
    const core = await login(urls, 'core', 'approver');
    await flow.settle([core]);
    if (acceptedId) await flow.run(core, ACCEPT, { id: acceptedId });
  }
  const other = invoices.find((invoice) => invoice.id !== diluted?.id);
  const pendingId = other
    ? await register(flow, clerk, other, 5n, 'PRICE_REDUCTION', '价格调整：按年度协议降价 5%（演示）')
    : undefined;
  return { acceptedId, pendingId };
}
