import { creditCodeCheckChar } from '@scf/ledger-contract';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chaincodeProcessName,
  deployChaincode,
  findMember,
  stopProcess,
  type MemberPlan,
  type NetworkContext,
} from '@scf/network';
import { nodeDatabaseUrl, nodeUrl } from '../../src/cli/node-env.ts';
import { ensureNode, nodeProcessName } from '../../src/cli/node-processes.ts';
import { createDatabase } from '../../src/db/client.ts';
import { DEMO_PASSWORD, demoEnterprise } from '../../src/demo/demo-consortium.ts';
import { ApiError, NodeClient } from '../../src/demo/graphql-client.ts';
import { scfLedger } from '../../src/ledger/scf-ledger.ts';
import { ClientRequests } from '../../src/requests/client-requests.ts';
import { SHARED_NODE_ENV } from '../rules/rules-network.ts';
import { Consortium } from '../support/consortium.ts';
import { cstDate } from '../support/values.ts';

/**
 * Issue 14, item 4 ("clients never guess"), on a real network through a real node API: one key, one
 * transaction; the outcome of a write by its id or key (the caller's own only); a chaincode server
 * that is down reported as such, quickly; a write left PENDING by a crash sent by the node's sweep;
 * dead orderers answered within the commit wait.
 */

/** The node's commit wait here: short, so that the test of dead orderers is quick. */
const COMMIT_WAIT_MS = 5_000;
/** What the address of a host or a port looks like in an error message (none may reach clients). */
const INTERNAL = /\d{1,3}(\.\d{1,3}){3}|:\d{2,5}\b|peer0|orderer\d/;

const REGISTER = `mutation($input: RegisterInvoiceInput!, $key: String) {
  registerInvoice(input: $input, clientRequestId: $key) {
    projection transactionId blockNumber invoice { id status amount } } }`;
const STATUS = `query($t: ID, $k: String) {
  transactionStatus(transactionId: $t, clientRequestId: $k) { state transactionId blockNumber reason } }`;
const HISTORY = `query($id: ID!) { history(type: invoice, id: $id) { transactionId blockNumber } }`;

interface Registered {
  registerInvoice: {
    projection: string;
    transactionId: string;
    blockNumber: string | null;
    invoice: { id: string; status: string; amount: string } | null;
  };
}

interface Status {
  transactionStatus: {
    state: string;
    transactionId: string | null;
    blockNumber: string | null;
    reason: string | null;
  };
}

/** A rejected request's error, to look at its code and words. */
async function failure(request: Promise<unknown>): Promise<ApiError> {
  const error = await request.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an API error, got ${String(error)}`);
  return error;
}

/**
 * Runs last on the shared network: it restarts the supplier node with a short commit wait, stops a
 * chaincode server, and leaves the network without orderers.
 */
export function idempotencySuite(network: () => NetworkContext): void {
  describe('idempotent writes and truthful errors on the real network', () => {
    let supplier: MemberPlan;
    let clerk: NodeClient;
    let colleague: NodeClient;

    /** An invoice to the core enterprise whose document the clerk's enterprise uploaded first. */
    async function invoiceInput(number: string, amount = '500000'): Promise<Record<string, unknown>> {
      const document = await clerk.upload(`${number}.txt`, 'text/plain', new TextEncoder().encode(number));
      return {
        number,
        buyerId: demoEnterprise('core').id,
        amount,
        issueDate: cstDate(0),
        dueDate: cstDate(60),
        documentSha256: document,
      };
    }

    beforeAll(async () => {
      supplier = findMember(network().topology, 'supplier');
      const name = nodeProcessName(supplier.name);
      if (!(await stopProcess(network().paths, name))) throw new Error(`${name} is not running`);
      await ensureNode(network(), supplier, {
        env: { ...SHARED_NODE_ENV, SCF_COMMIT_WAIT_MS: String(COMMIT_WAIT_MS) },
      });
      const admin = await new NodeClient(nodeUrl(supplier)).login('admin', DEMO_PASSWORD);
      const clerks: NodeClient[] = [];
      for (const username of ['idem.clerk', 'idem.colleague']) {
        await admin.request('mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
          input: {
            username,
            password: DEMO_PASSWORD,
            displayName: username,
            role: 'CLERK',
            enterpriseId: demoEnterprise('tier1').id,
          },
        });
        clerks.push(await new NodeClient(nodeUrl(supplier)).login(username, DEMO_PASSWORD));
      }
      [clerk, colleague] = clerks as [NodeClient, NodeClient];
    });

    it('sends one transaction for a mutation sent twice with one key, and answers both alike', async () => {
      const input = await invoiceInput('IDEM-1');
      const first = await clerk.request<Registered>(REGISTER, { input, key: 'idem-1' });
      const second = await clerk.request<Registered>(REGISTER, { input, key: 'idem-1' });
      expect(first.registerInvoice).toMatchObject({
        projection: 'APPLIED',
        invoice: { status: 'REGISTERED' },
      });
      expect(second).toEqual(first);
      const id = first.registerInvoice.invoice?.id ?? '';
      const history = await clerk.request<{ history: unknown[] }>(HISTORY, { id });
      expect(history.history).toEqual([
        {
          transactionId: first.registerInvoice.transactionId,
          blockNumber: first.registerInvoice.blockNumber,
        },
      ]);
      // Without the key, the same write is a second transaction, which the chaincode refuses.
      expect((await failure(clerk.request(REGISTER, { input }))).code).toBe('ALREADY_EXISTS');
    });

    it('refuses the same key with other arguments', async () => {
      const input = await invoiceInput('IDEM-1', '600000');
      expect((await failure(clerk.request(REGISTER, { input, key: 'idem-1' }))).code).toBe(
        'IDEMPOTENCY_KEY_REUSED',
      );
    });

    it('tells the outcome by transaction id and by key, to the writer only', async () => {
      const done = await clerk.request<Registered>(REGISTER, {
        input: await invoiceInput('IDEM-2'),
        key: 'idem-2',
      });
      const { transactionId, blockNumber } = done.registerInvoice;
      const valid = { state: 'VALID', transactionId, blockNumber, reason: null };
      expect((await clerk.request<Status>(STATUS, { t: transactionId })).transactionStatus).toEqual(valid);
      expect((await clerk.request<Status>(STATUS, { k: 'idem-2' })).transactionStatus).toEqual(valid);
      const unknown = { state: 'UNKNOWN', blockNumber: null, reason: null };
      expect((await colleague.request<Status>(STATUS, { t: transactionId })).transactionStatus).toMatchObject(
        unknown,
      );
      expect((await colleague.request<Status>(STATUS, { k: 'idem-2' })).transactionStatus).toMatchObject(
        unknown,
      );
    });

    it('reports a chaincode server that is down as CHAINCODE_UNAVAILABLE, quickly, and a retry succeeds', async () => {
      const input = await invoiceInput('IDEM-DOWN');
      await stopProcess(network().paths, chaincodeProcessName(supplier));
      try {
        const started = Date.now();
        const error = await failure(clerk.request(REGISTER, { input, key: 'idem-down' }));
        const seconds = (Date.now() - started) / 1000;
        expect({ code: error.code, fast: seconds < 30 }).toEqual({
          code: 'CHAINCODE_UNAVAILABLE',
          fast: true,
        });
        expect(error.message).not.toMatch(INTERNAL);
        expect((await clerk.request<Status>(STATUS, { k: 'idem-down' })).transactionStatus).toMatchObject({
          state: 'INVALID',
          reason: 'CHAINCODE_UNAVAILABLE',
        });
      } finally {
        await deployChaincode(network());
      }
      // Nothing reached the ledger: the same key is sent afresh, and commits.
      const retried = await clerk.request<Registered>(REGISTER, { input, key: 'idem-down' });
      expect(retried.registerInvoice.projection).toBe('APPLIED');
      expect((await clerk.request<Status>(STATUS, { k: 'idem-down' })).transactionStatus.state).toBe('VALID');
    });

    it('sends a write that a crash left PENDING before the orderers got it, and it commits', async () => {
      const db = createDatabase(nodeDatabaseUrl(network(), supplier));
      const consortium = new Consortium(network());
      try {
        const clerkId = (await db.user.findUniqueOrThrow({ where: { username: 'idem.clerk' } })).id;
        const requests = new ClientRequests(db);
        const claimed = await requests.claim(clerkId, {
          operation: 'registerEnterprise',
          key: 'idem-crash',
          argsHash: 'c'.repeat(64),
        });
        if ('existing' in claimed) throw new Error('key idem-crash was taken');
        // Endorsed and recorded PENDING with its signed envelope, as a node does; then the node "dies"
        // before the gateway's Submit.
        const { connection } = await consortium.orgAdmin('supplier');
        const { channel, chaincode } = network().topology.config;
        const ledger = scfLedger(connection.gateway, channel, chaincode.name, connection.sign);
        const crash = new Error('crashed before Submit');
        const enterprise = { id: `91370200MA0C00099${creditCodeCheckChar('91370200MA0C00099')}` };
        const write = ledger
          .tracked({
            hooks: {
              endorsing: (transactionId) => requests.endorsing(claimed, transactionId),
              ordering: async (transactionId, result, envelope) => {
                await requests.ordering(claimed, transactionId, new TextDecoder().decode(result), envelope);
                throw crash;
              },
            },
          })
          .enterprise.Register({ ...enterprise, name: 'Crash Test Castings', kind: 'SUPPLIER' });
        await expect(write).rejects.toBe(crash);
        const aMinuteAgo = new Date(Date.now() - 60_000);
        await db.clientRequest.update({
          where: { id: claimed.id },
          data: { sentAt: aMinuteAgo, updatedAt: aMinuteAgo },
        });
        // The node's sweep (every 10 s) finds it overdue and unknown to the peer, and sends it.
        let status: Status['transactionStatus'] | undefined;
        for (const started = Date.now(); Date.now() - started < 40_000;) {
          status = (await clerk.request<Status>(STATUS, { k: 'idem-crash' })).transactionStatus;
          if (status.state !== 'PENDING') break;
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
        expect(status).toMatchObject({ state: 'VALID', reason: null });
        expect(await db.clientRequest.findUnique({ where: { id: claimed.id } })).toMatchObject({
          resends: 1,
          envelope: null,
        });
        await expect
          .poll(() => db.enterprise.findUnique({ where: enterprise }), { timeout: 10_000 })
          .toMatchObject(enterprise);
      } finally {
        consortium.closeAll();
        await db.$disconnect();
      }
    });

    // Last: the network stays without orderers until the file's afterAll removes it.
    it('answers a write within the commit wait when the orderers are gone, never after a minute', async () => {
      const input = await invoiceInput('IDEM-NO-ORDERER');
      for (const orderer of network().topology.ordererOrg.orderers) {
        await stopProcess(network().paths, orderer.name, 3_000);
      }
      const started = Date.now();
      const outcome = await clerk.request<Registered>(REGISTER, { input, key: 'idem-orderers' }).then(
        (done) => done.registerInvoice,
        (error: unknown) => error,
      );
      const seconds = (Date.now() - started) / 1000;
      expect(seconds).toBeLessThan((COMMIT_WAIT_MS + 15_000) / 1000);
      if (outcome instanceof ApiError) {
        expect(outcome.code).toBe('ORDERING_UNAVAILABLE');
        expect(outcome.message).not.toMatch(INTERNAL);
      } else {
        expect(outcome).toMatchObject({ projection: 'PENDING', blockNumber: null, invoice: null });
        const status = await clerk.request<Status>(STATUS, {
          t: (outcome as Registered['registerInvoice']).transactionId,
        });
        expect(status.transactionStatus.state).toBe('PENDING');
      }
    });
  });
}
