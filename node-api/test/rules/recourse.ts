import { beforeAll, describe, expect, it } from 'vitest';
import type { NetworkContext } from '@scf/network';
import { dayBefore } from '../../src/demo/calendar.ts';
import { demoEnterprise } from '../../src/demo/demo-consortium.ts';
import { Flow, type NodeClient } from '../../src/demo/graphql-client.ts';
import { loginAs } from '../support/node-apis.ts';
import { refusal } from './refusal.ts';

const AS_OF = 'query { dashboard { asOf } }';
const OVERDUE = `query($filter: FinancingFilter) { financings(first: 20, filter: $filter,
  orderBy: { field: MATURITY_DATE, direction: ASC }) { edges { node { id amount voucherId recourse
  voucher { status } } } } }`;
const FINANCING = `query($id: ID!) { financing(id: $id) { id status recourse
  recourseDemand { amount } buyBack { paymentReference } } }`;
const DEMAND = `mutation($id: ID!) { demandBuyBack(id: $id) { projection transactionId blockNumber
  financing { status recourseDemand { amount } } } }`;
const RECORD = `mutation($id: ID!, $ref: String!) { recordBuyBack(id: $id, paymentReference: $ref) {
  projection transactionId blockNumber financing { status buyBack { paymentReference } } } }`;
const VOUCHER = `query($id: ID!) { voucher(id: $id) { id status holderId paidTo
  lateInterest { days amount paid } } }`;
const PAY = `mutation($id: ID!, $r: String!) { payVoucher(voucherId: $id, paymentReference: $r) {
  projection transactionId blockNumber voucher { status } } }`;

interface Candidate {
  id: string;
  amount: string;
  voucherId: string;
  recourse: boolean | null;
  voucher: { status: string } | null;
}
interface SeenVoucher {
  id: string;
  status: string;
  holderId: string;
  paidTo: string | null;
  lateInterest: { days: number; amount: string; paid: boolean } | null;
}

/** The demo history's disbursed financings of a bank, unpaid past maturity, as the bank's node lists them. */
async function overdueOf(client: NodeClient, bank: 'bankA' | 'bankB'): Promise<Candidate[]> {
  const { dashboard } = await client.request<{ dashboard: { asOf: string } }>(AS_OF);
  const found = await client.request<{ financings: { edges: { node: Candidate }[] } }>(OVERDUE, {
    filter: {
      statuses: ['DISBURSED'],
      bankId: demoEnterprise(bank).id,
      maturityDate: { to: dayBefore(dashboard.asOf) },
    },
  });
  return found.financings.edges
    .map((edge) => edge.node)
    .filter((node) => ['OVERDUE', 'FINANCED'].includes(node.voucher?.status ?? ''));
}

/**
 * Recourse and buy-back (issue 13 item 3) on the real network, on the demo history's overdue
 * financings: bank B offers with recourse, bank A without. Bank A's demand is refused NO_RECOURSE;
 * bank B may not demand on bank A's financing, nor bank A, an SME or bank B's clerk on bank B's;
 * bank B's approver demands, then records the buy-back; the SME holds the voucher again, and the
 * debtor pays the SME, with late interest.
 */
export function recourseSuite(network: () => NetworkContext): void {
  describe('recourse and buy-back', () => {
    const flow = new Flow();
    let bankA: NodeClient;
    let bankB: NodeClient;
    let bankBClerk: NodeClient;
    let tier1: NodeClient;
    let core: NodeClient;
    let withRecourse: Candidate | undefined;

    const target = (): Candidate => {
      if (!withRecourse) throw new Error('the demo history left bank B no overdue financing with recourse');
      return withRecourse;
    };

    beforeAll(async () => {
      bankA = await loginAs(network(), 'bankA', 'approver');
      bankB = await loginAs(network(), 'bankB', 'approver');
      bankBClerk = await loginAs(network(), 'bankB', 'clerk');
      tier1 = await loginAs(network(), 'tier1', 'approver');
      core = await loginAs(network(), 'core', 'approver');
      withRecourse = (await overdueOf(bankB, 'bankB')).find((node) => node.recourse === true);
    });

    it('refuses a demand without recourse (NO_RECOURSE), and bank B’s demand on bank A’s financing', async () => {
      const withoutRecourse = (await overdueOf(bankA, 'bankA'))[0];
      if (!withoutRecourse) throw new Error('the demo history left bank A no overdue financing');
      expect(withoutRecourse.recourse).toBe(false);
      expect(await refusal(bankA.request(DEMAND, { id: withoutRecourse.id }))).toBe('NO_RECOURSE');
      expect(await refusal(bankB.request(DEMAND, { id: withoutRecourse.id }))).toBe('FORBIDDEN');
    });

    it('lets only bank B’s approver demand the buy-back of its overdue financing with recourse, once', async () => {
      const { id, amount } = target();
      expect(await refusal(bankA.request(DEMAND, { id }))).toBe('FORBIDDEN');
      expect(await refusal(bankBClerk.request(DEMAND, { id }))).toBe('FORBIDDEN');
      expect(await refusal(tier1.request(DEMAND, { id }))).toBe('FORBIDDEN');
      expect(await refusal(bankB.request(RECORD, { id, ref: 'BB-TOO-EARLY' }))).toBe('INVALID_STATE');
      const demanded = await flow.run<{
        demandBuyBack: { projection: string; financing: { status: string; recourseDemand: unknown } | null };
      }>(bankB, DEMAND, { id });
      expect(demanded.demandBuyBack.projection).toBe('APPLIED');
      expect(demanded.demandBuyBack.financing).toEqual({ status: 'DISBURSED', recourseDemand: { amount } });
      expect(await refusal(bankB.request(DEMAND, { id }))).toBe('ALREADY_EXISTS');
      // The applicant sees the demand and that it financed with recourse; the debtor sees the demand only.
      await flow.settle([tier1, core]);
      const seenBySme = await tier1.request<{ financing: Record<string, unknown> | null }>(FINANCING, { id });
      expect(seenBySme.financing).toMatchObject({ recourse: true, recourseDemand: { amount } });
      const seenByDebtor = await core.request<{ financing: Record<string, unknown> | null }>(FINANCING, {
        id,
      });
      expect(seenByDebtor.financing).toMatchObject({ recourse: null, recourseDemand: { amount } });
    });

    it('makes the SME the holder again once bank B records the buy-back, and the debtor pays the SME', async () => {
      const { id, voucherId } = target();
      const variables = { id, ref: 'BB-RECOURSE-1' };
      expect(await refusal(bankA.request(RECORD, variables))).toBe('FORBIDDEN');
      expect(await refusal(bankBClerk.request(RECORD, variables))).toBe('FORBIDDEN');
      expect(await refusal(tier1.request(RECORD, variables))).toBe('FORBIDDEN');
      const recorded = await flow.run<{
        recordBuyBack: { projection: string; financing: { status: string; buyBack: unknown } | null };
      }>(bankB, RECORD, variables);
      expect(recorded.recordBuyBack.financing).toEqual({
        status: 'BOUGHT_BACK',
        buyBack: { paymentReference: 'BB-RECOURSE-1' },
      });
      expect(await refusal(bankB.request(RECORD, variables))).toBe('INVALID_STATE');
      await flow.settle([tier1, core]);
      const held = await tier1.request<{ voucher: SeenVoucher | null }>(VOUCHER, { id: voucherId });
      expect(held.voucher).toMatchObject({ status: 'OVERDUE', holderId: demoEnterprise('tier1').id });

      const paid = await flow.run<{ payVoucher: { voucher: { status: string } | null } }>(core, PAY, {
        id: voucherId,
        r: 'HK-RECOURSE-1',
      });
      expect(paid.payVoucher.voucher?.status).toBe('SETTLED');
      await flow.settle([tier1, bankB]);
      const settled = await tier1.request<{ voucher: SeenVoucher | null }>(VOUCHER, { id: voucherId });
      expect(settled.voucher?.paidTo).toBe(demoEnterprise('tier1').id);
      expect(settled.voucher?.lateInterest?.paid).toBe(true);
      expect(BigInt(settled.voucher?.lateInterest?.amount ?? '0')).toBeGreaterThan(0n);
      // The bought-back financing stays as it was: the payment did not settle it for the bank.
      const financing = await bankB.request<{ financing: { status: string } | null }>(FINANCING, { id });
      expect(financing.financing?.status).toBe('BOUGHT_BACK');
    });
  });
}
