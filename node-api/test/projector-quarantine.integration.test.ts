import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkContext } from '@scf/network';
import { Events } from '@scf/ledger-contract';
import type { Database } from '../src/db/client.ts';
import { submit } from '../src/ledger/submit.ts';
import { Projector } from '../src/projector/projector.ts';
import { Consortium, PARTIES, type Session } from './support/consortium.ts';
import { startFreshDatabase, type FreshDatabase } from './support/fresh-database.ts';
import { startTestNetwork, stopTestNetwork } from './support/test-network.ts';
import { cstDate, sha } from './support/values.ts';

const POLL = { timeout: 60_000, interval: 250 };
const CHECKPOINT = 'scf/scf';
const CLI = (name: string): string => new URL(`../src/cli/${name}.ts`, import.meta.url).pathname;

/**
 * An event no read model can store, written straight onto the ledger through fabric-gateway with the
 * test-only contract (`test:EmitRaw`, served when SCF_CHAINCODE_TEST_CONTRACTS=1): the projector must
 * quarantine it and go on.
 */
describe('projector on the real network: a poison event is quarantined, the next write applied', () => {
  let ctx: NetworkContext | undefined;
  let consortium: Consortium;
  let database: FreshDatabase;
  let db: Database;
  let clerk: Session;
  let projector: Projector | undefined;

  const network = (): NetworkContext => {
    if (!ctx) throw new Error('network did not start');
    return ctx;
  };
  const command = (name: string): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(process.execPath, [CLI(name), '--org', 'supplier', '--state-dir', network().paths.root], {
      env: { ...process.env, DATABASE_URL: database.url },
      encoding: 'utf8',
      timeout: 60_000,
    });

  beforeAll(async () => {
    ctx = await startTestNetwork(1, { testContracts: true });
    consortium = new Consortium(ctx);
    await consortium.registerParties();
    clerk = await consortium.as('tier1', 'clerk');
    const service = await consortium.orgAdmin('supplier');
    database = await startFreshDatabase();
    db = database.db;
    projector = new Projector({
      db,
      network: service.connection.gateway.getNetwork('scf'),
      ledger: service.ledger,
      chaincode: 'scf',
      checkpointId: CHECKPOINT,
      retry: { attempts: 3, backoffMs: 50 },
    });
    projector.start();
  });

  afterAll(async () => {
    await projector?.stop();
    await database.stop();
    consortium.closeAll();
    await stopTestNetwork(ctx);
  });

  it('quarantines an invoice event holding a NUL and still applies the write after it', async () => {
    const now = new Date().toISOString();
    const poison = {
      records: [
        {
          docType: 'invoice',
          id: 'POISON-1',
          number: 'NUL\u0000INSIDE',
          sellerId: PARTIES.tier1.id,
          buyerId: PARTIES.core.id,
          amount: '100000',
          paidAmount: '0',
          currency: 'CNY',
          issueDate: cstDate(0),
          dueDate: cstDate(60),
          documentHash: sha('poison'),
          status: 'REGISTERED',
          createdAt: now,
          updatedAt: now,
          txId: 'planted',
          updatedBy: `${PARTIES.tier1.id}/clerk@SupplierMSP`,
        },
      ],
    };
    const contract = clerk.connection.gateway.getNetwork('scf').getContract('scf', 'test');
    const emitted = await submit(contract, 'EmitRaw', [Events.InvoiceRegistered, JSON.stringify(poison)]);
    const good = await clerk.ledger.invoice.Register({
      number: 'AFTER-POISON',
      buyerId: PARTIES.core.id,
      amount: '1000000',
      issueDate: cstDate(0),
      dueDate: cstDate(60),
      documentHash: sha('AFTER-POISON'),
    });
    expect(good.blockNumber).toBeGreaterThanOrEqual(emitted.blockNumber);

    await expect
      .poll(() => db.invoice.findUnique({ where: { id: good.value.id } }), POLL)
      .toMatchObject({ txId: good.transactionId, blockNumber: good.blockNumber });
    const quarantined = await db.quarantinedEvent.findMany();
    expect(quarantined).toEqual([
      expect.objectContaining({
        transactionId: emitted.transactionId,
        blockNumber: emitted.blockNumber,
        eventName: Events.InvoiceRegistered,
        attempts: 3,
      }),
    ]);
    expect(quarantined[0]?.error).toContain('22021');
    expect(JSON.parse(Buffer.from(quarantined[0]?.payload ?? []).toString('utf8'))).toEqual(poison);
    expect(await db.invoice.findUnique({ where: { id: 'POISON-1' } })).toBeNull();
    expect(await db.checkpoint.findUnique({ where: { id: CHECKPOINT } })).toMatchObject({
      blockNumber: good.blockNumber,
      transactionId: good.transactionId,
    });
  });

  it('lists it in reconcile, and keeps it through a replay that cannot apply it yet', () => {
    const reconciled = command('reconcile');
    expect(reconciled.status, reconciled.stderr).toBe(1);
    expect(reconciled.stdout).toMatch(/^quarantined event +[0-9a-f]{64} \(block \d+, InvoiceRegistered: /m);
    expect(reconciled.stdout).toContain('1 difference(s)');

    const replayed = command('replay-quarantine');
    expect(replayed.status, replayed.stderr).toBe(1);
    expect(replayed.stdout).toMatch(/^failing +[0-9a-f]{64} \(PostgreSQL 22021: /m);
    expect(replayed.stdout).toContain('0 applied, 1 still quarantined');
  });
});
