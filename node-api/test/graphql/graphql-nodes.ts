import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { enrollUser, findMember, runningPid, type NetworkContext } from '@scf/network';
import { nodeDatabaseUrl, nodeUrl } from '../../src/cli/node-env.ts';
import { nodeProcessName } from '../../src/cli/node-processes.ts';
import { demoEnterprise } from '../../src/demo/demo-consortium.ts';
import { Flow, NodeClient } from '../../src/demo/graphql-client.ts';
import type { SeedSummary } from '../../src/demo/seed.ts';
import { connectMember } from '../../src/ledger/member-connection.ts';
import { scfLedger } from '../../src/ledger/scf-ledger.ts';
import { loginAs, startNodeApis } from '../support/node-apis.ts';
import { SHARED_NODE_ENV } from '../rules/rules-network.ts';
import { cstDate, sha } from '../support/values.ts';

const POLL = { timeout: 60_000, interval: 250 };
const run = promisify(execFile);
const RECONCILE_CLI = new URL('../../src/cli/reconcile.ts', import.meta.url).pathname;

const INVOICE = `query($id: ID!) { invoice(id: $id) { id status amount proof { transactionId blockNumber } } }`;
const REGISTER = `mutation($input: RegisterInvoiceInput!) {
  registerInvoice(input: $input) { projection transactionId blockNumber invoice { id status amount } } }`;
const COUNT = '{ invoices(first: 1) { totalCount } }';

interface Registered {
  registerInvoice: {
    projection: string;
    transactionId: string;
    blockNumber: string;
    invoice: { id: string; status: string; amount: string } | null;
  };
}

/**
 * The node APIs on a shared network whose demo seed wrote 12 invoices' stories (`seed`): GraphQL per
 * org, privacy between banks, lineage, the 2025 rules through the API, streams, health, and a node
 * killed mid-stream. Counts are taken relative to what the suite finds.
 */
export function graphqlNodesSuite(network: () => NetworkContext, seed: () => SeedSummary): void {
  describe('node APIs: GraphQL per org on the real network', () => {
    const databaseUrl = (org: string): string =>
      nodeDatabaseUrl(network(), findMember(network().topology, org));
    /**
     * Runs reconcile without blocking this process: a blocked event loop never sees the node APIs close
     * idle keep-alive sockets, and the next request would go out on a dead one.
     */
    const reconcile = async (
      org: string,
    ): Promise<{ status: number | null; stdout: string; stderr?: string }> => {
      const args = [RECONCILE_CLI, '--org', org, '--state-dir', network().paths.root];
      const env = { ...process.env, DATABASE_URL: databaseUrl(org) };
      try {
        const { stdout } = await run(process.execPath, args, { env, encoding: 'utf8', timeout: 120_000 });
        return { status: 0, stdout };
      } catch (error) {
        const failed = error as { code?: number | string; stdout?: string; stderr?: string };
        const status = typeof failed.code === 'number' ? failed.code : null;
        // Without any output of its own, what went wrong shows in the assertion's diff.
        return { status, stdout: failed.stdout ?? '', ...(failed.stdout ? {} : { stderr: failed.stderr }) };
      }
    };
    const invoiceInput = (number: string, overrides: Record<string, unknown> = {}) => ({
      number,
      buyerId: demoEnterprise('core').id,
      amount: '12345600',
      issueDate: cstDate(0),
      dueDate: cstDate(60),
      documentSha256: sha(number),
      ...overrides,
    });
    /** The input of an invoice whose document the clerk's enterprise uploaded first, as it must. */
    const ownInvoiceInput = async (
      clerk: NodeClient,
      number: string,
      overrides: Record<string, unknown> = {},
    ): Promise<Record<string, unknown>> => {
      const document = await clerk.upload(`${number}.txt`, 'text/plain', new TextEncoder().encode(number));
      return invoiceInput(number, { documentSha256: document, ...overrides });
    };

    let summary: SeedSummary;
    const urlOf = (org: string): string => nodeUrl(findMember(network().topology, org));

    beforeAll(() => {
      summary = seed();
    });

    it('seeds a consortium through the APIs, and every read model reconciles with its ledger', async () => {
      expect(summary.invoices).toBe(12);
      expect(summary.confirmed).toBeGreaterThan(0);
      expect(summary.financings).toBeGreaterThan(0);
      // The demo shows the 2025 rules: a long-term voucher, and one transfer still waiting for consent.
      expect(summary.longTerm).toBe(1);
      expect(summary.awaitingConsent).toBe(summary.transfers >= 2 ? 1 : 0);
      for (const org of ['supplier', 'banka', 'core'])
        expect(await reconcile(org)).toMatchObject({ status: 0 });
    });

    it("returns the written object from a mutation, and shows it in another org's read model", async () => {
      const clerk = await loginAs(network(), 'tier1', 'clerk');
      const done = await clerk.request<Registered>(REGISTER, {
        input: await ownInvoiceInput(clerk, 'IT-CROSS-1'),
      });
      expect(done.registerInvoice).toMatchObject({
        projection: 'APPLIED',
        invoice: { status: 'REGISTERED', amount: '12345600' },
      });
      const id = done.registerInvoice.invoice?.id ?? '';
      const core = await loginAs(network(), 'core', 'approver');
      await expect
        .poll(async () => (await core.request<{ invoice: unknown }>(INVOICE, { id })).invoice, POLL)
        .toMatchObject({
          id,
          status: 'REGISTERED',
          proof: {
            transactionId: done.registerInvoice.transactionId,
            blockNumber: done.registerInvoice.blockNumber,
          },
        });
      // An enterprise that is no party to the invoice does not see it.
      const carrier = await loginAs(network(), 'carrier', 'clerk');
      await expect(carrier.request<{ invoice: unknown }>(INVOICE, { id })).resolves.toEqual({
        invoice: null,
      });
    });

    it("never lets bank B's node return bank A's offer terms", async () => {
      const query = `{ financings(first: 100) { edges { node { id bankId terms { financedAmount } } } } }`;
      type Financings = { financings: { edges: { node: { id: string; bankId: string; terms: unknown } }[] } };
      const bankA = await loginAs(network(), 'bankA', 'approver');
      const seenByA = (await bankA.request<Financings>(query)).financings.edges.map((edge) => edge.node);
      const withTerms = seenByA.filter((node) => node.terms !== null);
      expect(withTerms.length).toBeGreaterThan(0);
      const bankB = await loginAs(network(), 'bankB', 'approver');
      const seenByB = (await bankB.request<Financings>(query)).financings.edges.map((edge) => edge.node);
      expect(seenByB.every((node) => node.bankId === demoEnterprise('bankB').id)).toBe(true);
      for (const { id } of withTerms) {
        const lookup = await bankB.request<{ financing: unknown }>(
          `query($id: ID!) { financing(id: $id) { id } }`,
          { id },
        );
        expect(lookup.financing).toBeNull();
      }
      // Not even bank B's database holds them: its org cannot read bank A's private collection.
      const client = new pg.Client({ connectionString: databaseUrl('bankb') });
      await client.connect();
      const held = (
        await client.query<{ financing_id: string }>('SELECT financing_id FROM offer_terms')
      ).rows.map((row) => row.financing_id);
      await client.end();
      expect(withTerms.some(({ id }) => held.includes(id))).toBe(false);
    });

    it("shows a tier-2 supplier its voucher's lineage up to the core enterprise's root", async () => {
      type Vouchers = {
        vouchers: {
          edges: {
            node: {
              id: string;
              tier: number;
              lineage: { tier: number; holderId: string; debtorId: string }[];
            };
          }[];
        };
      };
      const query = `{ vouchers(first: 20) { edges { node { id tier lineage { tier holderId debtorId } } } } }`;
      const pieces = [];
      for (const key of ['tier2', 'tier2b'] as const) {
        const held = await (await loginAs(network(), key, 'clerk')).request<Vouchers>(query);
        pieces.push(
          ...held.vouchers.edges.map((edge) => ({ key, ...edge.node })).filter((node) => node.tier === 1),
        );
      }
      // Pieces a bank took over on disbursement are the bank's to see now; the others are still theirs.
      expect(summary.transfers).toBeGreaterThan(0);
      expect(pieces.length).toBeGreaterThan(0);
      for (const piece of pieces) {
        expect(piece.lineage.map((v) => v.tier)).toEqual([0, 1]);
        expect(piece.lineage[0]).toMatchObject({ debtorId: demoEnterprise('core').id });
        expect(piece.lineage[1]).toMatchObject({ holderId: demoEnterprise(piece.key).id });
      }
    });

    it('enforces the 2025 rules: a 200-day term flagged, a 400-day one refused, a transfer declined once then accepted', async () => {
      const flow = new Flow();
      const tier1Clerk = await loginAs(network(), 'tier1', 'clerk');
      const tier1 = await loginAs(network(), 'tier1', 'approver');
      const tier2Clerk = await loginAs(network(), 'tier2', 'clerk');
      const tier2 = await loginAs(network(), 'tier2', 'approver');
      const core = await loginAs(network(), 'core', 'approver');
      const register = async (clerk: NodeClient, number: string, overrides: Record<string, unknown>) => {
        const done = await flow.run<Registered>(clerk, REGISTER, {
          input: await ownInvoiceInput(clerk, number, overrides),
        });
        return done.registerInvoice.invoice?.id ?? '';
      };
      const confirm = (id: string) =>
        flow.run<{ confirmInvoice: { invoice: { voucherId: string; paymentTermExceeded: boolean } } }>(
          core,
          'mutation($id: ID!) { confirmInvoice(id: $id, waiveDelivery: true) { transactionId blockNumber invoice { voucherId paymentTermExceeded } } }',
          { id },
        );
      const VOUCHER = `query($id: ID!) { voucher(id: $id) { id status holderId longTerm amount
      consent { status reason returnedAsId sender { id } } lineage { id } } }`;
      type Seen = {
        voucher: {
          id: string;
          status: string;
          holderId: string;
          longTerm: boolean;
          consent: { status: string; reason: string | null; returnedAsId: string | null } | null;
          lineage: { id: string }[];
        } | null;
      };

      // 银发〔2025〕77号: 200 days is allowed and flagged long-term; 400 days is refused.
      const shortEnough = await register(tier1Clerk, 'IT-TERM-200', {
        amount: '50000000',
        dueDate: cstDate(200),
      });
      const tooLong = await register(tier1Clerk, 'IT-TERM-400', { dueDate: cstDate(400) });
      const confirmed = await confirm(shortEnough);
      // Art. 9: a core enterprise owing a supplier 200 days after issue (no delivery recorded) is flagged.
      expect(confirmed.confirmInvoice.invoice.paymentTermExceeded).toBe(true);
      const rootId = confirmed.confirmInvoice.invoice.voucherId;
      await expect(core.request<Seen>(VOUCHER, { id: rootId })).resolves.toMatchObject({
        voucher: { longTerm: true, status: 'ACTIVE' },
      });
      await expect(confirm(tooLong)).rejects.toMatchObject({ code: 'TERM_TOO_LONG' });
      const dashboard = await core.request<{ dashboard: { longPaymentTerms: { count: number } } }>(
        '{ dashboard { longPaymentTerms { count amount } } }',
      );
      expect(dashboard.dashboard.longPaymentTerms.count).toBeGreaterThan(0);

      // Art. 11: the piece paid to tier 2 waits for tier 2's approver.
      const backing = await register(tier2Clerk, 'IT-CONSENT-T2', {
        buyerId: demoEnterprise('tier1').id,
        amount: '20000000',
        dueDate: cstDate(90),
      });
      const SPLIT = `mutation($v: ID!, $p: [VoucherPieceInput!]!) {
      splitTransfer(voucherId: $v, pieces: $p) { transactionId blockNumber children { id status holderId } } }`;
      type Split = { splitTransfer: { children: { id: string; status: string; holderId: string }[] } };
      const first = await flow.run<Split>(tier1, SPLIT, {
        v: rootId,
        p: [
          { amount: '30000000' },
          { amount: '20000000', toEnterpriseId: demoEnterprise('tier2').id, invoiceId: backing },
        ],
      });
      const offered = first.splitTransfer.children[1];
      expect(offered).toMatchObject({ status: 'PENDING_ACCEPTANCE', holderId: demoEnterprise('tier2').id });
      const offeredId = offered?.id ?? '';
      await tier2.awaitApplied(flow.lastWrite ?? { transactionId: '', blockNumber: '0' });
      const queue = await tier2.request<{
        pendingAcceptances: {
          edges: {
            node: {
              id: string;
              amount: string;
              maturityDate: string;
              debtor: { id: string };
              invoice: { number: string } | null;
            };
          }[];
        };
      }>(
        '{ pendingAcceptances(first: 50) { edges { node { id amount maturityDate debtor { id } invoice { number } } } } }',
      );
      expect(queue.pendingAcceptances.edges.map((edge) => edge.node)).toContainEqual({
        id: offeredId,
        amount: '20000000',
        maturityDate: cstDate(200),
        debtor: { id: demoEnterprise('core').id },
        invoice: { number: 'IT-CONSENT-T2' },
      });
      // Neither transferable nor financeable while it waits, by anyone.
      await expect(
        tier2.request(
          'mutation($v: ID!, $b: String!) { applyFinancing(voucherId: $v, bankId: $b) { projection } }',
          {
            v: offeredId,
            b: demoEnterprise('bankA').id,
          },
        ),
      ).rejects.toMatchObject({ code: 'INVALID_STATE' });
      await expect(
        tier1.request(SPLIT, { v: offeredId, p: [{ amount: '10000000' }, { amount: '10000000' }] }),
      ).rejects.toMatchObject({ code: 'INVALID_STATE' });

      // Declined once: the amount comes back to tier 1 as the root's third piece.
      const declined = await flow.run<{ declineTransfer: { voucher: Seen['voucher'] } }>(
        tier2,
        'mutation($v: ID!, $r: String!) { declineTransfer(voucherId: $v, reason: $r) { transactionId blockNumber voucher { id status consent { status reason returnedAsId } } } }',
        { v: offeredId, r: '账期过长，请付现金' },
      );
      const returnedId = `${rootId}.3`;
      expect(declined.declineTransfer.voucher).toMatchObject({
        status: 'RETURNED',
        consent: { status: 'DECLINED', reason: '账期过长，请付现金', returnedAsId: returnedId },
      });
      await tier1.awaitApplied(flow.lastWrite ?? { transactionId: '', blockNumber: '0' });
      await expect(tier1.request<Seen>(VOUCHER, { id: returnedId })).resolves.toMatchObject({
        voucher: {
          status: 'ACTIVE',
          holderId: demoEnterprise('tier1').id,
          amount: '20000000',
          longTerm: true,
        },
      });
      await expect(
        tier1.request<{ invoice: { paidAmount: string } }>(
          'query($id: ID!) { invoice(id: $id) { paidAmount } }',
          {
            id: backing,
          },
        ),
      ).resolves.toEqual({ invoice: { paidAmount: '0' } });

      // Offered again, then accepted: tier 2 holds it, traced back through the returned piece.
      const second = await flow.run<Split>(tier1, SPLIT, {
        v: returnedId,
        p: [{ amount: '20000000', toEnterpriseId: demoEnterprise('tier2').id, invoiceId: backing }],
      });
      const againId = second.splitTransfer.children[0]?.id ?? '';
      const accepted = await flow.run<{ acceptTransfer: { voucher: Seen['voucher'] } }>(
        tier2,
        'mutation($v: ID!) { acceptTransfer(voucherId: $v) { transactionId blockNumber voucher { id status holderId consent { status } lineage { id } } } }',
        { v: againId },
      );
      expect(accepted.acceptTransfer.voucher).toMatchObject({
        status: 'ACTIVE',
        holderId: demoEnterprise('tier2').id,
        consent: { status: 'ACCEPTED' },
        lineage: [{ id: rootId }, { id: returnedId }, { id: againId }],
      });
      // Reconcile compares each org's peer with its read model: the core's must have applied the last write.
      await flow.settle([core]);
      for (const org of ['supplier', 'core']) expect(await reconcile(org)).toMatchObject({ status: 0 });
    });

    it('refuses anonymous and wrong-role requests', async () => {
      const anonymous = new NodeClient(urlOf('supplier'));
      await expect(anonymous.request(REGISTER, { input: invoiceInput('IT-ANON') })).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      const coreClerk = await loginAs(network(), 'core', 'clerk');
      await expect(
        coreClerk.request('mutation($id: ID!) { confirmInvoice(id: $id) { projection } }', { id: 'x' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const clerk = await loginAs(network(), 'tier1', 'clerk');
      await expect(
        clerk.request(
          'mutation { createUser(input: { username: "eve", password: "long-enough-pw", displayName: "Eve", role: ADMIN, enterpriseId: "x" }) { id } }',
        ),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('answers malformed input with a typed error and writes nothing', async () => {
      const clerk = await loginAs(network(), 'tier1', 'clerk');
      const before = await clerk.request<{ invoices: { totalCount: number } }>(COUNT);
      const bad: [Record<string, unknown>, string][] = [
        [{ amount: '-1' }, 'INVALID_ARGUMENT'],
        [{ amount: '1.5' }, 'INVALID_ARGUMENT'],
        [{ amount: 15 }, 'INVALID_ARGUMENT'],
        [{ dueDate: '2026-02-30' }, 'INVALID_ARGUMENT'],
        [{ issueDate: '22/11/2026' }, 'INVALID_ARGUMENT'],
        [{ number: 'N'.repeat(65) }, 'INVALID_ARGUMENT'],
        [{ documentSha256: 'not-a-hash' }, 'INVALID_ARGUMENT'],
        [{ buyerId: '91370200MA0X00000X' }, 'NOT_FOUND'],
      ];
      for (const [overrides, code] of bad) {
        await expect(
          clerk.request(REGISTER, { input: await ownInvoiceInput(clerk, `IT-BAD-${code}`, overrides) }),
          JSON.stringify(overrides),
        ).rejects.toMatchObject({ code });
      }
      await expect(clerk.request(COUNT)).resolves.toEqual(before);
    });

    it("serves an object's ledger history with block numbers matching its proof", async () => {
      const clerk = await loginAs(network(), 'tier1', 'clerk');
      const done = await clerk.request<Registered>(REGISTER, {
        input: await ownInvoiceInput(clerk, 'IT-HISTORY'),
      });
      const id = done.registerInvoice.invoice?.id ?? '';
      const history = await clerk.request<{
        history: { transactionId: string; blockNumber: string; status: string }[];
      }>(`query($id: ID!) { history(type: invoice, id: $id) { transactionId blockNumber status } }`, { id });
      expect(history.history).toEqual([
        {
          transactionId: done.registerInvoice.transactionId,
          blockNumber: done.registerInvoice.blockNumber,
          status: 'REGISTERED',
        },
      ]);
    });

    it('pushes changes to a subscriber over SSE', async () => {
      const clerk = await loginAs(network(), 'tier1', 'clerk');
      const token = clerk.token ?? '';
      const controller = new AbortController();
      const response = await fetch(`${urlOf('supplier')}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query: 'subscription { changes { type id transactionId } }' }),
        signal: controller.signal,
      });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body?.getReader();
      if (!reader) throw new Error('no stream');
      const done = await clerk.request<Registered>(REGISTER, {
        input: await ownInvoiceInput(clerk, 'IT-SSE'),
      });
      let text = '';
      const decoder = new TextDecoder();
      while (!text.includes(done.registerInvoice.transactionId)) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value);
      }
      controller.abort();
      expect(text).toContain(`"id":"${done.registerInvoice.invoice?.id ?? ''}"`);
    });

    it('reports health and projector lag', async () => {
      const health = await fetch(`${urlOf('banka')}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const metrics = await (await fetch(`${urlOf('banka')}/metrics`)).text();
      expect(metrics).toMatch(/^scf_projector_lag_blocks \d+/m);
      expect(metrics).toMatch(/^scf_projector_last_block \d+/m);
    });

    // The poll below waits up to two minutes for the catch-up; the test must outlast it to say how far it got.
    it(
      'a node killed mid-stream of 500 transactions resumes: nothing lost, nothing doubled',
      { timeout: 300_000 },
      async () => {
        const net = network();
        const supplier = findMember(net.topology, 'supplier');
        const writer = await enrollUser(net, {
          org: 'supplier',
          name: 'bulk-writer',
          enterpriseId: demoEnterprise('tier1').id,
          role: 'clerk',
        });
        const connection = connectMember(net, writer);
        const ledger = scfLedger(connection.gateway, 'scf', 'scf');
        const clerk = await loginAs(net, 'tier1', 'clerk');
        const before = (await clerk.request<{ invoices: { totalCount: number } }>(COUNT)).invoices.totalCount;
        const numbers = Array.from({ length: 500 }, (_, index) => `IT-BULK-${index}`);
        let last = 0n;
        const writing = (async () => {
          for (let batch = 0; batch < numbers.length; batch += 25) {
            const done = await Promise.all(
              numbers
                .slice(batch, batch + 25)
                .map((number) =>
                  ledger.invoice.Register({ ...invoiceInput(number), documentHash: sha(number) }),
                ),
            );
            for (const item of done) if (item.blockNumber > last) last = item.blockNumber;
          }
        })();
        await expect
          .poll(
            async () =>
              (await clerk.request<{ invoices: { totalCount: number } }>(COUNT)).invoices.totalCount,
            POLL,
          )
          .toBeGreaterThan(before + 50);
        process.kill(-(runningPid(net.paths, nodeProcessName('supplier')) ?? 0), 'SIGKILL');
        await writing;
        connection.close();
        await startNodeApis(net, { env: SHARED_NODE_ENV });
        const restarted = await loginAs(net, 'tier1', 'clerk');
        await expect
          .poll(
            async () =>
              (await restarted.request<{ invoices: { totalCount: number } }>(COUNT)).invoices.totalCount,
            {
              ...POLL,
              timeout: 120_000,
            },
          )
          .toBe(before + 500);
        const lastBlock = async (): Promise<number> => {
          const metrics = await (await fetch(`${nodeUrl(supplier)}/metrics`)).text();
          return Number(/^scf_projector_last_block (\d+)/m.exec(metrics)?.[1]);
        };
        await expect.poll(lastBlock, POLL).toBeGreaterThanOrEqual(Number(last));
        expect(await reconcile('supplier')).toMatchObject({ status: 0, stdout: 'no differences\n' });
      },
    );
  });
}
