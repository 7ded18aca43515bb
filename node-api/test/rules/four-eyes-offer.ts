import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollUser, type NetworkContext } from '@scf/network';
import { PREPARED_TERMS_HASH_ARG } from '@scf/ledger-contract';
import { demoEnterprise, type DemoKey } from '../../src/demo/demo-consortium.ts';
import { Flow, type NodeClient } from '../../src/demo/graphql-client.ts';
import { loginAs } from '../support/node-apis.ts';
import { sessionFor } from '../support/test-network.ts';
import { cstDate } from '../support/values.ts';
import { confirmByCore, registerCoreInvoice } from './core-invoice.ts';
import { refusal } from './refusal.ts';

/** Below what the exposure suite's cap leaves the core enterprise. */
const AMOUNT = '20000000';
const POLL = { timeout: 60_000, interval: 250 };
const APPROVAL = 'transactionId blockNumber approval { id status resultId args { name value } }';
const PREPARE = `mutation($input: PrepareActionInput!) { prepareAction(input: $input) { ${APPROVAL} } }`;
const APPROVE = `mutation($id: ID!) { approveAction(id: $id) { ${APPROVAL} } }`;
const PREPARED = `query($id: ID!) { approval(id: $id) { status
  preparedOffer { advanceRateBps spreadBps fees validUntil recourse } } }`;
const TERMS = `query($id: ID!) { financing(id: $id) { status
  terms { advanceRateBps spreadBps fees validUntil recourse } } }`;

interface Approval {
  id: string;
  status: string;
  resultId: string | null;
  args: { name: string; value: string }[];
}
interface Terms {
  advanceRateBps: number;
  spreadBps: number;
  fees: string;
  validUntil: string;
  recourse: boolean;
}

/**
 * An offer under four eyes on the real network: a clerk of bank A prepares it; its terms go to bank
 * A's own collection (and the approval, public to its enterprise's nodes, carries their hash only);
 * neither bank B nor the applicant SME nor the core enterprise can read them, through a node or on
 * the ledger; another approver of bank A approves, and the offer made has exactly the prepared terms.
 */
export function fourEyesOfferSuite(network: () => NetworkContext): void {
  describe('four eyes on an offer: its terms stay with the bank until approved', () => {
    const id = (key: DemoKey): string => demoEnterprise(key).id;
    const flow = new Flow();
    const terms: Terms = {
      advanceRateBps: 8800,
      spreadBps: 75,
      fees: '40000',
      validUntil: cstDate(9),
      recourse: true,
    };
    let bankClerk: NodeClient;
    let bankApprover: NodeClient;
    let financingId = '';
    let prepared: Approval;

    async function setFourEyes(on: boolean): Promise<boolean> {
      const admin = await loginAs(network(), 'bankA', 'admin');
      const set = await flow.run<{ setEnterpriseFourEyes: { enterprise: { fourEyes: boolean } } }>(
        admin,
        'mutation($id: ID!, $on: Boolean!) { setEnterpriseFourEyes(id: $id, on: $on) { transactionId blockNumber enterprise { fourEyes } } }',
        { id: id('bankA'), on },
      );
      return set.setEnterpriseFourEyes.enterprise.fourEyes;
    }

    /** What the ledger itself answers a user of `key` asking for the prepared terms (on its own org's peer). */
    async function ledgerTermsAs(key: DemoKey): Promise<unknown> {
      const session = sessionFor(
        network(),
        await enrollUser(network(), {
          org: demoEnterprise(key).org,
          name: `it-4eo-${key.toLowerCase()}`,
          enterpriseId: id(key),
          role: 'approver',
        }),
      );
      try {
        return await session.ledger.approval.GetTerms({ id: prepared.id });
      } catch (error) {
        return (error as { code?: unknown }).code;
      } finally {
        session.connection.close();
      }
    }

    beforeAll(async () => {
      const tier1Clerk = await loginAs(network(), 'tier1', 'clerk');
      const core = await loginAs(network(), 'core', 'approver');
      bankClerk = await loginAs(network(), 'bankA', 'clerk');
      bankApprover = await loginAs(network(), 'bankA', 'approver');
      const invoiceId = await registerCoreInvoice(flow, tier1Clerk, {
        number: 'IT-4EYES-OFR',
        amount: AMOUNT,
      });
      const voucherId = await confirmByCore(flow, core, invoiceId);
      const applied = await flow.run<{ applyFinancing: { financing: { id: string } } }>(
        tier1Clerk,
        'mutation($v: ID!, $b: String!) { applyFinancing(voucherId: $v, bankId: $b) { transactionId blockNumber financing { id } } }',
        { v: voucherId, b: id('bankA') },
      );
      financingId = applied.applyFinancing.financing.id;
      expect(await setFourEyes(true)).toBe(true);
    });

    // The suites after this one share the network: bank A offers alone again.
    afterAll(async () => {
      expect(await setFourEyes(false)).toBe(false);
    });

    it('refuses bank A’s approver offering alone (FOUR_EYES_REQUIRED)', async () => {
      const direct = bankApprover.request(
        'mutation($id: ID!, $t: OfferInput!) { offerFinancing(id: $id, terms: $t) { projection } }',
        { id: financingId, t: terms },
      );
      expect(await refusal(direct)).toBe('FOUR_EYES_REQUIRED');
    });

    it('keeps the prepared terms from bank B, the applicant and the core enterprise', async () => {
      const done = await flow.run<{ prepareAction: { approval: Approval } }>(bankClerk, PREPARE, {
        input: { offer: { financingId, terms } },
      });
      prepared = done.prepareAction.approval;
      expect(prepared.status).toBe('PENDING');
      expect(prepared.args.map((arg) => arg.name).sort()).toEqual(['financingId', PREPARED_TERMS_HASH_ARG]);
      expect(prepared.args.find((arg) => arg.name === PREPARED_TERMS_HASH_ARG)?.value).toMatch(
        /^[0-9a-f]{64}$/,
      );
      for (const key of ['bankB', 'tier1', 'core'] as const) {
        const other = await loginAs(network(), key, 'approver');
        // Its org's peer answers NOT_FOUND, not FORBIDDEN, until it holds the prepared approval.
        await flow.settle([other]);
        expect(
          (await other.request<{ approval: unknown }>(PREPARED, { id: prepared.id })).approval,
        ).toBeNull();
        expect(await ledgerTermsAs(key)).toBe('FORBIDDEN');
      }
      const seen = await bankApprover.request<{ approval: { preparedOffer: Terms } }>(PREPARED, {
        id: prepared.id,
      });
      expect(seen.approval.preparedOffer).toEqual(terms);
    });

    it('offers exactly the prepared terms when another approver approves; the kept copy is gone', async () => {
      expect(await refusal(bankClerk.request(APPROVE, { id: prepared.id }))).toBe('FOUR_EYES_SAME_IDENTITY');
      const done = await flow.run<{ approveAction: { approval: Approval } }>(bankApprover, APPROVE, {
        id: prepared.id,
      });
      expect(done.approveAction.approval).toMatchObject({ status: 'APPROVED', resultId: financingId });
      const tier1 = await loginAs(network(), 'tier1', 'approver');
      for (const client of [bankApprover, tier1]) {
        await expect
          .poll(
            async () =>
              (
                await client.request<{ financing: { status: string; terms: Terms | null } }>(TERMS, {
                  id: financingId,
                })
              ).financing,
            POLL,
          )
          .toEqual({ status: 'OFFERED', terms });
      }
      expect(await ledgerTermsAs('bankA')).toBe('NOT_FOUND');
    });
  });
}
