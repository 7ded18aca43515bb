import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/auth/session-user.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { invoice, shipment, userOf } from '../support/read-model-seed.ts';
import { recordingLedger, type Submission } from '../support/recording-ledger.ts';
import { fileForm, sha256Hex } from './fixtures.ts';

const REGISTER = `mutation($input: RegisterInvoiceInput!) {
  registerInvoice(input: $input) { projection transactionId } }`;
const PICKUP = `mutation($input: RecordPickupInput!) { recordPickup(input: $input) { projection transactionId } }`;
const DELIVER = `mutation($id: ID!, $h: String!) {
  confirmDelivery(id: $id, documentSha256: $h) { projection transactionId } }`;
const DESCRIBE = 'query($h: String!) { document(sha256: $h) { sha256 } }';

const text = (content: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(content);

describe('documents belong to the enterprises that uploaded them', () => {
  let harness: ApiHarness;
  let submissions: Submission[];
  const tier1Clerk = userOf('tier1', 'clerk');
  const tier1Approver = { ...userOf('tier1', 'approver'), id: 'user-tier1-approver' };
  const tier2Clerk = { ...userOf('tier2', 'clerk'), id: 'user-tier2-clerk' };
  const core = userOf('core');
  const carrier = userOf('carrier', 'clerk');
  const bankB = userOf('bankB');

  beforeAll(async () => {
    const recording = recordingLedger();
    submissions = recording.submissions;
    harness = await startApiHarness({ ledgerAs: recording.ledgerAs });
  });
  afterAll(async () => {
    await harness.stop();
  });

  const upload = async (user: SessionUser, content: string): Promise<string> => {
    const response = await harness.api.fetch('http://node.test/documents', {
      method: 'POST',
      headers: { authorization: harness.bearer(user) },
      body: fileForm(text(content), 'doc.txt', 'text/plain'),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { sha256: string }).sha256;
  };
  const download = async (user: SessionUser, sha256: string): Promise<number> => {
    const response = await harness.api.fetch(`http://node.test/documents/${sha256}`, {
      headers: { authorization: harness.bearer(user) },
    });
    await response.body?.cancel();
    return response.status;
  };
  const described = async (user: SessionUser, sha256: string): Promise<unknown> =>
    (await harness.graphql<{ document: unknown }>(DESCRIBE, { h: sha256 }, user)).data?.document;
  const invoiceInput = (number: string, documentSha256: string) => ({
    number,
    buyerId: core.enterpriseId,
    amount: '100000',
    issueDate: '2026-03-01',
    dueDate: '2026-06-01',
    documentSha256,
  });
  const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }): string | undefined =>
    result.errors?.[0]?.extensions?.code;

  it("refuses an invoice citing another enterprise's document, and submits nothing", async () => {
    const theirs = await upload(tier1Clerk, 'invoice of tier 1 — confidential');
    const before = submissions.length;
    const planted = await harness.graphql(REGISTER, { input: invoiceInput('T2-PLANT', theirs) }, tier2Clerk);
    expect(codeOf(planted)).toBe('DOCUMENT_NOT_OWNED');
    expect(planted.data).toBeNull();
    const unknown = await harness.graphql(
      REGISTER,
      { input: invoiceInput('T2-UNKNOWN', sha256Hex(text('never uploaded'))) },
      tier2Clerk,
    );
    expect(codeOf(unknown)).toBe('DOCUMENT_NOT_OWNED');
    expect(submissions).toHaveLength(before);

    // Its own enterprise's upload, by another user of it, is fine.
    const mine = await harness.graphql(REGISTER, { input: invoiceInput('T1-OWN', theirs) }, tier1Approver);
    expect(mine.errors).toBeUndefined();
    expect(submissions.slice(before).map((s) => s.call)).toEqual(['invoice.Register']);
  });

  it('lets each enterprise that uploaded the same bytes cite them', async () => {
    const shared = await upload(tier1Clerk, 'the same purchase order, sent to both');
    expect(codeOf(await harness.graphql(REGISTER, { input: invoiceInput('T2-S', shared) }, tier2Clerk))).toBe(
      'DOCUMENT_NOT_OWNED',
    );
    await upload(tier2Clerk, 'the same purchase order, sent to both');
    const cited = await harness.graphql(REGISTER, { input: invoiceInput('T2-S', shared) }, tier2Clerk);
    expect(cited.errors).toBeUndefined();
    expect(await harness.db.document.count({ where: { sha256: shared } })).toBe(1);
  });

  it("refuses a pickup or a delivery citing a document the carrier's enterprise did not upload", async () => {
    const sellers = await upload(tier1Clerk, 'waybill copy held by the seller');
    const own = await upload(carrier, 'waybill of the carrier');
    const before = submissions.length;
    const pickup = (documentSha256: string) =>
      harness.graphql(
        PICKUP,
        {
          input: {
            invoiceId: 'INV-1',
            waybillNumber: 'WB-1',
            origin: 'Suzhou',
            destination: 'Qingdao',
            documentSha256,
          },
        },
        carrier,
      );
    expect(codeOf(await pickup(sellers))).toBe('DOCUMENT_NOT_OWNED');
    expect(codeOf(await harness.graphql(DELIVER, { id: 'SHP-1', h: sellers }, carrier))).toBe(
      'DOCUMENT_NOT_OWNED',
    );
    expect(submissions).toHaveLength(before);
    expect((await pickup(own)).errors).toBeUndefined();
    expect((await harness.graphql(DELIVER, { id: 'SHP-1', h: own }, carrier)).errors).toBeUndefined();
    expect(submissions.slice(before).map((s) => s.call)).toEqual([
      'shipment.RecordPickup',
      'shipment.ConfirmDelivery',
    ]);
  });

  it("serves a document to its owner enterprise's users, not to whoever names it on the ledger", async () => {
    const secret = await upload(tier1Clerk, 'tier 1 price list');
    // Written straight onto the ledger, bypassing the API: tier 2 invoices core, citing tier 1's hash.
    await harness.db.invoice.create({
      data: invoice({
        id: 'INV-PLANTED',
        sellerId: tier2Clerk.enterpriseId,
        buyerId: core.enterpriseId,
        documentHash: secret,
      }),
    });
    await harness.db.shipment.create({
      data: shipment({
        id: 'SHP-PLANTED',
        invoiceId: 'INV-PLANTED',
        logisticsId: carrier.enterpriseId,
        documentHash: secret,
      }),
    });
    for (const outsider of [tier2Clerk, core, carrier]) {
      expect(await download(outsider, secret), outsider.id).toBe(404);
      expect(await described(outsider, secret), outsider.id).toBeNull();
    }
    expect(await download(tier1Clerk, secret)).toBe(200);
    expect(await download(tier1Approver, secret)).toBe(200);
    expect(await described(tier1Approver, secret)).toEqual({ sha256: secret });
  });

  it('serves it to the parties of an invoice whose seller owns it, or a shipment whose carrier owns it', async () => {
    const invoiceDocument = await upload(tier1Clerk, 'invoice T1-LEGIT');
    const waybill = await upload(carrier, 'waybill T1-LEGIT');
    await harness.db.invoice.create({
      data: invoice({
        id: 'INV-LEGIT',
        sellerId: tier1Clerk.enterpriseId,
        buyerId: core.enterpriseId,
        documentHash: invoiceDocument,
      }),
    });
    await harness.db.shipment.create({
      data: shipment({
        id: 'SHP-LEGIT',
        invoiceId: 'INV-LEGIT',
        logisticsId: carrier.enterpriseId,
        documentHash: waybill,
        deliveryDocumentHash: waybill,
      }),
    });
    expect(await download(core, invoiceDocument)).toBe(200);
    expect(await download(carrier, invoiceDocument)).toBe(404); // not a party of the invoice
    for (const party of [core, tier1Clerk, carrier])
      expect(await download(party, waybill), party.id).toBe(200);
    expect(await download(bankB, invoiceDocument)).toBe(404);
    expect(await download(bankB, waybill)).toBe(404);
  });
});
