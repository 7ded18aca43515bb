import { beforeAll, describe, expect, it } from 'vitest';
import type { NetworkContext } from '@scf/network';
import { demoEnterprise, type DemoKey } from '../../src/demo/demo-consortium.ts';
import { Flow, type NodeClient } from '../../src/demo/graphql-client.ts';
import { loginAs } from '../support/node-apis.ts';
import { cstDate } from '../support/values.ts';
import { confirmByCore, registerCoreInvoice } from './core-invoice.ts';
import { refusal } from './refusal.ts';

/** 100,000.00 yuan: below what the exposure suite's cap leaves the core enterprise. */
const FACE = '10000000';
const SPLIT = `mutation($id: ID!, $pieces: [VoucherPieceInput!]!) { splitTransfer(voucherId: $id, pieces: $pieces) {
  transactionId blockNumber children { id amount } } }`;
const APPLY = `mutation($v: ID!, $b: String!) { applyFinancing(voucherId: $v, bankId: $b) {
  transactionId blockNumber financing { id } } }`;
const OFFER = `mutation($id: ID!, $t: OfferInput!) { offerFinancing(id: $id, terms: $t) { transactionId blockNumber } }`;
const ACCEPT_OFFER = `mutation($id: ID!) { acceptOffer(id: $id) { transactionId blockNumber } }`;
const DISBURSE = `mutation($id: ID!, $r: String!) { disburseFinancing(id: $id, paymentReference: $r) {
  transactionId blockNumber } }`;
const REGISTER = `mutation($input: RegisterCreditNoteInput!) { registerCreditNote(input: $input) {
  transactionId blockNumber creditNote { id status amount } } }`;
const ACCEPT = `mutation($id: ID!) { acceptCreditNote(id: $id) { transactionId blockNumber creditNote {
  id status reductions { voucherId from to } claims { kind amount creditor { id } debtor { id } } } } }`;
const PIECES = `query($id: ID!) { invoice(id: $id) { creditedAmount
  dilutablePieces { id holderId amount bankId applicantId } } }`;
const NOTES = `query($invoiceId: ID) { creditNotes(invoiceId: $invoiceId) { id status amount } }`;
const CLAIMS = `{ dilutionClaims { id kind amount creditor { id } debtor { id } invoice { id } } }`;
const VOUCHER = `query($id: ID!) { voucher(id: $id) { id status amount dilutedAmount financingId } }`;
const FIGURES = `{ consortiumExposure { debtor { id } outstandingVouchers financedOutstanding } }`;

interface Claim {
  id: string;
  kind: string;
  amount: string;
  creditor: { id: string };
  debtor: { id: string };
  invoice: { id: string } | null;
}

/**
 * A credit note diluting a financed voucher (issue 13 item 5) on the real network: tier 1's 100,000.00
 * yuan invoice to the core becomes a voucher that tier 1 splits into 30,000.00 it keeps and 70,000.00
 * bank A finances. Tier 1 registers a 45,000.00 credit note for returned goods; the wrong parties
 * cannot accept it; the core's approver sees what it will do and accepts: tier 1's own piece is
 * written off, 15,000.00 comes off the financed piece as bank A's claim on tier 1, shown to bank A and
 * tier 1 only, and the core's consortium-wide figures drop by what it no longer owes.
 */
export function dilutionSuite(network: () => NetworkContext): void {
  describe('a credit note diluting a financed voucher', () => {
    const id = (key: DemoKey): string => demoEnterprise(key).id;
    const flow = new Flow();
    let tier1Clerk: NodeClient;
    let tier1: NodeClient;
    let tier2: NodeClient;
    let core: NodeClient;
    let coreClerk: NodeClient;
    let bankA: NodeClient;
    let bankB: NodeClient;
    let invoiceId = '';
    let root = '';
    let noteId = '';

    const figures = async (): Promise<{ outstandingVouchers: string; financedOutstanding: string }> => {
      const last = flow.lastWrite;
      if (last) await bankB.awaitApplied(last);
      const seen = await bankB.request<{
        consortiumExposure: {
          debtor: { id: string };
          outstandingVouchers: string;
          financedOutstanding: string;
        }[];
      }>(FIGURES);
      const row = seen.consortiumExposure.find((entry) => entry.debtor.id === id('core'));
      if (!row) throw new Error('the core enterprise is missing from consortiumExposure');
      return row;
    };
    const register = (client: NodeClient, amount: string, document: string) =>
      client.request(REGISTER, {
        input: {
          invoiceId,
          amount,
          reasonKind: 'RETURN',
          reason: '45 台退货（集成测试）',
          documentSha256: document,
        },
      });

    beforeAll(async () => {
      tier1Clerk = await loginAs(network(), 'tier1', 'clerk');
      tier1 = await loginAs(network(), 'tier1', 'approver');
      tier2 = await loginAs(network(), 'tier2', 'approver');
      core = await loginAs(network(), 'core', 'approver');
      coreClerk = await loginAs(network(), 'core', 'clerk');
      bankA = await loginAs(network(), 'bankA', 'approver');
      bankB = await loginAs(network(), 'bankB', 'approver');
      invoiceId = await registerCoreInvoice(flow, tier1Clerk, { number: 'IT-DILUTE-001', amount: FACE });
      root = await confirmByCore(flow, core, invoiceId);
      await flow.run(tier1, SPLIT, { id: root, pieces: [{ amount: '3000000' }, { amount: '7000000' }] });
      const applied = await flow.run<{ applyFinancing: { financing: { id: string } } }>(tier1Clerk, APPLY, {
        v: `${root}.2`,
        b: id('bankA'),
      });
      const financingId = applied.applyFinancing.financing.id;
      await flow.run(bankA, OFFER, {
        id: financingId,
        t: { advanceRateBps: 9000, spreadBps: 80, fees: '5000', validUntil: cstDate(10), recourse: false },
      });
      await flow.run(tier1, ACCEPT_OFFER, { id: financingId });
      await flow.run(bankA, DISBURSE, { id: financingId, r: 'PAY-DILUTE-1' });
    });

    it('lets tier 1 register a credit note, within what the invoice can still be credited', async () => {
      const document = await tier1Clerk.upload('CN-IT-001.txt', 'text/plain', new TextEncoder().encode('CN'));
      expect(await refusal(register(tier1Clerk, '10000001', document))).toBe('AMOUNT_EXCEEDED');
      const registered = await flow.run<{
        registerCreditNote: { creditNote: { id: string; status: string } };
      }>(tier1Clerk, REGISTER, {
        input: {
          invoiceId,
          amount: '4500000',
          reasonKind: 'RETURN',
          reason: '45 台退货',
          documentSha256: document,
        },
      });
      expect(registered.registerCreditNote.creditNote.status).toBe('PENDING');
      noteId = registered.registerCreditNote.creditNote.id;
      // 100,000.00 less the 45,000.00 pending: 55,000.00 more at most.
      expect(await refusal(register(tier1Clerk, '5500001', document))).toBe('AMOUNT_EXCEEDED');
    });

    it('refuses another SME on the same node crediting tier 1’s invoice, and shows it no note', async () => {
      const tier2Clerk = await loginAs(network(), 'tier2', 'clerk');
      const own = await tier2Clerk.upload(
        'CN-T2.txt',
        'text/plain',
        new TextEncoder().encode('CN by tier 2'),
      );
      const before = await tier1.request<{ creditNotes: unknown[] }>(NOTES, { invoiceId });
      // Tier 2 cannot see tier 1's invoice at all: not found, like an invoice that does not exist.
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(await refusal(register(tier2Clerk, '100000', own)));
      expect(await tier2.request<{ creditNotes: unknown[] }>(NOTES, { invoiceId })).toEqual({
        creditNotes: [],
      });
      expect(await tier1.request<{ creditNotes: unknown[] }>(NOTES, { invoiceId })).toEqual(before);
    });

    it('refuses the seller, another supplier, a bank and the buyer’s clerk accepting it', async () => {
      await flow.settle([core, tier2, bankA]);
      for (const client of [tier1, tier2, bankA, coreClerk]) {
        expect(await refusal(client.request(ACCEPT, { id: noteId }))).toBe('FORBIDDEN');
      }
    });

    it('shows the core’s approver the pieces the shared rule dilutes', async () => {
      const seen = await core.request<{ invoice: { dilutablePieces: unknown } }>(PIECES, { id: invoiceId });
      expect(seen.invoice.dilutablePieces).toEqual([
        { id: `${root}.1`, holderId: id('tier1'), amount: '3000000', bankId: null, applicantId: null },
        {
          id: `${root}.2`,
          holderId: id('bankA'),
          amount: '7000000',
          bankId: id('bankA'),
          applicantId: id('tier1'),
        },
      ]);
    });

    it('dilutes on acceptance: tier 1’s piece written off, 15,000.00 of the financed piece bank A’s claim', async () => {
      const before = await figures();
      const accepted = await flow.run<{ acceptCreditNote: { creditNote: Record<string, unknown> } }>(
        core,
        ACCEPT,
        {
          id: noteId,
        },
      );
      expect(accepted.acceptCreditNote.creditNote).toEqual({
        id: noteId,
        status: 'ACCEPTED',
        reductions: [
          { voucherId: `${root}.1`, from: '3000000', to: '0' },
          { voucherId: `${root}.2`, from: '7000000', to: '5500000' },
        ],
        // The buyer sees the note, not the bank's claim on the seller.
        claims: [],
      });
      const after = await figures();
      expect(BigInt(before.outstandingVouchers) - BigInt(after.outstandingVouchers)).toBe(4_500_000n);
      expect(BigInt(before.financedOutstanding) - BigInt(after.financedOutstanding)).toBe(1_500_000n);
      await flow.settle([bankA, tier1]);
      const rest = await bankA.request<{ voucher: Record<string, unknown> }>(VOUCHER, { id: `${root}.2.1` });
      expect(rest.voucher).toMatchObject({ status: 'FINANCED', amount: '5500000', dilutedAmount: null });
      const taken = await bankA.request<{ voucher: Record<string, unknown> }>(VOUCHER, { id: `${root}.2.2` });
      expect(taken.voucher).toMatchObject({
        status: 'WRITTEN_OFF',
        amount: '1500000',
        dilutedAmount: '1500000',
      });
      const invoice = await tier1.request<{ invoice: { creditedAmount: string } }>(PIECES, { id: invoiceId });
      expect(invoice.invoice.creditedAmount).toBe('4500000');
    });

    it('shows bank A’s claim on tier 1 to both, and to nobody else', async () => {
      await flow.settle([bankB, tier2]);
      const claimsOf = async (client: NodeClient): Promise<Claim[]> =>
        (await client.request<{ dilutionClaims: Claim[] }>(CLAIMS)).dilutionClaims.filter(
          (claim) => claim.invoice?.id === invoiceId || claim.id.startsWith(noteId),
        );
      const expected = [
        {
          id: `${noteId}:1`,
          kind: 'BANK',
          amount: '1500000',
          creditor: { id: id('bankA') },
          debtor: { id: id('tier1') },
          invoice: null,
        },
      ];
      // Bank A does not see tier 1's invoice: the claim names it by id only.
      expect(await claimsOf(bankA)).toEqual(expected);
      expect(await claimsOf(tier1)).toEqual([{ ...expected[0], invoice: { id: invoiceId } }]);
      for (const outsider of [bankB, tier2, core]) expect(await claimsOf(outsider)).toEqual([]);
    });
  });
}
