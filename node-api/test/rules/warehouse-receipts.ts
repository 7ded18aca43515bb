import { beforeAll, describe, expect, it } from 'vitest';
import type { NetworkContext } from '@scf/network';
import { cstDay } from '../../src/demo/calendar.ts';
import { demoEnterprise } from '../../src/demo/demo-consortium.ts';
import { Flow, type NodeClient } from '../../src/demo/graphql-client.ts';
import { loginAs } from '../support/node-apis.ts';
import { refusal } from './refusal.ts';

/** 300,000.00 yuan on 60 t of copper, for 90 days. */
const AMOUNT = '30000000';
const RECEIPT = 'id number status ownerId financingId releaseConsentBy';
const ISSUE = `mutation($input: IssueReceiptInput!) { issueReceipt(input: $input) {
  transactionId blockNumber warehouseReceipt { ${RECEIPT} } } }`;
const PLEDGE = `mutation($id: ID!, $bankId: String!, $amount: Fen!, $maturityDate: Date!) {
  pledgeReceipt(id: $id, bankId: $bankId, amount: $amount, maturityDate: $maturityDate) {
  transactionId blockNumber financing { id status receiptId voucherId debtor { id } } } }`;
const OFFER = `mutation($id: ID!, $t: OfferInput!) { offerFinancing(id: $id, terms: $t) { transactionId blockNumber } }`;
const ACCEPT = `mutation($id: ID!) { acceptOffer(id: $id) { transactionId blockNumber } }`;
const DISBURSE = `mutation($id: ID!, $r: String!) { disburseFinancing(id: $id, paymentReference: $r) {
  transactionId blockNumber financing { status registration { registrationNumber } } } }`;
const REQUEST_RELEASE = `mutation($id: ID!) { requestReceiptRelease(id: $id) {
  transactionId blockNumber warehouseReceipt { ${RECEIPT} } } }`;
const CONSENT = `mutation($id: ID!) { consentReceiptRelease(id: $id) { transactionId blockNumber } }`;
const CONFIRM_OUT = `mutation($id: ID!) { confirmGoodsOut(id: $id) {
  transactionId blockNumber warehouseReceipt { ${RECEIPT} } } }`;
const REPAY = `mutation($id: ID!, $r: String!) { recordReceiptRepayment(financingId: $id, paymentReference: $r) {
  transactionId blockNumber financing { status repaymentReference } } }`;
const DEMAND = `mutation($id: ID!) { demandBuyBack(id: $id) { transactionId blockNumber } }`;
const RECEIPT_BY_ID = `query($id: ID!) { warehouseReceipt(id: $id) { ${RECEIPT} } }`;
const RECEIPTS = `{ warehouseReceipts(first: 100) { edges { node { id } } } }`;
const FINANCING = `query($id: ID!) { financing(id: $id) { id status receipt { id } } }`;

/**
 * Warehouse receipts (issue 13 item 6) on the real network: the carrier issues a receipt for tier 1;
 * tier 1 pledges it to bank A; a second pledge (at bank B too) is refused; bank A offers, tier 1
 * accepts, bank A registers and disburses (a buy-back demand is refused: no voucher to put back); the release is refused without bank A's consent; bank A
 * records the repayment; the release then needs no consent and the carrier confirms the goods out.
 * Bank B neither sees the receipt nor may consent or record a repayment; another SME and the core
 * enterprise may not pledge it.
 */
export function warehouseReceiptsSuite(network: () => NetworkContext): void {
  describe('warehouse receipts pledged to a bank', () => {
    const flow = new Flow();
    let keeper: NodeClient;
    let owner: NodeClient;
    let ownerClerk: NodeClient;
    let tier2: NodeClient;
    let core: NodeClient;
    let bankA: NodeClient;
    let bankB: NodeClient;
    let receiptId = '';
    let financingId = '';
    const pledge = (client: NodeClient, bank: 'bankA' | 'bankB'): Promise<unknown> =>
      client.request(PLEDGE, {
        id: receiptId,
        bankId: demoEnterprise(bank).id,
        amount: AMOUNT,
        maturityDate: cstDay(90),
      });

    beforeAll(async () => {
      keeper = await loginAs(network(), 'carrier', 'clerk');
      owner = await loginAs(network(), 'tier1', 'approver');
      ownerClerk = await loginAs(network(), 'tier1', 'clerk');
      tier2 = await loginAs(network(), 'tier2', 'approver');
      core = await loginAs(network(), 'core', 'approver');
      bankA = await loginAs(network(), 'bankA', 'approver');
      bankB = await loginAs(network(), 'bankB', 'approver');
    });

    it('the carrier issues a receipt for tier 1, seen by both and by no bank', async () => {
      const report = await keeper.upload(
        'inspection-IT-WR-001.txt',
        'text/plain',
        new TextEncoder().encode('60 t'),
      );
      const issued = await flow.run<{ issueReceipt: { warehouseReceipt: { id: string; status: string } } }>(
        keeper,
        ISSUE,
        {
          input: {
            number: 'IT-WR-001',
            ownerId: demoEnterprise('tier1').id,
            goods: 'Copper cathode',
            quantity: 60,
            unit: 't',
            location: 'Qingdao bonded warehouse 3',
            inspectionDocSha256: report,
          },
        },
      );
      receiptId = issued.issueReceipt.warehouseReceipt.id;
      expect(issued.issueReceipt.warehouseReceipt.status).toBe('ISSUED');
      await flow.settle([owner, bankA, bankB]);
      const seen = await owner.request<{ warehouseReceipt: { id: string } | null }>(RECEIPT_BY_ID, {
        id: receiptId,
      });
      expect(seen.warehouseReceipt?.id).toBe(receiptId);
      const byBank = await bankA.request<{ warehouseReceipt: unknown }>(RECEIPT_BY_ID, { id: receiptId });
      expect(byBank.warehouseReceipt).toBeNull();
    });

    it('refuses a pledge by another SME or the core enterprise, and the issue by a supplier', async () => {
      // The core's peer answers NOT_FOUND, not FORBIDDEN, until it holds the receipt.
      await flow.settle([tier2, core]);
      expect(await refusal(pledge(tier2, 'bankA'))).toBe('FORBIDDEN');
      expect(await refusal(pledge(core, 'bankA'))).toBe('FORBIDDEN');
      const issue = owner.request(ISSUE, {
        input: {
          number: 'IT-WR-X',
          ownerId: demoEnterprise('tier1').id,
          goods: 'g',
          quantity: 1,
          unit: 't',
          location: 'l',
          inspectionDocSha256: 'a'.repeat(64),
        },
      });
      expect(['FORBIDDEN', 'DOCUMENT_NOT_OWNED']).toContain(await refusal(issue));
    });

    it('tier 1 pledges it to bank A; a second pledge, at either bank, is refused', async () => {
      const pledged = await flow.run<{
        pledgeReceipt: { financing: { id: string; status: string; receiptId: string; voucherId: null } };
      }>(ownerClerk, PLEDGE, {
        id: receiptId,
        bankId: demoEnterprise('bankA').id,
        amount: AMOUNT,
        maturityDate: cstDay(90),
      });
      financingId = pledged.pledgeReceipt.financing.id;
      expect(pledged.pledgeReceipt.financing).toMatchObject({
        status: 'APPLIED',
        receiptId,
        voucherId: null,
      });
      await flow.settle([bankA, bankB, owner]);
      expect(await refusal(pledge(owner, 'bankB'))).toBe('INVALID_STATE');
      expect(await refusal(pledge(owner, 'bankA'))).toBe('INVALID_STATE');
      const seenByA = await bankA.request<{ warehouseReceipt: { status: string } | null }>(RECEIPT_BY_ID, {
        id: receiptId,
      });
      expect(seenByA.warehouseReceipt?.status).toBe('PLEDGED');
    });

    it('bank A offers, tier 1 accepts, bank A registers and disburses; bank B sees and may do none of it', async () => {
      const terms = {
        advanceRateBps: 8000,
        spreadBps: 100,
        fees: '10000',
        validUntil: cstDay(10),
        recourse: false,
      };
      expect(await refusal(bankB.request(OFFER, { id: financingId, t: terms }))).toBe('FORBIDDEN');
      await flow.run(bankA, OFFER, { id: financingId, t: terms });
      await flow.run(owner, ACCEPT, { id: financingId });
      const done = await flow.run<{
        disburseFinancing: {
          financing: { status: string; registration: { registrationNumber: string } | null };
        };
      }>(bankA, DISBURSE, { id: financingId, r: 'IT-WR-PAY-1' });
      expect(done.disburseFinancing.financing.status).toBe('DISBURSED');
      expect(done.disburseFinancing.financing.registration?.registrationNumber).toBeTruthy();
      // The owner is the debtor: there is no voucher to put back under recourse.
      expect(await refusal(bankA.request(DEMAND, { id: financingId }))).toBe('INVALID_STATE');
      await flow.settle([bankB]);
      const byB = await bankB.request<{ warehouseReceipt: unknown }>(RECEIPT_BY_ID, { id: receiptId });
      expect(byB.warehouseReceipt).toBeNull();
      const listed = await bankB.request<{ warehouseReceipts: { edges: { node: { id: string } }[] } }>(
        RECEIPTS,
      );
      expect(listed.warehouseReceipts.edges.map((edge) => edge.node.id)).not.toContain(receiptId);
      const financing = await bankB.request<{ financing: unknown }>(FINANCING, { id: financingId });
      expect(financing.financing).toBeNull();
    });

    it('refuses the release while pledged without consent, and consent or repayment by bank B', async () => {
      expect(await refusal(owner.request(REQUEST_RELEASE, { id: receiptId }))).toBe(
        'RELEASE_CONSENT_REQUIRED',
      );
      expect(await refusal(keeper.request(CONFIRM_OUT, { id: receiptId }))).toBe('INVALID_STATE');
      expect(await refusal(bankB.request(CONSENT, { id: receiptId }))).toBe('FORBIDDEN');
      expect(await refusal(bankB.request(REPAY, { id: financingId, r: 'X' }))).toBe('FORBIDDEN');
    });

    it('bank A records the repayment: SETTLED, the receipt free; the release needs no consent, the carrier lets the goods out', async () => {
      const repaid = await flow.run<{ recordReceiptRepayment: { financing: { status: string } } }>(
        bankA,
        REPAY,
        {
          id: financingId,
          r: 'IT-WR-REPAY-1',
        },
      );
      expect(repaid.recordReceiptRepayment.financing).toMatchObject({ status: 'SETTLED' });
      await flow.settle([owner]);
      const requested = await flow.run<{ requestReceiptRelease: { warehouseReceipt: { status: string } } }>(
        owner,
        REQUEST_RELEASE,
        { id: receiptId },
      );
      expect(requested.requestReceiptRelease.warehouseReceipt).toMatchObject({
        status: 'RELEASE_REQUESTED',
        releaseConsentBy: null,
        financingId: null,
      });
      await flow.settle([keeper]);
      const out = await flow.run<{ confirmGoodsOut: { warehouseReceipt: { status: string } } }>(
        keeper,
        CONFIRM_OUT,
        {
          id: receiptId,
        },
      );
      expect(out.confirmGoodsOut.warehouseReceipt.status).toBe('RELEASED');
    });
  });
}
