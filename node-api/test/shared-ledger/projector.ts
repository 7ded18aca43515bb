import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMember, peerProcessName, runningPid, up, type NetworkContext } from '@scf/network';
import { creditCodeCheckChar } from '@scf/ledger-contract';
import type { Database } from '../../src/db/client.ts';
import { offerSalt } from '../../src/ledger/scf-ledger.ts';
import { Projector } from '../../src/projector/projector.ts';
import { reconcile } from '../../src/projector/reconcile.ts';
import { Consortium, PARTIES, type Session } from '../support/consortium.ts';
import { startFreshDatabase, type FreshDatabase } from '../support/fresh-database.ts';
import type { SharedLedger } from './ledger-network.ts';
import { cstDate, sha } from '../support/values.ts';

const POLL = { timeout: 60_000, interval: 250 };
const RECONCILE_CLI = new URL('../../src/cli/reconcile.ts', import.meta.url).pathname;

/** The projector on the shared ledger; first of its suites, so that it projects from an untouched ledger. */
export function projectorSuite(shared: () => SharedLedger): void {
  describe('projector: chaincode events into the read model', () => {
    let consortium: Consortium;
    let database: FreshDatabase;
    let db: Database;
    let reader: Session;
    let service: Session;
    let projector: Projector | undefined;

    const network = (): NetworkContext => shared().ctx;
    const startProjector = (): Projector => {
      const started = new Projector({
        db,
        network: service.connection.gateway.getNetwork('scf'),
        ledger: service.ledger,
        chaincode: 'scf',
        checkpointId: 'scf/scf',
      });
      started.start();
      projector = started;
      return started;
    };
    /** Runs the reconcile command as an operator would, against this test's network and database. */
    const reconcileCommand = (): { status: number | null; stdout: string } =>
      spawnSync(process.execPath, [RECONCILE_CLI, '--org', 'supplier', '--state-dir', network().paths.root], {
        env: { ...process.env, DATABASE_URL: database.url },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const registerInvoice = async (
      number: string,
    ): Promise<{ id: string; transactionId: string; blockNumber: bigint }> => {
      const clerk = await consortium.as('tier1', 'clerk');
      const committed = await clerk.ledger.invoice.Register({
        number,
        buyerId: PARTIES.core.id,
        amount: '1000000',
        issueDate: cstDate(0),
        dueDate: cstDate(60),
        documentHash: sha(number),
      });
      return {
        id: committed.value.id,
        transactionId: committed.transactionId,
        blockNumber: committed.blockNumber,
      };
    };

    beforeAll(async () => {
      consortium = shared().consortium;
      reader = await consortium.as('tier1', 'clerk');
      service = await consortium.orgAdmin('supplier');
      database = await startFreshDatabase();
      db = database.db;
    });

    afterAll(async () => {
      await projector?.stop();
      await database.stop();
    });

    it('projects every write with its proof: transaction id and block number', async () => {
      startProjector();
      await expect.poll(() => db.enterprise.count(), POLL).toBe(Object.keys(PARTIES).length);
      const invoice = await registerInvoice('PRJ-1');
      await expect
        .poll(() => db.invoice.findUnique({ where: { id: invoice.id } }), POLL)
        .toMatchObject({
          status: 'REGISTERED',
          amount: 1_000_000n,
          txId: invoice.transactionId,
          blockNumber: invoice.blockNumber,
        });
    });

    it('loses and duplicates nothing when it is stopped and restarted mid-stream', async () => {
      const numbers = Array.from({ length: 30 }, (_, index) => `PRJ-RESTART-${index}`);
      const writing = (async () => {
        const done = [];
        for (let batch = 0; batch < numbers.length; batch += 10) {
          done.push(...(await Promise.all(numbers.slice(batch, batch + 10).map(registerInvoice))));
        }
        return done;
      })();
      await expect.poll(() => db.invoice.count(), POLL).toBeGreaterThan(5);
      await projector?.stop();
      const written = await writing;
      startProjector();
      await expect.poll(() => db.invoice.count(), POLL).toBe(1 + numbers.length);
      const last = written.reduce((max, item) => (item.blockNumber > max ? item.blockNumber : max), 0n);
      await expect
        .poll(() => db.checkpoint.findUnique({ where: { id: 'scf/scf' } }), POLL)
        .toMatchObject({ blockNumber: last });
      for (const item of written) {
        const row = await db.invoice.findUnique({ where: { id: item.id } });
        expect(row).toMatchObject({ txId: item.transactionId, blockNumber: item.blockNumber });
      }
    });

    it('catches up after its peer is killed and restored', async () => {
      const net = network();
      const supplier = findMember(net.topology, 'supplier');
      process.kill(runningPid(net.paths, peerProcessName(supplier)) ?? 0, 'SIGKILL');
      const admin = await consortium.orgAdmin('core');
      const ids = ['91370200MA0E00001', '91370200MA0E00002'].map(
        (first17) => `${first17}${creditCodeCheckChar(first17)}`,
      );
      for (const id of ids)
        await admin.ledger.enterprise.Register({ id, name: `Core ${id.slice(-4)}`, kind: 'CORE' });
      await up(net);
      await expect.poll(() => db.enterprise.count({ where: { id: { in: ids } } }), POLL).toBe(2);
    });

    it("projects the offer terms its org holds, for the applicant's org", async () => {
      // The shared ledger's LPR and bank A's line for the core enterprise are in force.
      const bank = await consortium.as('bankA', 'approver');
      const invoice = await registerInvoice('PRJ-TERMS');
      const core = await consortium.as('core', 'approver');
      await core.ledger.waitForBlock(invoice.blockNumber);
      const confirmed = await core.ledger.invoice.Confirm({ invoiceId: invoice.id, waiveDelivery: true });
      await reader.ledger.waitForBlock(confirmed.blockNumber);
      const applied = await reader.ledger.financing.Apply({
        voucherId: invoice.id,
        bankId: PARTIES.bankA.id,
      });
      await bank.ledger.waitForBlock(applied.blockNumber);
      const offered = await bank.ledger.financing.Offer(
        { financingId: applied.value.id },
        {
          transient: {
            terms: {
              advanceRateBps: 8000,
              spreadBps: 50,
              fees: '100',
              validUntil: cstDate(3),
              recourse: true,
              salt: offerSalt(),
            },
          },
          endorsingOrganizations: ['BankAMSP', 'SupplierMSP'],
        },
      );
      await expect
        .poll(() => db.offerTerms.findUnique({ where: { financingId: applied.value.id } }), POLL)
        .toMatchObject({
          faceAmount: 1_000_000n,
          financedAmount: 800_000n,
          annualRateBps: 360,
          termsHash: offered.value.termsHash,
        });
      await expect(reconcile(db, reader.ledger)).resolves.toEqual([]);
      expect(reconcileCommand()).toMatchObject({ status: 0, stdout: 'no differences\n' });
    });

    it('reconciles clean, and then reports each row tampered with, deleted or invented', async () => {
      const last = await registerInvoice('PRJ-RECONCILE');
      await expect
        .poll(() => db.checkpoint.findUnique({ where: { id: 'scf/scf' } }), POLL)
        .toMatchObject({
          blockNumber: last.blockNumber,
        });
      await expect(reconcile(db, reader.ledger)).resolves.toEqual([]);

      await db.invoice.update({ where: { id: last.id }, data: { amount: 1n, status: 'CONFIRMED' } });
      await db.enterprise.delete({ where: { id: PARTIES.carrier.id } });
      const invented = {
        ...(await db.invoice.findUniqueOrThrow({ where: { id: last.id } })),
        id: 'f'.repeat(64),
      };
      await db.invoice.create({ data: invented });
      const differences = await reconcile(db, reader.ledger);
      expect(differences).toEqual(
        expect.arrayContaining([
          { type: 'invoice', id: last.id, problem: 'different', fields: ['amount', 'status'] },
          { type: 'enterprise', id: PARTIES.carrier.id, problem: 'missing', fields: [] },
          { type: 'invoice', id: 'f'.repeat(64), problem: 'extra', fields: [] },
        ]),
      );
      expect(differences).toHaveLength(3);
      const command = reconcileCommand();
      expect(command.status).toBe(1);
      expect(command.stdout).toContain(`different invoice    ${last.id} (amount, status)`);
      expect(command.stdout).toContain('3 difference(s)');
    });
  });
}
