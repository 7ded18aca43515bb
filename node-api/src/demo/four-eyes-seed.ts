import { cstDay } from './calendar.ts';
import { DEMO_PASSWORD, demoEnterprise, type DemoKey } from './demo-consortium.ts';
import { ApiError, Flow, NodeClient } from './graphql-client.ts';

/** What the four-eyes part of the demo left: enterprises with four eyes on, and actions awaiting approval. */
export interface FourEyesDemo {
  fourEyes: string[];
  pending: number;
}

/** The enterprises that run four eyes in the demo: the core manufacturer and bank A. */
const FOUR_EYES: readonly DemoKey[] = ['core', 'bankA'];
const INVOICES = ['HC-4E-0001', 'HC-4E-0002'] as const;
/** Bank A's oldest applications still waiting for an offer, and the day each matures. */
const APPLIED = `query($bank: ID!) { financings(first: 2, filter: { bankId: $bank, statuses: [APPLIED] },
  orderBy: { field: CREATED_AT, direction: ASC }) { edges { node { id maturityDate } } } }`;
const PREPARE = `mutation($input: PrepareActionInput!) { prepareAction(input: $input) {
  transactionId blockNumber approval { id } } }`;
const APPROVE = 'mutation($id: ID!) { approveAction(id: $id) { transactionId blockNumber } }';
/** What leaves an offer waiting rather than made: the bank's line or the debtor's cap has no room. */
const NO_ROOM: readonly string[] = ['CREDIT_LIMIT_EXCEEDED', 'EXPOSURE_CAP_EXCEEDED'];

const loginOf = (urls: Record<string, string>, key: DemoKey, role: 'clerk' | 'approver' | 'admin') => {
  const enterprise = demoEnterprise(key);
  const url = urls[enterprise.org];
  if (!url) throw new Error(`no node API URL for org ${enterprise.org}`);
  return new NodeClient(url).login(role === 'admin' ? 'admin' : `${enterprise.login}.${role}`, DEMO_PASSWORD);
};

/**
 * Bank A's clerk prepares an offer on each of its (up to two) oldest waiting applications; its
 * approver approves the first when there are two, and the last waits for bank A's approver. Resolves
 * to how many wait.
 */
async function prepareBankOffers(urls: Record<string, string>, flow: Flow): Promise<number> {
  const clerk = await loginOf(urls, 'bankA', 'clerk');
  const applied = await clerk.request<{
    financings: { edges: { node: { id: string; maturityDate: string } }[] };
  }>(APPLIED, { bank: demoEnterprise('bankA').id });
  const validUntil = cstDay(5);
  const prepared: string[] = [];
  for (const { node } of applied.financings.edges) {
    if (node.maturityDate <= validUntil) continue;
    const terms = { advanceRateBps: 8500, spreadBps: 95, fees: '60000', validUntil, recourse: false };
    const done = await flow.run<{ prepareAction: { approval: { id: string } } }>(clerk, PREPARE, {
      input: { offer: { financingId: node.id, terms } },
    });
    prepared.push(done.prepareAction.approval.id);
  }
  if (prepared.length < 2) return prepared.length;
  try {
    await flow.run(await loginOf(urls, 'bankA', 'approver'), APPROVE, { id: prepared[0] ?? '' });
  } catch (error) {
    if (error instanceof ApiError && NO_ROOM.includes(error.code)) return prepared.length;
    throw error;
  }
  return prepared.length - 1;
}

/**
 * Four eyes in the demo (issue 12 item 6), after the rest of it (which confirms, offers and pays as
 * one approver): the org admins of the core enterprise and of bank A turn them on; two invoices from
 * tier 1 reach the core enterprise, whose clerk prepares both confirmations; its approver approves
 * the first, and the second waits in the queue (`待我审批`); bank A's offers go the same way.
 */
export async function seedFourEyes(urls: Record<string, string>): Promise<FourEyesDemo> {
  const flow = new Flow();
  for (const key of FOUR_EYES) {
    await flow.run(
      await loginOf(urls, key, 'admin'),
      'mutation($id: ID!) { setEnterpriseFourEyes(id: $id, on: true) { transactionId blockNumber } }',
      { id: demoEnterprise(key).id },
    );
  }
  const supplier = await loginOf(urls, 'tier1', 'clerk');
  const clerk = await loginOf(urls, 'core', 'clerk');
  const prepared: string[] = [];
  for (const [index, number] of INVOICES.entries()) {
    const document = await supplier.upload(`${number}.txt`, 'text/plain', new TextEncoder().encode(number));
    const registered = await flow.run<{ registerInvoice: { invoice: { id: string } } }>(
      supplier,
      'mutation($input: RegisterInvoiceInput!) { registerInvoice(input: $input) { transactionId blockNumber invoice { id } } }',
      {
        input: {
          number,
          buyerId: demoEnterprise('core').id,
          amount: String(188_000_000 + index * 50_000_000),
          issueDate: cstDay(0),
          dueDate: cstDay(120),
          documentSha256: document,
        },
      },
    );
    const done = await flow.run<{ prepareAction: { approval: { id: string } } }>(
      clerk,
      'mutation($input: PrepareActionInput!) { prepareAction(input: $input) { transactionId blockNumber approval { id } } }',
      {
        input: { confirmInvoice: { invoiceId: registered.registerInvoice.invoice.id, waiveDelivery: true } },
      },
    );
    prepared.push(done.prepareAction.approval.id);
  }
  await flow.run(
    await loginOf(urls, 'core', 'approver'),
    'mutation($id: ID!) { approveAction(id: $id) { transactionId blockNumber } }',
    { id: prepared[0] ?? '' },
  );
  const offersWaiting = await prepareBankOffers(urls, flow);
  return {
    fourEyes: FOUR_EYES.map((key) => demoEnterprise(key).id),
    pending: prepared.length - 1 + offersWaiting,
  };
}
