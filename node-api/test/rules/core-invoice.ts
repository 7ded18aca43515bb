import { demoEnterprise } from '../../src/demo/demo-consortium.ts';
import type { Flow, NodeClient } from '../../src/demo/graphql-client.ts';
import { cstDate } from '../support/values.ts';

const REGISTER = `mutation($input: RegisterInvoiceInput!) { registerInvoice(input: $input) {
  transactionId blockNumber invoice { id } } }`;
const CONFIRM = `mutation($id: ID!) { confirmInvoice(id: $id, waiveDelivery: true) {
  transactionId blockNumber invoice { voucherId } } }`;

/**
 * A supplier's clerk registers an invoice to the demo's core enterprise, issued today, with a document
 * of its own: what every rule's suite starts from. Returns the invoice id.
 */
export async function registerCoreInvoice(
  flow: Flow,
  clerk: NodeClient,
  invoice: { number: string; amount: string; dueDate?: string },
): Promise<string> {
  const document = await clerk.upload(
    `${invoice.number}.txt`,
    'text/plain',
    new TextEncoder().encode(invoice.number),
  );
  const registered = await flow.run<{ registerInvoice: { invoice: { id: string } } }>(clerk, REGISTER, {
    input: {
      number: invoice.number,
      buyerId: demoEnterprise('core').id,
      amount: invoice.amount,
      issueDate: cstDate(0),
      dueDate: invoice.dueDate ?? cstDate(90),
      documentSha256: document,
    },
  });
  return registered.registerInvoice.invoice.id;
}

/** The core enterprise's approver confirms an invoice, delivery waived; returns the voucher's id. */
export async function confirmByCore(flow: Flow, core: NodeClient, invoiceId: string): Promise<string> {
  const confirmed = await flow.run<{ confirmInvoice: { invoice: { voucherId: string } } }>(core, CONFIRM, {
    id: invoiceId,
  });
  return confirmed.confirmInvoice.invoice.voucherId;
}
