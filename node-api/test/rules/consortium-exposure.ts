import { beforeAll, describe, expect, it } from 'vitest';
import type { NetworkContext } from '@scf/network';
import { registryUrl } from '../../src/cli/registry-process.ts';
import { demoEnterprise, type DemoKey } from '../../src/demo/demo-consortium.ts';
import { ApiError, Flow, type NodeClient } from '../../src/demo/graphql-client.ts';
import { HttpRegistryAdapter } from '../../src/registry/http-registry-adapter.ts';
import { loginAs } from '../support/node-apis.ts';
import { cstDate } from '../support/values.ts';
import { confirmByCore, registerCoreInvoice } from './core-invoice.ts';

/** 500,000.00 yuan per voucher. */
const AMOUNT = 50_000_000n;
const FIGURES = `{ consortiumExposure { debtor { id name } outstandingVouchers financedOutstanding
  exposureCap capRoom myLine { limit } myExposure } }`;
const DISBURSE = `mutation($id: ID!, $r: String!) { disburseFinancing(id: $id, paymentReference: $r) {
  transactionId blockNumber financing { id status } } }`;

interface Figures {
  debtor: { id: string; name: string };
  outstandingVouchers: string;
  financedOutstanding: string;
  exposureCap: string | null;
  capRoom: string | null;
  myLine: { limit: string } | null;
  myExposure: string;
}

interface CharterTerms {
  members: { mspId: string; kinds: string[] }[];
  ratePublishers: string[];
  rateQuorum: number;
}

/**
 * Each core enterprise's exposure across banks (银发〔2025〕77号) on the real network: bank B sees the
 * consortium's totals grow when bank A finances, without bank A's name or terms; a cap the members
 * adopt by charter amendment refuses bank B's disbursement beyond it.
 */
export function exposureSuite(network: () => NetworkContext): void {
  describe('consortium-wide exposure per core enterprise', () => {
    const id = (key: DemoKey): string => demoEnterprise(key).id;
    const flow = new Flow();
    let tier1Clerk: NodeClient;
    let tier1: NodeClient;
    let core: NodeClient;
    const banks = {} as Record<'bankA' | 'bankB', NodeClient>;

    /** A new voucher of the core enterprise held by tier 1, applied for at `bank`, offered and accepted. */
    async function acceptedFinancing(number: string, bank: 'bankA' | 'bankB'): Promise<string> {
      const invoiceId = await registerCoreInvoice(flow, tier1Clerk, { number, amount: AMOUNT.toString() });
      const voucherId = await confirmByCore(flow, core, invoiceId);
      const applied = await flow.run<{ applyFinancing: { financing: { id: string } } }>(
        tier1Clerk,
        'mutation($v: ID!, $b: String!) { applyFinancing(voucherId: $v, bankId: $b) { transactionId blockNumber financing { id } } }',
        { v: voucherId, b: id(bank) },
      );
      const financingId = applied.applyFinancing.financing.id;
      await flow.run(
        banks[bank],
        'mutation($id: ID!, $t: OfferInput!) { offerFinancing(id: $id, terms: $t) { transactionId blockNumber } }',
        {
          id: financingId,
          t: { advanceRateBps: 9000, spreadBps: 80, fees: '50000', validUntil: cstDate(10), recourse: false },
        },
      );
      await flow.run(tier1, 'mutation($id: ID!) { acceptOffer(id: $id) { transactionId blockNumber } }', {
        id: financingId,
      });
      return financingId;
    }

    /** The core enterprise's row as a bank's node shows it, once that node applied the flow so far. */
    async function coreFigures(bank: 'bankA' | 'bankB'): Promise<{ row: Figures; raw: string }> {
      const last = flow.lastWrite;
      if (last) await banks[bank].awaitApplied(last);
      const data = await banks[bank].request<{ consortiumExposure: Figures[] }>(FIGURES);
      const row = data.consortiumExposure.find((entry) => entry.debtor.id === id('core'));
      if (!row) throw new Error('the core enterprise is missing from consortiumExposure');
      return { row, raw: JSON.stringify(data) };
    }

    /** The org admins of core, bank A and bank B (a majority of the five members) adopt `terms`. */
    async function amendCharter(
      terms: CharterTerms & { exposureCaps: { debtorId: string; cap: string }[] },
    ): Promise<void> {
      const [proposer, ...approvers] = await Promise.all(
        (['core', 'bankA', 'bankB'] as const).map((key) => loginAs(network(), key, 'admin')),
      );
      if (!proposer) throw new Error('no proposer');
      const proposed = await flow.run<{ proposeCharterAmendment: { proposal: { id: string } } }>(
        proposer,
        'mutation($t: CharterTermsInput!) { proposeCharterAmendment(terms: $t) { transactionId blockNumber proposal { id } } }',
        { t: terms },
      );
      let status = '';
      for (const admin of approvers) {
        const approved = await flow.run<{ approveCharterAmendment: { proposal: { status: string } } }>(
          admin,
          'mutation($id: ID!) { approveCharterAmendment(id: $id) { transactionId blockNumber proposal { status } } }',
          { id: proposed.proposeCharterAmendment.proposal.id },
        );
        status = approved.approveCharterAmendment.proposal.status;
      }
      expect(status).toBe('ADOPTED');
    }

    beforeAll(async () => {
      tier1Clerk = await loginAs(network(), 'tier1', 'clerk');
      tier1 = await loginAs(network(), 'tier1', 'approver');
      core = await loginAs(network(), 'core', 'approver');
      banks.bankA = await loginAs(network(), 'bankA', 'approver');
      banks.bankB = await loginAs(network(), 'bankB', 'approver');
    });

    it('shows bank B the consortium total growing when bank A finances, without bank A’s name or terms', async () => {
      const before = (await coreFigures('bankB')).row;
      const bankABefore = (await coreFigures('bankA')).row;
      const financingId = await acceptedFinancing('IT-EXP-A', 'bankA');
      await flow.run(banks.bankA, DISBURSE, { id: financingId, r: 'PAY-EXP-A' });

      const { row, raw } = await coreFigures('bankB');
      expect(BigInt(row.outstandingVouchers)).toBe(BigInt(before.outstandingVouchers) + AMOUNT);
      expect(BigInt(row.financedOutstanding)).toBe(BigInt(before.financedOutstanding) + AMOUNT);
      expect(row).toMatchObject({ exposureCap: null, capRoom: null, myExposure: before.myExposure });
      expect(row.myLine?.limit).toBe('5000000000');
      for (const secret of [id('bankA'), demoEnterprise('bankA').name, financingId])
        expect(raw).not.toContain(secret);
      // Bank B cannot open bank A's financing, let alone its terms.
      const seen = await banks.bankB.request<{ financing: unknown }>(
        'query($id: ID!) { financing(id: $id) { id terms { financedAmount } } }',
        { id: financingId },
      );
      expect(seen.financing).toBeNull();
      // Bank A sees the same totals, with its own financing as its exposure.
      expect((await coreFigures('bankA')).row).toMatchObject({
        financedOutstanding: row.financedOutstanding,
        myExposure: (BigInt(bankABefore.myExposure) + AMOUNT).toString(),
      });
    });

    it('refuses bank B a disbursement beyond a cap the members adopted by charter amendment', async () => {
      const financingId = await acceptedFinancing('IT-EXP-B', 'bankB');
      const financed = BigInt((await coreFigures('bankB')).row.financedOutstanding);
      const cap = financed + AMOUNT - 1n;
      const charter = await banks.bankB.request<{ charter: { terms: CharterTerms } }>(
        '{ charter { terms { members { mspId kinds } ratePublishers rateQuorum } } }',
      );
      await amendCharter({
        ...charter.charter.terms,
        exposureCaps: [{ debtorId: id('core'), cap: cap.toString() }],
      });
      expect((await coreFigures('bankB')).row).toMatchObject({
        exposureCap: cap.toString(),
        capRoom: (AMOUNT - 1n).toString(),
      });

      const refusal = await banks.bankB.request(DISBURSE, { id: financingId, r: 'PAY-EXP-B' }).then(
        () => 'written',
        (error: unknown) => (error instanceof ApiError ? error.code : String(error)),
      );
      expect(refusal).toBe('EXPOSURE_CAP_EXCEEDED');
      const after = await banks.bankB.request<{ financing: { status: string; voucherId: string } }>(
        'query($id: ID!) { financing(id: $id) { status voucherId } }',
        { id: financingId },
      );
      expect(after.financing.status).toBe('ACCEPTED');
      expect((await coreFigures('bankB')).row.financedOutstanding).toBe(financed.toString());
      // Refused before the registry was asked: no registration is left behind.
      const registry = new HttpRegistryAdapter(registryUrl(network()), 5_000);
      const found = await registry.search({
        voucherId: after.financing.voucherId,
        debtorId: id('core'),
        amount: AMOUNT.toString(),
      });
      expect(found.entries).toEqual([]);
    });
  });
}
