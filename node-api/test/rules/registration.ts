import { beforeAll, describe, expect, it } from 'vitest';
import { enrollUser, runningPid, stopProcess, type NetworkContext } from '@scf/network';
import { ErrorCodes } from '@scf/ledger-contract';
import { ensureRegistry, REGISTRY_PROCESS, registryUrl } from '../../src/cli/registry-process.ts';
import { demoEnterprise, type DemoKey } from '../../src/demo/demo-consortium.ts';
import { Flow, type NodeClient } from '../../src/demo/graphql-client.ts';
import { submit } from '../../src/ledger/submit.ts';
import { HttpRegistryAdapter } from '../../src/registry/http-registry-adapter.ts';
import { RegistryConflictError } from '../../src/registry/registry-errors.ts';
import { loginAs } from '../support/node-apis.ts';
import { sessionFor, type UserSession } from '../support/test-network.ts';
import { refusal } from './refusal.ts';
import { cstDate } from '../support/values.ts';
import { confirmByCore, registerCoreInvoice } from './core-invoice.ts';

const POLL = { timeout: 60_000, interval: 250 };
const AMOUNT = '50000000';
const FINANCING = `query($id: ID!) { financing(id: $id) { id status bankId
  terms { financedAmount }
  registration { registrationNumber registrant { id } searchResult { registrationNumber } }
  assignmentNotice { assignor { id } assignee { id } registrationNumber } } }`;
const DISBURSE = `mutation($id: ID!, $r: String!) { disburseFinancing(id: $id, paymentReference: $r) {
  projection transactionId blockNumber financing { id status registration { registrationNumber } } } }`;

interface Seen {
  financing: {
    id: string;
    status: string;
    bankId: string;
    terms: { financedAmount: string } | null;
    registration: { registrationNumber: string; registrant: { id: string }; searchResult: unknown[] } | null;
    assignmentNotice: {
      assignor: { id: string };
      assignee: { id: string };
      registrationNumber: string;
    } | null;
  } | null;
}

/**
 * Registration and notice (银发〔2025〕77号, 民法典 Art. 768) on the real network with the test
 * registry: a bank disburses only after registering; the registry refuses bank B a second
 * registration; the debtor sees the notice; terms stay between the bank and the applicant.
 */
export function registrationSuite(network: () => NetworkContext): void {
  describe('registration before disbursement, and the notice to the debtor', () => {
    const id = (key: DemoKey): string => demoEnterprise(key).id;
    const flow = new Flow();
    let tier1Clerk: NodeClient;
    let tier1: NodeClient;
    let bankA: NodeClient;
    let core: NodeClient;
    const financingIds: string[] = [];

    /** A voucher of the core enterprise held by tier 1, applied for at bank A, offered and accepted. */
    async function acceptedFinancing(number: string): Promise<string> {
      const invoiceId = await registerCoreInvoice(flow, tier1Clerk, { number, amount: AMOUNT });
      const voucherId = await confirmByCore(flow, core, invoiceId);
      const applied = await flow.run<{ applyFinancing: { financing: { id: string } } }>(
        tier1Clerk,
        'mutation($v: ID!, $b: String!) { applyFinancing(voucherId: $v, bankId: $b) { transactionId blockNumber financing { id } } }',
        { v: voucherId, b: id('bankA') },
      );
      const financingId = applied.applyFinancing.financing.id;
      await flow.run(
        bankA,
        'mutation($id: ID!, $t: OfferInput!) { offerFinancing(id: $id, terms: $t) { transactionId blockNumber } }',
        {
          id: financingId,
          t: { advanceRateBps: 9000, spreadBps: 80, fees: '50000', validUntil: cstDate(10), recourse: false },
        },
      );
      await flow.run(tier1, 'mutation($id: ID!) { acceptOffer(id: $id) { transactionId blockNumber } }', {
        id: financingId,
      });
      // Bank A's node refuses a disbursement until its own read model holds the acceptance.
      await flow.settle([bankA]);
      financingIds.push(financingId);
      return financingId;
    }

    /** The financing's receivable, as the registry identifies it. */
    const receivable = async (
      financingId: string,
    ): Promise<{ voucherId: string; debtorId: string; amount: string }> =>
      (
        await bankA.request<{ financing: { voucherId: string; debtorId: string; amount: string } }>(
          'query($id: ID!) { financing(id: $id) { voucherId debtorId amount } }',
          { id: financingId },
        )
      ).financing;
    const seen = async (client: NodeClient, financingId: string): Promise<Seen['financing']> =>
      (await client.request<Seen>(FINANCING, { id: financingId })).financing;
    /** A user of bank A's org acting for bank A on the ledger directly, not through its node. */
    const bankALedger = async (): Promise<UserSession> =>
      sessionFor(
        network(),
        await enrollUser(network(), {
          org: 'banka',
          name: 'it-reg-approver',
          enterpriseId: id('bankA'),
          role: 'approver',
        }),
      );

    beforeAll(async () => {
      tier1Clerk = await loginAs(network(), 'tier1', 'clerk');
      tier1 = await loginAs(network(), 'tier1', 'approver');
      bankA = await loginAs(network(), 'bankA', 'approver');
      core = await loginAs(network(), 'core', 'approver');
    });

    it('refuses a disbursement without a registration on the ledger itself (REGISTRATION_REQUIRED)', async () => {
      const financingId = await acceptedFinancing('IT-REG-NONE');
      const session = await bankALedger();
      try {
        const contract = session.connection.gateway.getNetwork('scf').getContract('scf', 'financing');
        await expect(submit(contract, 'Disburse', [financingId, 'PAY-NONE', ''])).rejects.toMatchObject({
          code: ErrorCodes.RegistrationRequired,
        });
      } finally {
        session.connection.close();
      }
      expect((await seen(bankA, financingId))?.status).toBe('ACCEPTED');
    });

    it('answers REGISTRY_UNAVAILABLE while the registry is down, writing nothing', async () => {
      const [financingId = ''] = financingIds;
      expect(runningPid(network().paths, REGISTRY_PROCESS)).toBeDefined();
      await stopProcess(network().paths, REGISTRY_PROCESS);
      try {
        expect(await refusal(bankA.request(DISBURSE, { id: financingId, r: 'PAY-DOWN' }))).toBe(
          'REGISTRY_UNAVAILABLE',
        );
        expect((await seen(bankA, financingId))?.status).toBe('ACCEPTED');
      } finally {
        await ensureRegistry(network());
      }
    });

    it('disburses once registered: the ledger keeps the registration and notices the debtor', async () => {
      const [financingId = ''] = financingIds;
      const done = await flow.run<{
        disburseFinancing: {
          projection: string;
          financing: { status: string; registration: { registrationNumber: string } };
        };
      }>(bankA, DISBURSE, { id: financingId, r: 'PAY-REG-1' });
      expect(done.disburseFinancing).toMatchObject({
        projection: 'APPLIED',
        financing: { status: 'DISBURSED' },
      });
      const number = done.disburseFinancing.financing.registration.registrationNumber;
      expect(number).toMatch(/^\d{16}$/);
      expect(await seen(bankA, financingId)).toMatchObject({
        registration: { registrationNumber: number, registrant: { id: id('bankA') }, searchResult: [] },
        assignmentNotice: {
          assignor: { id: id('tier1') },
          assignee: { id: id('bankA') },
          registrationNumber: number,
        },
      });
      // The registry holds the very registration the ledger cites.
      const registry = new HttpRegistryAdapter(registryUrl(network()), 5_000);
      const held = (await registry.search(await receivable(financingId))).entries;
      expect(held.map((entry) => [entry.registrationNumber, entry.registrantId])).toEqual([
        [number, id('bankA')],
      ]);
    });

    it("refuses bank B's second registration of the same receivable at the registry", async () => {
      const [financingId = ''] = financingIds;
      const claim = await receivable(financingId);
      const registry = new HttpRegistryAdapter(registryUrl(network()), 5_000);
      const attempt = registry.register(claim, {
        id: id('bankB'),
        name: demoEnterprise('bankB').name,
      });
      await expect(attempt).rejects.toBeInstanceOf(RegistryConflictError);
      const first = (await registry.search(claim)).entries;
      expect(first.map((entry) => entry.registrantId)).toEqual([id('bankA')]);
      await expect(attempt).rejects.toMatchObject({ existing: first[0] });
    });

    it('refuses bank A when another party registered the receivable first (REGISTRY_CONFLICT), writing nothing', async () => {
      const financingId = await acceptedFinancing('IT-REG-TAKEN');
      const claim = await receivable(financingId);
      // Bank B financed the same receivable elsewhere and registered it first.
      const registry = new HttpRegistryAdapter(registryUrl(network()), 5_000);
      await registry.register(claim, { id: id('bankB'), name: demoEnterprise('bankB').name });
      expect(await refusal(bankA.request(DISBURSE, { id: financingId, r: 'PAY-TAKEN' }))).toBe(
        'REGISTRY_CONFLICT',
      );
      expect((await seen(bankA, financingId))?.status).toBe('ACCEPTED');
      expect((await registry.search(claim)).entries.map((entry) => entry.registrantId)).toEqual([
        id('bankB'),
      ]);
    });

    it('shows the core enterprise the notice: pay bank A, not tier 1', async () => {
      const [financingId = ''] = financingIds;
      type Notices = {
        financings: {
          edges: { node: { id: string; assignmentNotice: { assignee: { id: string } } | null } }[];
        };
      };
      await expect
        .poll(async () => {
          const list = await core.request<Notices>(
            '{ financings(first: 50, filter: { noticed: true }) { edges { node { id assignmentNotice { assignee { id } } } } } }',
          );
          // The demo's seed financed vouchers of its own: this suite's financing is one of the noticed.
          return list.financings.edges.map((edge) => edge.node).filter((node) => node.id === financingId);
        }, POLL)
        .toEqual([{ id: financingId, assignmentNotice: { assignee: { id: id('bankA') } } }]);
      const voucher = await core.request<{ financing: { voucher: { holderId: string; status: string } } }>(
        'query($id: ID!) { financing(id: $id) { voucher { holderId status } } }',
        { id: financingId },
      );
      expect(voucher.financing.voucher).toEqual({ holderId: id('bankA'), status: 'FINANCED' });
      // The debtor sees the registration, never the terms.
      expect(await seen(core, financingId)).toMatchObject({
        terms: null,
        registration: { registrant: { id: id('bankA') } },
      });
    });

    it("lets neither another SME nor bank B see bank A's terms", async () => {
      const [financingId = ''] = financingIds;
      expect((await seen(bankA, financingId))?.terms).not.toBeNull();
      expect((await seen(tier1, financingId))?.terms).not.toBeNull();
      for (const [key, role] of [
        ['tier2', 'approver'],
        ['bankB', 'approver'],
      ] as const) {
        const other = await loginAs(network(), key, role);
        expect(await seen(other, financingId)).toBeNull();
      }
      // Bank B's peer must hold the disbursement: else its refusal would be NOT_FOUND, not FORBIDDEN.
      await flow.settle([await loginAs(network(), 'bankB', 'approver')]);
      const bankB = sessionFor(
        network(),
        await enrollUser(network(), {
          org: 'bankb',
          name: 'it-reg-b',
          enterpriseId: id('bankB'),
          role: 'approver',
        }),
      );
      try {
        await expect(bankB.ledger.financing.GetTerms({ financingId })).rejects.toMatchObject({
          code: 'FORBIDDEN',
        });
        // What the ledger shows every member of the financing: the registration, and only a hash of the terms.
        const record = await bankB.ledger.financing.Get({ id: financingId });
        expect(record.registration?.registrantId).toBe(id('bankA'));
        expect(Object.keys(record)).not.toContain('terms');
        expect(JSON.stringify(record)).not.toMatch(/advanceRate|spreadBps|netProceeds|financedAmount/);
      } finally {
        bankB.connection.close();
      }
    });
  });
}
