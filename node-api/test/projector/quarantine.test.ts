import type { ChaincodeEvent, Network } from '@hyperledger/fabric-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice } from '@scf/ledger-contract';
import { LedgerError } from '../../src/ledger/errors.ts';
import type { ScfLedger } from '../../src/ledger/scf-ledger.ts';
import { Projector } from '../../src/projector/projector.ts';
import { replayQuarantined } from '../../src/projector/quarantine.ts';
import { reconcile } from '../../src/projector/reconcile.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';

const CHECKPOINT = 'scf/scf';
const encoder = new TextEncoder();

function invoiceRecord(id: string, number: string, txId: string): Invoice {
  return {
    docType: 'invoice',
    id,
    number,
    sellerId: 'E-TIER1',
    buyerId: 'E-CORE',
    amount: '100000',
    paidAmount: '0',
    currency: 'CNY',
    issueDate: '2026-03-01',
    dueDate: '2026-06-01',
    documentHash: 'd'.repeat(64),
    status: 'REGISTERED',
    createdAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-01T02:00:00.000Z',
    txId,
    updatedBy: 'E-TIER1/clerk@SupplierMSP',
  };
}

function event(blockNumber: bigint, transactionId: string, records: unknown[]): ChaincodeEvent {
  return {
    chaincodeName: 'scf',
    blockNumber,
    transactionId,
    eventName: 'InvoiceRegistered',
    payload: encoder.encode(JSON.stringify({ records })),
  };
}

/** The ledger as reconcile sees it: nothing (every row shows as extra), and terms only when `up`. */
function fakeLedger(state: { peerUp: boolean }): ScfLedger {
  return {
    ledger: { ListAll: () => Promise.resolve({ items: [], bookmark: '' }) },
    financing: {
      GetOrgTerms: () =>
        state.peerUp
          ? Promise.reject(new LedgerError('FORBIDDEN', 'not yours'))
          : Promise.reject(new LedgerError('LEDGER_UNAVAILABLE', '14 UNAVAILABLE: connect ECONNREFUSED')),
    },
  } as unknown as ScfLedger;
}

describe('projector quarantine: one event it cannot apply never stops the read model', () => {
  let harness: ApiHarness;
  const peer = { peerUp: true };
  const poisonTx = 'a'.repeat(64);
  const goodTx = 'b'.repeat(64);
  const poison = event(5n, poisonTx, [invoiceRecord('INV-POISON', 'NUL\u0000INSIDE', poisonTx)]);
  const good = event(6n, goodTx, [invoiceRecord('INV-GOOD', 'INV-GOOD', goodTx)]);
  let projector: Projector;

  beforeAll(async () => {
    harness = await startApiHarness();
    projector = new Projector({
      db: harness.db,
      network: {} as Network,
      ledger: fakeLedger(peer),
      chaincode: 'scf',
      checkpointId: CHECKPOINT,
      retry: { attempts: 3, backoffMs: 1 },
    });
  });
  afterAll(async () => {
    await harness.stop();
  });

  const metric = async (): Promise<string> =>
    (await (await harness.api.fetch('http://node.test/metrics')).text())
      .split('\n')
      .find((line) => line.startsWith('scf_projector_quarantined_events ')) ?? '';
  const health = async (): Promise<{ status: number; body: unknown }> => {
    const response = await harness.api.fetch('http://node.test/healthz');
    return { status: response.status, body: await response.json() };
  };

  it('is healthy with nothing quarantined', async () => {
    expect(await metric()).toBe('scf_projector_quarantined_events 0');
    expect(await health()).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: 'ok', projector: 'ok' } },
    });
  });

  it('quarantines a poison event after bounded retries and applies the next one', async () => {
    await projector.apply(poison);
    await projector.apply(good);

    const quarantined = await harness.db.quarantinedEvent.findMany();
    expect(quarantined).toEqual([
      expect.objectContaining({
        transactionId: poisonTx,
        blockNumber: 5n,
        eventName: 'InvoiceRegistered',
        attempts: 3,
      }),
    ]);
    expect(Buffer.from(quarantined[0]?.payload ?? []).equals(Buffer.from(poison.payload))).toBe(true);
    expect(quarantined[0]?.error).toContain('22021');
    expect(await harness.db.invoice.findUnique({ where: { id: 'INV-GOOD' } })).toMatchObject({
      txId: goodTx,
      blockNumber: 6n,
    });
    expect(await harness.db.invoice.findUnique({ where: { id: 'INV-POISON' } })).toBeNull();
    expect(await harness.db.checkpoint.findUnique({ where: { id: CHECKPOINT } })).toMatchObject({
      blockNumber: 6n,
      transactionId: goodTx,
    });
  });

  it('counts it in a gauge read from the table, answers /healthz degraded, and reconcile lists it', async () => {
    expect(await metric()).toBe('scf_projector_quarantined_events 1');
    expect(await health()).toEqual({
      status: 200,
      body: { status: 'degraded', checks: { database: 'ok', projector: 'degraded' } },
    });
    const differences = await reconcile(harness.db, fakeLedger(peer));
    expect(differences).toContainEqual(
      expect.objectContaining({ type: 'event', id: poisonTx, problem: 'quarantined' }),
    );
  });

  it('keeps retrying, without quarantine, while the peer holding private terms is unreachable', async () => {
    peer.peerUp = false;
    const txId = 'c'.repeat(64);
    const financing = {
      docType: 'financing',
      id: 'FIN-1',
      voucherId: 'V-1',
      applicantId: 'E-TIER1',
      bankId: 'E-BANKA',
      debtorId: 'E-CORE',
      amount: '100000',
      maturityDate: '2026-06-01',
      status: 'OFFERED',
      termsHash: 'e'.repeat(64),
      createdAt: '2026-03-01T02:00:00.000Z',
      updatedAt: '2026-03-01T02:00:00.000Z',
      txId,
      updatedBy: 'E-BANKA/approver@BankAMSP',
    };
    await expect(projector.apply(event(7n, txId, [financing]))).rejects.toBeInstanceOf(LedgerError);
    expect(await harness.db.quarantinedEvent.count()).toBe(1);
    expect(await harness.db.checkpoint.findUnique({ where: { id: CHECKPOINT } })).toMatchObject({
      blockNumber: 6n,
    });
    peer.peerUp = true;
    await projector.apply(event(7n, txId, [financing]));
    expect(await harness.db.financing.count()).toBe(1);
  });

  it('replays quarantined events: keeps those still failing with their new error, removes the rest', async () => {
    // A second poison, refused by a rule of the database that an operator later lifts (the "fix").
    await harness.db.$executeRawUnsafe(
      `ALTER TABLE "invoices" ADD CONSTRAINT "no_blocked" CHECK ("number" <> 'BLOCKED')`,
    );
    const blockedTx = 'f'.repeat(64);
    await projector.apply(event(8n, blockedTx, [invoiceRecord('INV-BLOCKED', 'BLOCKED', blockedTx)]));
    expect(await metric()).toBe('scf_projector_quarantined_events 2');
    const firstError = (
      await harness.db.quarantinedEvent.findUniqueOrThrow({ where: { transactionId: poisonTx } })
    ).failedAt;

    await harness.db.$executeRawUnsafe(`ALTER TABLE "invoices" DROP CONSTRAINT "no_blocked"`);
    const replayed = await replayQuarantined(harness.db, fakeLedger(peer));
    expect(replayed.applied).toEqual([blockedTx]);
    expect(replayed.failed.map((f) => f.transactionId)).toEqual([poisonTx]);
    expect(replayed.failed[0]?.error).toContain('22021');
    expect(await harness.db.invoice.findUnique({ where: { id: 'INV-BLOCKED' } })).toMatchObject({
      number: 'BLOCKED',
      blockNumber: 8n,
    });
    const kept = await harness.db.quarantinedEvent.findMany();
    expect(kept.map((row) => row.transactionId)).toEqual([poisonTx]);
    expect(kept[0]?.attempts).toBe(4);
    expect(kept[0]?.failedAt.getTime()).toBeGreaterThanOrEqual(firstError.getTime());
    expect(await metric()).toBe('scf_projector_quarantined_events 1');
    // The checkpoint never moves back.
    expect(await harness.db.checkpoint.findUnique({ where: { id: CHECKPOINT } })).toMatchObject({
      blockNumber: 8n,
    });
  });

  it('never lets a replay overwrite a newer version of an object', async () => {
    const oldTx = '1'.repeat(64);
    const newTx = '2'.repeat(64);
    await harness.db.$executeRawUnsafe(
      `ALTER TABLE "invoices" ADD CONSTRAINT "no_blocked" CHECK ("number" <> 'OLD')`,
    );
    await projector.apply(event(9n, oldTx, [invoiceRecord('INV-VERSIONS', 'OLD', oldTx)]));
    await projector.apply(event(10n, newTx, [invoiceRecord('INV-VERSIONS', 'NEW', newTx)]));
    await harness.db.$executeRawUnsafe(`ALTER TABLE "invoices" DROP CONSTRAINT "no_blocked"`);
    const replayed = await replayQuarantined(harness.db, fakeLedger(peer));
    expect(replayed.applied).toEqual([oldTx]);
    expect(await harness.db.invoice.findUnique({ where: { id: 'INV-VERSIONS' } })).toMatchObject({
      number: 'NEW',
      blockNumber: 10n,
    });
  });

  it('applies a batch in one SQL transaction, and only its bad event is quarantined', async () => {
    const tx = (n: number): string => `9${String(n)}`.padEnd(64, '0');
    const applied: string[] = [];
    const batching = new Projector({
      db: harness.db,
      network: {} as Network,
      ledger: fakeLedger(peer),
      chaincode: 'scf',
      checkpointId: CHECKPOINT,
      retry: { attempts: 2, backoffMs: 1 },
      onApplied: (each) => applied.push(each.transactionId),
    });
    const good = (n: number, block: bigint): ChaincodeEvent =>
      event(block, tx(n), [invoiceRecord(`INV-BATCH-${String(n)}`, `INV-BATCH-${String(n)}`, tx(n))]);
    await harness.db.clientRequest.createMany({
      data: [1, 2].map((n) => ({
        userId: 'U-1',
        key: `batch-${String(n)}`,
        operation: 'registerInvoice',
        argsHash: 'h',
        state: 'PENDING',
        attempt: 'a',
        transactionId: tx(n),
        createdAt: new Date(),
        updatedAt: new Date(),
      })),
    });

    await batching.applyBatch([good(1, 11n), good(2, 12n), good(3, 12n)]);
    expect(applied).toEqual([tx(1), tx(2), tx(3)]);
    expect(await harness.db.invoice.count({ where: { id: { startsWith: 'INV-BATCH-' } } })).toBe(3);
    const settled = await harness.db.clientRequest.findMany({ where: { key: { startsWith: 'batch-' } } });
    expect(settled.map((row) => [row.key, row.state, row.blockNumber])).toEqual([
      ['batch-1', 'VALID', 11n],
      ['batch-2', 'VALID', 12n],
    ]);
    expect(await harness.db.checkpoint.findUnique({ where: { id: CHECKPOINT } })).toMatchObject({
      blockNumber: 12n,
      transactionId: tx(3),
    });

    const bad = event(13n, tx(5), [invoiceRecord('INV-BATCH-5', 'NUL\u0000INSIDE', tx(5))]);
    await batching.applyBatch([good(4, 13n), bad, good(6, 14n)]);
    expect(applied).toEqual([tx(1), tx(2), tx(3), tx(4), tx(6)]);
    expect(await harness.db.invoice.count({ where: { id: { startsWith: 'INV-BATCH-' } } })).toBe(5);
    expect(await harness.db.quarantinedEvent.findUnique({ where: { transactionId: tx(5) } })).toMatchObject({
      attempts: 2,
    });
    expect(await harness.db.checkpoint.findUnique({ where: { id: CHECKPOINT } })).toMatchObject({
      blockNumber: 14n,
      transactionId: tx(6),
    });
  });
});
